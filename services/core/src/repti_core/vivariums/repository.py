"""SQL for vivariums and memberships."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from reptidex_common.db.pagination import PageParams, keyset_page
from reptidex_common.models.core import Invitation, Membership, Partnership, Plan, Vivarium
from reptidex_common.models.enums import InvitationStatus, PartnershipStatus, VivariumRole


async def default_plan(session: AsyncSession) -> Plan:
    return (await session.scalars(select(Plan).where(Plan.is_default.is_(True)).limit(1))).one()


async def plan_of(session: AsyncSession, vivarium: Vivarium) -> Plan:
    plan = await session.get(Plan, vivarium.plan_id)
    assert plan is not None  # a foreign key guarantees it
    return plan


async def plan_codes(session: AsyncSession, plan_ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not plan_ids:
        return {}
    rows = await session.execute(select(Plan.id, Plan.code).where(Plan.id.in_(plan_ids)))
    return dict(rows.all())


async def page_of_member_vivariums(
    session: AsyncSession, user_id: uuid.UUID, params: PageParams, *, only: uuid.UUID | None
) -> tuple[Sequence[Vivarium], str | None]:
    statement = (
        select(Vivarium)
        .join(Membership, Membership.vivarium_id == Vivarium.id)
        .where(Membership.user_id == user_id, Vivarium.deleted_at.is_(None))
    )
    if only is not None:
        statement = statement.where(Vivarium.id == only)
    rows, cursor = await keyset_page(session, statement, Vivarium.id, params)
    return rows, cursor


async def roles_in(
    session: AsyncSession, user_id: uuid.UUID, vivarium_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, VivariumRole]:
    if not vivarium_ids:
        return {}
    rows = await session.execute(
        select(Membership.vivarium_id, Membership.role).where(
            Membership.user_id == user_id, Membership.vivarium_id.in_(vivarium_ids)
        )
    )
    return dict(rows.all())


async def live_vivarium_by_slug(session: AsyncSession, slug: str) -> Vivarium | None:
    result = await session.scalars(
        select(Vivarium).where(Vivarium.slug == slug, Vivarium.deleted_at.is_(None))
    )
    return result.one_or_none()


async def lock_vivarium(session: AsyncSession, vivarium_id: uuid.UUID) -> Vivarium | None:
    """Serialize seat-counting writes (invitations, joins) on one vivarium."""
    result = await session.scalars(
        select(Vivarium)
        .where(Vivarium.id == vivarium_id, Vivarium.deleted_at.is_(None))
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return result.one_or_none()


async def owners_without_other_personal_vivarium(
    session: AsyncSession, vivarium_id: uuid.UUID
) -> Sequence[uuid.UUID]:
    """Owners of this vivarium for whom it is the only live personal vivarium they own."""
    other_membership = aliased(Membership)
    other_vivarium = aliased(Vivarium)
    has_another = exists().where(
        other_membership.user_id == Membership.user_id,
        other_membership.role == VivariumRole.herpetologist,
        other_membership.vivarium_id != vivarium_id,
        other_vivarium.id == other_membership.vivarium_id,
        other_vivarium.is_personal.is_(True),
        other_vivarium.deleted_at.is_(None),
    )
    result = await session.scalars(
        select(Membership.user_id).where(
            Membership.vivarium_id == vivarium_id,
            Membership.role == VivariumRole.herpetologist,
            ~has_another,
        )
    )
    return result.all()


async def close_open_links(
    session: AsyncSession, vivarium_id: uuid.UUID, now: datetime
) -> tuple[list[Invitation], list[tuple[Partnership, PartnershipStatus]]]:
    """A deleted vivarium leaves no pending invitation or open partnership behind.

    Returns the invitations it revoked and the partnerships it ended (with the status each had).
    """
    invitations = list(
        await session.scalars(
            select(Invitation)
            .where(
                Invitation.vivarium_id == vivarium_id,
                Invitation.status == InvitationStatus.pending,
            )
            .with_for_update()
        )
    )
    for invitation in invitations:
        invitation.status = InvitationStatus.revoked
        invitation.responded_at = now
    partnerships = list(
        await session.scalars(
            select(Partnership)
            .where(
                and_(
                    (Partnership.requester_vivarium_id == vivarium_id)
                    | (Partnership.partner_vivarium_id == vivarium_id),
                    Partnership.status != PartnershipStatus.ended,
                )
            )
            .with_for_update()
        )
    )
    ended = [(partnership, partnership.status) for partnership in partnerships]
    for partnership in partnerships:
        partnership.status = PartnershipStatus.ended
        partnership.ended_at = now
    return invitations, ended


async def member_ids(session: AsyncSession, vivarium_id: uuid.UUID) -> list[uuid.UUID]:
    result = await session.scalars(
        select(Membership.user_id).where(Membership.vivarium_id == vivarium_id)
    )
    return list(result)


async def count_members(session: AsyncSession, vivarium_id: uuid.UUID) -> int:
    result = await session.scalar(
        select(func.count()).select_from(Membership).where(Membership.vivarium_id == vivarium_id)
    )
    return int(result or 0)


async def membership_exists(
    session: AsyncSession, vivarium_id: uuid.UUID, user_id: uuid.UUID
) -> bool:
    found = await session.scalar(
        select(Membership.id).where(
            Membership.vivarium_id == vivarium_id, Membership.user_id == user_id
        )
    )
    return found is not None
