"""Partnership rules: proposed by one vivarium, accepted by the other, ended by either.

Everything here needs curator or higher on the acting side. Someone who is in neither
vivarium gets 404, so a partnership id reveals nothing to outsiders.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from repti_core.partnerships import events, repository
from repti_core.partnerships.exceptions import (
    NeedsCurator,
    OnlyPartnerAccepts,
    OpenPartnershipExists,
    PartnerNotFound,
    PartnershipNotFound,
    PartnershipStatusConflict,
    SelfPartnership,
)
from repti_core.partnerships.schemas import PartnershipCreate, PartnershipRead, VivariumSummary
from repti_core.vivariums import repository as vivariums
from reptidex_common.auth.dependencies import VivariumAccess, member_access
from reptidex_common.auth.principal import Principal
from reptidex_common.events.actors import actor_of
from reptidex_common.events.emitting import emit
from reptidex_common.events.types.core import PartnershipAccepted, PartnershipProposed
from reptidex_common.models.core import Partnership, Vivarium
from reptidex_common.models.enums import PartnershipStatus, VivariumRole


def _summary(vivarium: Vivarium) -> VivariumSummary:
    return VivariumSummary(id=vivarium.id, slug=vivarium.slug, name=vivarium.name)


def to_read(partnership: Partnership, requester: Vivarium, partner: Vivarium) -> PartnershipRead:
    return PartnershipRead(
        id=partnership.id,
        status=partnership.status,
        requester=_summary(requester),
        partner=_summary(partner),
        note=partnership.note,
        created_at=partnership.created_at,
        accepted_at=partnership.accepted_at,
        ended_at=partnership.ended_at,
    )


async def propose(
    session: AsyncSession, access: VivariumAccess, data: PartnershipCreate
) -> PartnershipRead:
    requester = access.vivarium
    partner = await vivariums.live_vivarium_by_slug(session, data.partner_slug)
    if partner is None:
        raise PartnerNotFound()
    if partner.id == requester.id:
        raise SelfPartnership()
    if await repository.open_between(session, requester.id, partner.id):
        raise OpenPartnershipExists()
    partnership = Partnership(
        requester_vivarium_id=requester.id,
        partner_vivarium_id=partner.id,
        status=PartnershipStatus.proposed,
        note=data.note,
        proposed_by_id=access.principal.user_id,
    )
    session.add(partnership)
    try:
        # The partial unique index settles a race between two proposals for the same pair.
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:
        raise OpenPartnershipExists() from exc
    await session.refresh(partnership)
    emit(
        session,
        PartnershipProposed(
            partnership_id=partnership.id,
            requester_vivarium_id=requester.id,
            partner_vivarium_id=partner.id,
            requester_name=requester.name,
            partner_name=partner.name,
            proposed_by_id=partnership.proposed_by_id,
            note=partnership.note,
        ),
        actor=actor_of(access.principal),
        vivarium_id=requester.id,
    )
    return to_read(partnership, requester, partner)


async def list_for(session: AsyncSession, access: VivariumAccess) -> list[PartnershipRead]:
    rows = await repository.for_vivarium(session, access.vivarium.id)
    return [to_read(*row) for row in rows]


async def _role_in(
    session: AsyncSession, principal: Principal, vivarium_id: uuid.UUID
) -> VivariumRole | None:
    access = await member_access(session, principal, vivarium_id)
    return access.role if access else None


async def _load(
    session: AsyncSession, principal: Principal, partnership_id: uuid.UUID
) -> tuple[repository.PartnershipRow, VivariumRole | None, VivariumRole | None]:
    row = await repository.by_id_locked(session, partnership_id)
    if row is None:
        raise PartnershipNotFound()
    partnership = row[0]
    requester_role = await _role_in(session, principal, partnership.requester_vivarium_id)
    partner_role = await _role_in(session, principal, partnership.partner_vivarium_id)
    if requester_role is None and partner_role is None:
        raise PartnershipNotFound()
    return row, requester_role, partner_role


def _curator(role: VivariumRole | None) -> bool:
    return role is not None and role.at_least(VivariumRole.curator)


async def accept(
    session: AsyncSession, principal: Principal, partnership_id: uuid.UUID
) -> PartnershipRead:
    row, _requester_role, partner_role = await _load(session, principal, partnership_id)
    partnership = row[0]
    if not _curator(partner_role):
        raise OnlyPartnerAccepts()
    if partnership.status is not PartnershipStatus.proposed:
        raise PartnershipStatusConflict("accepted", partnership.status)
    partnership.status = PartnershipStatus.active
    partnership.accepted_at = datetime.now(UTC)
    await session.flush()
    emit(
        session,
        PartnershipAccepted(
            partnership_id=partnership.id,
            requester_vivarium_id=partnership.requester_vivarium_id,
            partner_vivarium_id=partnership.partner_vivarium_id,
        ),
        actor=actor_of(principal),
        vivarium_id=partnership.partner_vivarium_id,
    )
    return to_read(*row)


async def end(
    session: AsyncSession, principal: Principal, partnership_id: uuid.UUID
) -> PartnershipRead:
    """Either side ends it; ending a proposal withdraws (or rejects) it."""
    row, requester_role, partner_role = await _load(session, principal, partnership_id)
    partnership = row[0]
    if not (_curator(requester_role) or _curator(partner_role)):
        raise NeedsCurator()
    if partnership.status is PartnershipStatus.ended:
        raise PartnershipStatusConflict("ended", partnership.status)
    previous = partnership.status
    partnership.status = PartnershipStatus.ended
    partnership.ended_at = datetime.now(UTC)
    await session.flush()
    # A curator of both sides ends it as the requester, the side that holds the proposal.
    side = (
        partnership.requester_vivarium_id
        if _curator(requester_role)
        else partnership.partner_vivarium_id
    )
    emit(
        session,
        events.ended(partnership, previous, by=side),
        actor=actor_of(principal),
        vivarium_id=side,
    )
    return to_read(*row)
