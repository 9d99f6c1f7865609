"""What an access token's check read about its user and login, kept per replica.

Without it every authenticated request reads the user's row and login from the database
before doing its own work. The cache is trusted only while this replica is subscribed to the
account-changes channel (`account_changes`): a message drops the user's entries at once, and a
lost subscription (Redis down, a silent network) empties the cache and turns it off until the
subscription is back, so a replica never answers from state it might have missed a change to.
Entries also expire after `ENTRY_SECONDS`, a bound for changes made outside the services
(a hand-written SQL update) that announce nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import FastAPI
from redis.asyncio import Redis
from redis.exceptions import RedisError

from reptidex_common.auth.account_changes import account_changes_channel
from reptidex_common.models.enums import PlatformRole
from reptidex_common.settings import get_settings

logger = logging.getLogger(__name__)

ENTRY_SECONDS = 60.0
MAX_ENTRIES = 20_000
# The subscription is pinged this often; silence for `SILENCE_SECONDS` counts as disconnected.
PING_SECONDS = 1.0
SILENCE_SECONDS = 3.0
RECONNECT_SECONDS = 0.5


@dataclass(frozen=True)
class AccountState:
    """A live login of an active user, as the database said."""

    platform_role: PlatformRole
    password_changed_at: datetime | None


class AccountCache:
    def __init__(self) -> None:
        self._entries: dict[uuid.UUID, dict[uuid.UUID | None, tuple[float, AccountState]]] = {}
        self._size = 0
        self.subscribed = False
        # Bumped by every drop: a read that started before a drop must not be stored after it.
        self.generation = 0

    def get(self, user_id: uuid.UUID, session_id: uuid.UUID | None) -> AccountState | None:
        if not self.subscribed:
            return None
        entry = self._entries.get(user_id, {}).get(session_id)
        if entry is None or entry[0] < time.monotonic():
            return None
        return entry[1]

    def put(
        self,
        user_id: uuid.UUID,
        session_id: uuid.UUID | None,
        state: AccountState,
        generation: int,
    ) -> None:
        if not self.subscribed or generation != self.generation:
            return
        if self._size >= MAX_ENTRIES:
            self._entries.clear()
            self._size = 0
        sessions = self._entries.setdefault(user_id, {})
        self._size += session_id not in sessions
        sessions[session_id] = (time.monotonic() + ENTRY_SECONDS, state)

    def drop(self, user_id: uuid.UUID) -> None:
        self.generation += 1
        self._size -= len(self._entries.pop(user_id, {}))

    def drop_all(self) -> None:
        self.generation += 1
        self._entries.clear()
        self._size = 0

    def stop_trusting(self) -> None:
        self.subscribed = False
        self.drop_all()


def account_cache_of(app: object) -> AccountCache | None:
    state = getattr(app, "state", None)
    cache = getattr(state, "account_cache", None)
    return cache if isinstance(cache, AccountCache) else None


async def _follow(cache: AccountCache, client: Redis, stop: asyncio.Event) -> None:
    """Apply the channel's messages until the subscription fails, falls silent or is stopped."""
    async with client.pubsub() as pubsub:
        await pubsub.subscribe(account_changes_channel())
        pinged_at = 0.0
        unanswered_since: float | None = None
        while not stop.is_set():
            message = await pubsub.get_message(timeout=PING_SECONDS / 2)
            now = time.monotonic()
            if message is not None:
                unanswered_since = None
                _apply(cache, message)
            elif unanswered_since is not None and now - unanswered_since > SILENCE_SECONDS:
                raise ConnectionError("the account-changes subscription fell silent")
            if now - pinged_at >= PING_SECONDS:
                await pubsub.ping()
                pinged_at = now
                if unanswered_since is None:
                    unanswered_since = now


def _apply(cache: AccountCache, message: dict[str, Any]) -> None:
    if message["type"] == "subscribe":
        # Whatever changed before this moment was missed: start empty, then trust.
        cache.drop_all()
        cache.subscribed = True
    elif message["type"] == "message":
        try:
            cache.drop(uuid.UUID(message["data"]))
        except ValueError:
            cache.drop_all()


def subscription_name(cache: AccountCache) -> str:
    """The subscription's client name, so an operator (or a test) can find it in CLIENT LIST."""
    return f"reptidex-account-changes-{os.getpid()}-{id(cache):x}"


async def follow_account_changes(cache: AccountCache, stop: asyncio.Event) -> None:
    """Keep the subscription up until `stop` is set.

    Stopping does not rely on cancellation alone: on Python 3.11 a cancel that lands while
    redis-py's read times out is sometimes swallowed (about 1 in 100 in a loop of cancels), and
    the replica's shutdown then waited for this task for ever. The loops check `stop` at least
    every PING_SECONDS / 2, so the task ends soon after either way.
    """
    while not stop.is_set():
        client = Redis.from_url(
            get_settings().redis_url,
            decode_responses=True,
            client_name=subscription_name(cache),
            socket_connect_timeout=SILENCE_SECONDS,
            socket_timeout=SILENCE_SECONDS,
        )
        try:
            await _follow(cache, client, stop)
        except Exception as exc:  # whatever broke it, reconnect rather than stop for good
            logger.warning("account-changes subscription lost: %s", exc)
        finally:
            cache.stop_trusting()
            with contextlib.suppress(RedisError, OSError):
                await client.aclose()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), RECONNECT_SECONDS)


@contextlib.asynccontextmanager
async def running_account_cache(app: FastAPI) -> AsyncIterator[AccountCache]:
    """Give the app its cache and keep it subscribed while the app serves."""
    cache = AccountCache()
    app.state.account_cache = cache
    stop = asyncio.Event()
    task = asyncio.create_task(follow_account_changes(cache, stop), name="account-changes")
    try:
        yield cache
    finally:
        cache.stop_trusting()
        stop.set()
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        app.state.account_cache = None
