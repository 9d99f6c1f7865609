"""A key's use is recorded without locking its row, so one widget's requests never queue."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import delete, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from repti_core.api_keys.tasks import FLUSH_USAGE_TASK, flush_usage
from repti_core.worker import celery_app
from reptidex_common.auth.key_usage import LAST_USED_HASH
from reptidex_common.models.core import ApiKey, Membership, User, Vivarium
from reptidex_common.redis import get_redis
from reptidex_common.testing.matrix import make_api_key

# Long enough that only a request stuck behind the lock could miss it; not a timing claim.
STUCK_AFTER_SECONDS = 20


async def test_a_request_notes_its_key_use_without_writing_the_row(
    client: httpx.AsyncClient,
    db_session: AsyncSession,
    make_user: Callable[..., Any],
    make_vivarium: Callable[..., Any],
) -> None:
    owner = await make_user()
    vivarium = await make_vivarium(owner)
    secret = await make_api_key(db_session, owner, ["animals:read"], vivarium=vivarium)
    key_id = await db_session.scalar(select(ApiKey.id).where(ApiKey.user_id == owner.id))

    response = await client.get("/api/v1/vivariums", headers={"X-API-Key": secret})

    assert response.status_code == 200, response.text
    noted = await get_redis().hget(LAST_USED_HASH, str(key_id))
    assert isinstance(noted, str)
    assert datetime.fromisoformat(noted) <= datetime.now(UTC)


@pytest.fixture
async def committed_key(
    db_session: AsyncSession, make_user: Callable[..., Any], make_vivarium: Callable[..., Any]
) -> AsyncIterator[tuple[uuid.UUID, str]]:
    owner = await make_user()
    vivarium = await make_vivarium(owner)
    secret = await make_api_key(db_session, owner, ["animals:read"], vivarium=vivarium)
    key_id = (await db_session.scalars(select(ApiKey.id).where(ApiKey.user_id == owner.id))).one()
    owner_id, vivarium_id = owner.id, vivarium.id
    await db_session.commit()
    try:
        yield key_id, secret
    finally:
        await db_session.rollback()
        await db_session.execute(delete(ApiKey).where(ApiKey.user_id == owner_id))
        await db_session.execute(delete(Membership).where(Membership.vivarium_id == vivarium_id))
        await db_session.execute(delete(Vivarium).where(Vivarium.id == vivarium_id))
        await db_session.execute(delete(User).where(User.id == owner_id))
        await db_session.commit()


@pytest.mark.worker
async def test_requests_with_one_key_answer_while_its_row_is_locked(
    client: httpx.AsyncClient,
    db_engine_for_tests: AsyncEngine,
    db_session: AsyncSession,
    committed_key: tuple[uuid.UUID, str],
) -> None:
    key_id, secret = committed_key
    headers = {"Authorization": f"Bearer {secret}"}
    # Another transaction holds the key's row lock (a revocation, or the key's own request
    # before this change) for as long as the requests below take.
    async with db_engine_for_tests.connect() as locker:
        await locker.begin()
        await locker.execute(
            text("SELECT id FROM core.api_keys WHERE id = :id FOR UPDATE"), {"id": key_id}
        )
        responses = await asyncio.wait_for(
            asyncio.gather(
                client.get("/api/v1/vivariums", headers=headers),
                client.get("/api/v1/vivariums", headers=headers),
            ),
            timeout=STUCK_AFTER_SECONDS,
        )
        assert [r.status_code for r in responses] == [200, 200], [r.text for r in responses]
        await locker.rollback()

    # Core's beat writes the noted use to the table.
    assert flush_usage() == 1
    last_used = await db_session.scalar(
        select(ApiKey.last_used_at)
        .where(ApiKey.id == key_id)
        .execution_options(populate_existing=True)
    )
    assert last_used is not None
    assert await get_redis().hlen(LAST_USED_HASH) == 0
    # Nothing new noted: the next tick writes nothing and keeps the time.
    assert flush_usage() == 0


def test_core_beat_writes_key_uses_every_minute() -> None:
    entry = celery_app.conf.beat_schedule[FLUSH_USAGE_TASK]
    assert entry["task"] == FLUSH_USAGE_TASK
    assert entry["schedule"] == 60
