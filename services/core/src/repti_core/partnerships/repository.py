"""SQL for partnerships, always read with both vivariums (and never with a deleted one)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import Row, Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from reptidex_common.models.core import Partnership, Vivarium
from reptidex_common.models.enums import PartnershipStatus

Requester = aliased(Vivarium, name="requester")
Partner = aliased(Vivarium, name="partner")
PartnershipRow = Row[Partnership, Vivarium, Vivarium]


def _with_sides() -> Select[Partnership, Vivarium, Vivarium]:
    return (
        select(Partnership, Requester, Partner)
        .join(Requester, Requester.id == Partnership.requester_vivarium_id)
        .join(Partner, Partner.id == Partnership.partner_vivarium_id)
        .where(Requester.deleted_at.is_(None), Partner.deleted_at.is_(None))
    )


async def for_vivarium(session: AsyncSession, vivarium_id: uuid.UUID) -> Sequence[PartnershipRow]:
    # Few per vivarium (one open one per pair), so one list without pages.
    result = await session.execute(
        _with_sides()
        .where(
            or_(
                Partnership.requester_vivarium_id == vivarium_id,
                Partnership.partner_vivarium_id == vivarium_id,
            )
        )
        .order_by(Partnership.id.desc())
    )
    return result.all()


async def by_id_locked(session: AsyncSession, partnership_id: uuid.UUID) -> PartnershipRow | None:
    result = await session.execute(
        _with_sides()
        .where(Partnership.id == partnership_id)
        .with_for_update(of=Partnership)
        .execution_options(populate_existing=True)
    )
    return result.one_or_none()


async def open_between(session: AsyncSession, a: uuid.UUID, b: uuid.UUID) -> bool:
    found = await session.scalar(
        select(Partnership.id).where(
            or_(
                (Partnership.requester_vivarium_id == a) & (Partnership.partner_vivarium_id == b),
                (Partnership.requester_vivarium_id == b) & (Partnership.partner_vivarium_id == a),
            ),
            Partnership.status != PartnershipStatus.ended,
        )
    )
    return found is not None
