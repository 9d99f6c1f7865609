"""SQL for API keys."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.db.pagination import PageParams, keyset_page
from reptidex_common.models.core import ApiKey


async def add(session: AsyncSession, api_key: ApiKey) -> ApiKey:
    session.add(api_key)
    await session.flush()
    # Load the server-side created_at so the response needs no lazy load.
    await session.refresh(api_key)
    return api_key


async def count_active(session: AsyncSession, user_id: uuid.UUID, now: datetime) -> int:
    return (
        await session.scalar(
            select(func.count())
            .select_from(ApiKey)
            .where(
                ApiKey.user_id == user_id,
                ApiKey.revoked_at.is_(None),
                (ApiKey.expires_at.is_(None)) | (ApiKey.expires_at > now),
            )
        )
        or 0
    )


async def page_for_user(
    session: AsyncSession, user_id: uuid.UUID, params: PageParams
) -> tuple[Sequence[ApiKey], str | None]:
    statement = select(ApiKey).where(ApiKey.user_id == user_id, ApiKey.revoked_at.is_(None))
    return await keyset_page(session, statement, ApiKey.id, params)


async def get_for_update(
    session: AsyncSession, key_id: uuid.UUID, *, owner_id: uuid.UUID | None
) -> ApiKey | None:
    """`owner_id=None` finds any user's key (staff revoking a leaked key)."""
    statement = select(ApiKey).where(ApiKey.id == key_id).with_for_update()
    if owner_id is not None:
        statement = statement.where(ApiKey.user_id == owner_id)
    return (await session.scalars(statement)).one_or_none()
