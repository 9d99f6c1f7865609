"""Which of many animals the caller may log for, decided in one query (batch logging).

The same rule as `authorize_vivarium`, applied to a set: membership role or staff role,
a vivarium-bound API key only in its vivarium, deleted vivariums invisible; and, as
`animals.grants` says for one animal, a borrower logs the animals on loan to it.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from reptidex_common.auth.principal import Principal
from reptidex_common.models.animal import Animal, Lease
from reptidex_common.models.animal_enums import LeaseStatus
from reptidex_common.models.core import Membership, Vivarium
from reptidex_common.models.enums import PlatformRole, VivariumRole


@dataclass(frozen=True)
class AnimalGrant:
    animal_id: uuid.UUID
    vivarium_id: uuid.UUID
    role: VivariumRole | None
    archived: bool

    def allows(self, minimum: VivariumRole) -> bool:
        return self.role is not None and self.role.at_least(minimum)


def staff_role(principal: Principal) -> VivariumRole | None:
    # Mirrors the common check: admins act as owners everywhere, support may only look.
    if principal.platform_role is PlatformRole.admin:
        return VivariumRole.herpetologist
    if principal.platform_role is PlatformRole.support:
        return VivariumRole.keeper
    return None


async def grants_for(
    session: AsyncSession, principal: Principal, animal_ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, AnimalGrant]:
    """Animal id → the caller's effective role over it; animals they may not see are absent."""
    rows = await session.execute(
        select(Animal.id, Animal.vivarium_id, Animal.archived_at, Membership.role)
        .join(Vivarium, Vivarium.id == Animal.vivarium_id)
        .outerjoin(
            Membership,
            (Membership.vivarium_id == Animal.vivarium_id)
            & (Membership.user_id == principal.user_id),
        )
        .where(Animal.id.in_(list(animal_ids)), Vivarium.deleted_at.is_(None))
    )
    staff = staff_role(principal)
    grants: dict[uuid.UUID, AnimalGrant] = {}
    for animal_id, vivarium_id, archived_at, member_role in rows:
        if principal.vivarium_id is not None and principal.vivarium_id != vivarium_id:
            continue
        roles = [r for r in (member_role, staff) if r is not None]
        if not roles:
            continue
        grants[animal_id] = AnimalGrant(
            animal_id=animal_id,
            vivarium_id=vivarium_id,
            role=max(roles, key=lambda r: r.rank),
            archived=archived_at is not None,
        )
    missing = [animal_id for animal_id in animal_ids if animal_id not in grants]
    if missing:
        grants.update(await _leased_in_grants(session, principal, missing))
    return grants


async def _leased_in_grants(
    session: AsyncSession, principal: Principal, animal_ids: list[uuid.UUID]
) -> dict[uuid.UUID, AnimalGrant]:
    """Animals on active loan to a vivarium the caller belongs to: logged there, as handler at most.

    The same rule as `animals.grants` for one animal, applied to a set.
    """
    lender = aliased(Vivarium)
    rows = await session.execute(
        select(Animal.id, Lease.borrower_vivarium_id, Animal.archived_at, Membership.role)
        .join(Lease, (Lease.animal_id == Animal.id) & (Lease.status == LeaseStatus.active))
        .join(lender, (lender.id == Lease.lender_vivarium_id) & lender.deleted_at.is_(None))
        .join(Vivarium, Vivarium.id == Lease.borrower_vivarium_id)
        .join(
            Membership,
            (Membership.vivarium_id == Lease.borrower_vivarium_id)
            & (Membership.user_id == principal.user_id),
        )
        .where(
            Animal.id.in_(animal_ids),
            Animal.vivarium_id == Lease.lender_vivarium_id,
            Vivarium.deleted_at.is_(None),
        )
    )
    grants: dict[uuid.UUID, AnimalGrant] = {}
    for animal_id, borrower_id, archived_at, member_role in rows:
        if principal.vivarium_id is not None and principal.vivarium_id != borrower_id:
            continue
        role = member_role
        if role.rank > VivariumRole.handler.rank:
            role = VivariumRole.handler
        grants[animal_id] = AnimalGrant(
            animal_id=animal_id,
            vivarium_id=borrower_id,
            role=role,
            archived=archived_at is not None,
        )
    return grants
