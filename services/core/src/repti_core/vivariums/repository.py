"""SQL for vivariums and memberships."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.core import Plan


async def default_plan(session: AsyncSession) -> Plan:
    return (await session.scalars(select(Plan).where(Plan.is_default.is_(True)).limit(1))).one()
