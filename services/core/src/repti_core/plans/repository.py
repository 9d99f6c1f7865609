"""SQL for plans and a vivarium's plan assignment."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.core import Membership, Plan, Vivarium


async def all_plans(session: AsyncSession) -> Sequence[Plan]:
    return (await session.scalars(select(Plan).order_by(Plan.sort_order, Plan.code))).all()


async def plan_by_code(session: AsyncSession, code: str) -> Plan | None:
    return (await session.scalars(select(Plan).where(Plan.code == code))).one_or_none()


async def live_vivarium_for_update(
    session: AsyncSession, vivarium_id: uuid.UUID
) -> Vivarium | None:
    statement = (
        select(Vivarium)
        .where(Vivarium.id == vivarium_id, Vivarium.deleted_at.is_(None))
        .with_for_update()
    )
    return (await session.scalars(statement)).one_or_none()


async def member_count(session: AsyncSession, vivarium_id: uuid.UUID) -> int:
    statement = (
        select(func.count()).select_from(Membership).where(Membership.vivarium_id == vivarium_id)
    )
    return await session.scalar(statement) or 0
