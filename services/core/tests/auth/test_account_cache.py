"""Replicas remember a token's account check, and forget it the moment the account changes.

Two app objects stand for two replicas: each keeps its own cache and hears changes only
through Redis, as separate processes would. `writer` makes the change; `reader` had the
account cached just before and must refuse the next request at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import AsyncExitStack, contextmanager
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from redis.asyncio.client import PubSub
from sqlalchemy import event, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from repti_core.main import create_app
from reptidex_common.auth.account_cache import (
    AccountCache,
    running_account_cache,
    subscription_name,
)
from reptidex_common.models.core import User
from reptidex_common.models.enums import PlatformRole, UserStatus
from reptidex_common.redis import get_redis
from reptidex_common.settings import get_settings
from reptidex_common.testing.plugin import DEFAULT_PASSWORD, UserFactory

ME = "/api/v1/auth/me"
NEW_PASSWORD = "another-horse-battery-7"


def bearer(tokens: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


async def sign_in(client: httpx.AsyncClient, email: str) -> dict[str, Any]:
    response = await client.post(
        "/api/v1/auth/login", json={"email": email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


class Replica:
    def __init__(self, app: FastAPI, client: httpx.AsyncClient, cache: AccountCache) -> None:
        self.app = app
        self.client = client
        self.cache = cache


@pytest.fixture
async def replicas(
    client_for: Callable[[FastAPI], httpx.AsyncClient],
) -> AsyncIterator[Callable[[], Awaitable[Replica]]]:
    async with AsyncExitStack() as stack:

        async def start() -> Replica:
            app = create_app()
            cache = await stack.enter_async_context(running_account_cache(app))
            for _ in range(200):
                if cache.subscribed:
                    break
                await pause()
            assert cache.subscribed, "the replica never subscribed to account changes"
            return Replica(app, client_for(app), cache)

        yield start


async def pause() -> None:
    await asyncio.sleep(0.01)


@contextmanager
def account_checks(engine: AsyncEngine) -> Iterator[list[str]]:
    """The account checks (user row and login) the database answered meanwhile."""
    seen: list[str] = []

    def record(*args: Any) -> None:
        statement = args[2]
        if "session_live" in statement:
            seen.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)


async def cached_on(reader: Replica, tokens: dict[str, Any], engine: AsyncEngine) -> None:
    """Warm the reader, and prove its next request is answered without the database."""
    assert (await reader.client.get(ME, headers=bearer(tokens))).status_code == 200
    with account_checks(engine) as checks:
        assert (await reader.client.get(ME, headers=bearer(tokens))).status_code == 200
    assert checks == []


async def test_suspension_reaches_a_replica_that_cached_the_account(
    replicas: Callable[[], Awaitable[Replica]],
    make_user: UserFactory,
    db_engine_for_tests: AsyncEngine,
) -> None:
    writer, reader = await replicas(), await replicas()
    admin = await make_user(platform_role=PlatformRole.admin)
    user = await make_user()
    tokens = await sign_in(writer.client, user.email)
    admin_tokens = await sign_in(writer.client, admin.email)
    await cached_on(reader, tokens, db_engine_for_tests)

    suspended = await writer.client.post(
        f"/api/v1/users/{user.id}/suspend", headers=bearer(admin_tokens)
    )
    assert suspended.status_code == 200, suspended.text

    refused = await reader.client.get(ME, headers=bearer(tokens))
    assert refused.status_code == 401
    assert refused.json()["type"].endswith("/account-suspended")


async def test_a_password_change_reaches_a_replica_that_cached_the_account(
    replicas: Callable[[], Awaitable[Replica]],
    make_user: UserFactory,
    db_engine_for_tests: AsyncEngine,
) -> None:
    writer, reader = await replicas(), await replicas()
    user = await make_user()
    old = await sign_in(writer.client, user.email)
    other_device = await sign_in(writer.client, user.email)
    await cached_on(reader, other_device, db_engine_for_tests)

    changed = await writer.client.post(
        "/api/v1/auth/password/change",
        headers=bearer(old),
        json={"current_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD},
    )
    assert changed.status_code == 200, changed.text

    refused = await reader.client.get(ME, headers=bearer(other_device))
    assert refused.status_code == 401
    # The fresh pair the change handed out works on every replica.
    assert (await reader.client.get(ME, headers=bearer(changed.json()))).status_code == 200


async def test_signing_out_everywhere_reaches_a_replica_that_cached_the_logins(
    replicas: Callable[[], Awaitable[Replica]],
    make_user: UserFactory,
    db_engine_for_tests: AsyncEngine,
) -> None:
    writer, reader = await replicas(), await replicas()
    user = await make_user()
    bystander = await make_user()
    logins = [await sign_in(writer.client, user.email) for _ in range(2)]
    other = await sign_in(writer.client, bystander.email)
    for tokens in (*logins, other):
        await cached_on(reader, tokens, db_engine_for_tests)

    out = await writer.client.post("/api/v1/auth/logout-all", headers=bearer(logins[0]))
    assert out.status_code == 204

    for tokens in logins:
        refused = await reader.client.get(ME, headers=bearer(tokens))
        assert refused.status_code == 401
        assert refused.json()["type"].endswith("/token-revoked")
    assert (await reader.client.get(ME, headers=bearer(other))).status_code == 200


async def test_logging_out_one_login_reaches_a_replica_that_cached_it(
    replicas: Callable[[], Awaitable[Replica]],
    make_user: UserFactory,
    db_engine_for_tests: AsyncEngine,
) -> None:
    writer, reader = await replicas(), await replicas()
    user = await make_user()
    laptop = await sign_in(writer.client, user.email)
    phone = await sign_in(writer.client, user.email)
    await cached_on(reader, laptop, db_engine_for_tests)

    out = await writer.client.post(
        "/api/v1/auth/logout", json={"refresh_token": laptop["refresh_token"]}
    )
    assert out.status_code == 204

    assert (await reader.client.get(ME, headers=bearer(laptop))).status_code == 401
    assert (await reader.client.get(ME, headers=bearer(phone))).status_code == 200


async def test_without_the_subscription_a_replica_checks_the_database_every_time(
    replicas: Callable[[], Awaitable[Replica]],
    make_user: UserFactory,
    db_session: AsyncSession,
    db_engine_for_tests: AsyncEngine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reader = await replicas()
    user = await make_user()
    tokens = await sign_in(reader.client, user.email)
    await cached_on(reader, tokens, db_engine_for_tests)

    # The subscription drops and cannot come back: the replica stops trusting what it holds.
    monkeypatch.setattr(get_settings(), "redis_url", "redis://127.0.0.1:1/0")
    name = subscription_name(reader.cache)
    for connection in await get_redis().client_list(_type="pubsub"):
        if connection["name"] == name:
            await get_redis().client_kill_filter(_id=connection["id"])
    for _ in range(200):
        if not reader.cache.subscribed:
            break
        await pause()
    with account_checks(db_engine_for_tests) as checks:
        assert (await reader.client.get(ME, headers=bearer(tokens))).status_code == 200
        assert (await reader.client.get(ME, headers=bearer(tokens))).status_code == 200
    assert len(checks) == 2
    assert not reader.cache.subscribed

    # A change nobody could announce still takes effect at once.
    await db_session.execute(
        update(User).where(User.id == user.id).values(status=UserStatus.suspended)
    )
    await db_session.flush()
    assert (await reader.client.get(ME, headers=bearer(tokens))).status_code == 401


async def test_a_replica_stops_even_when_the_redis_client_swallows_the_cancel(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On Python 3.11 a cancel landing while redis-py's read times out is sometimes lost (about
    1 in 100 in a loop of cancels against a real Redis); the service's shutdown then waited
    for the subscription for ever and the supervisor had to kill it. Here the loss is made
    certain: the first cancel of a read is turned into "no message", as the race does."""
    original = PubSub.get_message
    swallowed: list[bool] = []

    async def loses_one_cancel(self: PubSub, *args: Any, **kwargs: Any) -> Any:
        try:
            return await original(self, *args, **kwargs)
        except asyncio.CancelledError:
            if swallowed:
                raise
            swallowed.append(True)
            task = asyncio.current_task()
            assert task is not None
            task.uncancel()
            return None

    monkeypatch.setattr(PubSub, "get_message", loses_one_cancel)
    app = FastAPI()

    subscribed = asyncio.Event()

    async def serve_then_stop() -> None:
        async with running_account_cache(app) as cache:
            # A busy machine may take seconds to subscribe; what counts is how long stopping takes.
            for _ in range(3000):
                if cache.subscribed:
                    break
                await pause()
            assert cache.subscribed
            subscribed.set()

    stopping = asyncio.create_task(serve_then_stop())
    waiting = asyncio.create_task(subscribed.wait())
    await asyncio.wait({waiting, stopping}, return_when=asyncio.FIRST_COMPLETED, timeout=60)
    waiting.cancel()
    done, _ = await asyncio.wait({stopping}, timeout=5)
    assert swallowed, "the cancel never reached a read"
    assert done, "the replica was still waiting for its subscription 5 s after stopping"
    stopping.result()
