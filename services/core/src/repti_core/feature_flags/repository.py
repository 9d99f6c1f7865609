"""SQL for feature flags."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.db.pagination import PageParams, keyset_page
from reptidex_common.models.core import FeatureFlag


async def page(
    session: AsyncSession, params: PageParams
) -> tuple[Sequence[FeatureFlag], str | None]:
    return await keyset_page(
        session, select(FeatureFlag), FeatureFlag.id, params, newest_first=False
    )


async def by_key_for_update(session: AsyncSession, key: str) -> FeatureFlag | None:
    statement = select(FeatureFlag).where(FeatureFlag.key == key).with_for_update()
    return (await session.scalars(statement)).one_or_none()


async def insert_if_absent(session: AsyncSession, key: str, values: dict[str, Any]) -> bool:
    """True when this call created the flag; False when a concurrent request got there first."""
    statement = (
        insert(FeatureFlag)
        .values(key=key, **values)
        .on_conflict_do_nothing(index_elements=[FeatureFlag.key])
        .returning(FeatureFlag.id)
    )
    return (await session.execute(statement)).scalar_one_or_none() is not None


async def delete(session: AsyncSession, flag: FeatureFlag) -> None:
    await session.delete(flag)
    await session.flush()
