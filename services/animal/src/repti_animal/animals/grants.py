"""What a lease or a partnership lets someone outside the animal's vivarium do with it.

A lease lends the borrower the animal's use for its duration: its members read the record and
its history, log its care and pair it (at most as handlers: the record stays the lender's).
A partnership lets each side read the animals the other has chosen to show beyond itself,
`lineage_only` or `public` ones, and the pairings made of such animals; private stays private.

Both grants hold only while the lease or partnership is active and both vivariums are live.
"""

from __future__ import annotations

import uuid
from enum import StrEnum

from sqlalchemy import case, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.auth.dependencies import VivariumAccess, member_access
from reptidex_common.auth.principal import Principal
from reptidex_common.models.animal import Animal, Lease
from reptidex_common.models.animal_enums import LeaseStatus, Visibility
from reptidex_common.models.core import Partnership, Vivarium
from reptidex_common.models.enums import PartnershipStatus, VivariumRole

# What partners see of each other: what the owner already shows beyond its own vivarium.
PARTNER_SHARED = (Visibility.lineage_only, Visibility.public)


class AnimalUse(StrEnum):
    read = "read"  # the record and its history
    care = "care"  # log husbandry, pair it: what a lease lends
    manage = "manage"  # change the record itself: the owner's members only


def shared_with_partners(animal: Animal) -> bool:
    return animal.visibility in PARTNER_SHARED


def capped(access: VivariumAccess, ceiling: VivariumRole) -> VivariumAccess:
    role = access.role
    if role is None or role.rank > ceiling.rank:
        role = ceiling
    return VivariumAccess(vivarium=access.vivarium, principal=access.principal, role=role)


def read_only(access: VivariumAccess) -> VivariumAccess:
    return capped(access, VivariumRole.keeper)


async def borrower_of(session: AsyncSession, animal: Animal) -> uuid.UUID | None:
    """The vivarium the animal is on active loan to, while its lender is live."""
    return await session.scalar(
        select(Lease.borrower_vivarium_id)
        .join(Vivarium, Vivarium.id == Lease.lender_vivarium_id)
        .where(
            Lease.animal_id == animal.id,
            Lease.status == LeaseStatus.active,
            Lease.lender_vivarium_id == animal.vivarium_id,
            Vivarium.deleted_at.is_(None),
        )
    )


async def active_partners(session: AsyncSession, vivarium_id: uuid.UUID) -> list[uuid.UUID]:
    """The live vivariums in an active partnership with `vivarium_id`."""
    other = case(
        (Partnership.requester_vivarium_id == vivarium_id, Partnership.partner_vivarium_id),
        else_=Partnership.requester_vivarium_id,
    )
    rows = await session.scalars(
        select(Vivarium.id)
        .join(Partnership, Vivarium.id == other)
        .where(
            or_(
                Partnership.requester_vivarium_id == vivarium_id,
                Partnership.partner_vivarium_id == vivarium_id,
            ),
            Partnership.status == PartnershipStatus.active,
            Vivarium.deleted_at.is_(None),
        )
    )
    return list(rows)


async def partner_access(
    session: AsyncSession, principal: Principal, vivarium_id: uuid.UUID
) -> VivariumAccess | None:
    """The caller's read-only access to `vivarium_id` through one of its active partners."""
    for partner_id in await active_partners(session, vivarium_id):
        access = await member_access(session, principal, partner_id)
        if access is not None:
            return capped(access, VivariumRole.keeper)
    return None


async def granted_access(
    session: AsyncSession, principal: Principal, animal: Animal, use: AnimalUse
) -> VivariumAccess | None:
    """Access to `animal` through a lease or a partnership, for a caller who is not a member.

    The access names the caller's own vivarium (the borrower's or the partner's), so what they
    write (a log, a pairing) is recorded where they keep the animal.
    """
    if use is AnimalUse.manage:
        return None
    borrower_id = await borrower_of(session, animal)
    if borrower_id is not None:
        access = await member_access(session, principal, borrower_id)
        if access is not None:
            return capped(access, VivariumRole.handler)
    if use is AnimalUse.read and shared_with_partners(animal):
        return await partner_access(session, principal, animal.vivarium_id)
    return None
