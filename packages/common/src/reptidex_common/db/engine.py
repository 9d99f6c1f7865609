"""One engine per process and the per-request session that commits before the response."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Annotated, Any, Protocol

import asyncpg
from fastapi import Depends, Request
from sqlalchemy import event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.util import greenlet_spawn

from reptidex_common.audit.capture import begin_audit
from reptidex_common.audit.requests import request_audit_context, settle_request_actor
from reptidex_common.auth.account_cache import account_cache_of
from reptidex_common.auth.account_changes import (
    pending_account_changes,
    publish_account_changes,
)
from reptidex_common.errors import AppError
from reptidex_common.settings import BaseServiceSettings, get_settings


@dataclass
class DatabaseState:
    engine: AsyncEngine | None = None
    sessionmaker: async_sessionmaker[AsyncSession] | None = None
    read_sessionmaker: async_sessionmaker[AsyncSession] | None = None
    # Called after a successful commit; the outbox uses it to wake the relay.
    after_commit_hooks: list[Callable[[AsyncSession], None]] = field(default_factory=list)
    # Told the text of each statement sent through `raw_read_connection`, which SQLAlchemy's
    # events never see (`testing.statements` counts both).
    raw_statement_listeners: list[Callable[[str], None]] = field(default_factory=list)


state = DatabaseState()


def create_engine(settings: BaseServiceSettings) -> AsyncEngine:
    engine = create_async_engine(
        settings.database_url,
        pool_size=settings.database_pool_size,
        max_overflow=settings.database_max_overflow,
        # Short waits: a request that cannot get a connection soon answers 503 (see
        # `db.availability`) rather than queueing behind the pool for half a minute.
        pool_timeout=settings.database_pool_timeout_seconds,
        connect_args={"timeout": settings.database_connect_timeout_seconds},
    )
    event.listen(engine.sync_engine.pool, "checkout", _replace_if_closed)
    return engine


def _replace_if_closed(dbapi_connection: Any, record: Any, proxy: Any) -> None:
    """Connections that died with the server are replaced on checkout, without a round trip.

    SQLAlchemy's pre-ping asks the server (BEGIN, a query, ROLLBACK: three round trips, more
    than a simple read itself costs); the driver already knows a connection the server closed
    or reset, because its socket saw the end. One cut silently in the network fails its query
    instead, which answers 503 and invalidates the pool (`db.availability`), so the service
    still recovers by itself once the database is back.
    """
    if dbapi_connection.driver_connection.is_closed():
        raise DisconnectionError("the server closed this connection")


def get_sessionmaker() -> async_sessionmaker[AsyncSession]:
    if state.sessionmaker is None:
        state.engine = create_engine(get_settings())
        state.sessionmaker = async_sessionmaker(state.engine, expire_on_commit=False)
    return state.sessionmaker


async def dispose_engine() -> None:
    if state.engine is not None:
        await state.engine.dispose()
    state.engine = None
    state.sessionmaker = None
    state.read_sessionmaker = None


async def open_session(request: Request) -> AsyncIterator[AsyncSession]:
    """Commit when the handler returns, roll back when it raises; services never commit.

    Account changes (suspension, password, ended logins) are announced to every replica after
    the commit and before the response, so the next request anywhere sees them.
    """
    async with get_sessionmaker()() as session:
        audit = request_audit_context(request)
        if audit is not None:
            begin_audit(session.sync_session, audit)
        try:
            yield session
            if audit is not None:
                settle_request_actor(request, audit)
            await session.commit()
        except AppError as exc:
            if exc.keeps_changes:
                if audit is not None:
                    settle_request_actor(request, audit)
                await session.commit()
                await _announce(request, session)
            else:
                await session.rollback()
            raise
        except BaseException:
            await session.rollback()
            raise
        await _announce(request, session)
    for hook in state.after_commit_hooks:
        hook(session)


async def _announce(request: Request, session: AsyncSession) -> None:
    changed = pending_account_changes(session)
    if not changed:
        return
    # This replica first, without waiting for its own message to come back.
    if cache := account_cache_of(request.app):
        for user_id in changed:
            cache.drop(user_id)
    await publish_account_changes(changed)


def _read_sessionmaker() -> async_sessionmaker[AsyncSession]:
    maker = get_sessionmaker()
    bind = maker.kw.get("bind")
    if not isinstance(bind, AsyncEngine):
        # Bound to one connection (the tests' rolled-back transaction): read inside it.
        return maker
    if state.read_sessionmaker is None or state.read_sessionmaker.kw.get("bind") is None:
        state.read_sessionmaker = async_sessionmaker(
            bind.execution_options(isolation_level="AUTOCOMMIT"), expire_on_commit=False
        )
    return state.read_sessionmaker


@asynccontextmanager
async def read_session() -> AsyncIterator[AsyncSession]:
    """A session for reads only: no BEGIN and no COMMIT, two round trips fewer.

    Each statement sees its own snapshot, so a handler that needs several statements to agree
    (or that writes anything) takes `DbSession` instead.
    """
    async with _read_sessionmaker()() as session:
        yield session


@asynccontextmanager
async def raw_read_connection() -> AsyncIterator[DriverConnection]:
    """The driver's own connection from the same pool, for the hottest reads.

    SQLAlchemy's session and execution cost more than the database takes to answer a simple
    read; a statement sent straight to asyncpg (prepared once per connection by its statement
    cache) costs almost nothing on top. Like `read_session`: no BEGIN, no COMMIT, each
    statement its own snapshot. Bound to one connection (the tests' rolled-back transaction),
    it reads inside that transaction.
    """
    bind = _read_sessionmaker().kw.get("bind")
    if isinstance(bind, AsyncConnection):
        raw = await bind.get_raw_connection()
        yield _reported(raw.driver_connection)
        return
    if not isinstance(bind, AsyncEngine):
        raise RuntimeError("the sessionmaker is bound to neither an engine nor a connection")
    # The engine's pool (its size, its short timeout, the checkout check) hands it out.
    pooled = await greenlet_spawn(bind.sync_engine.raw_connection)
    try:
        yield _reported(pooled.driver_connection)
    finally:
        await greenlet_spawn(pooled.close)


class DriverConnection(Protocol):
    """What hot reads use of an asyncpg connection."""

    async def fetch(self, query: str, *args: Any) -> list[asyncpg.Record]: ...

    async def fetchrow(self, query: str, *args: Any) -> asyncpg.Record | None: ...


class _ReportedConnection:
    def __init__(self, connection: asyncpg.Connection, listeners: list[Callable[[str], None]]):
        self._connection = connection
        self._listeners = listeners

    async def fetch(self, query: str, *args: Any) -> list[asyncpg.Record]:
        self._report(query)
        return await self._connection.fetch(query, *args)  # type: ignore[no-any-return]

    async def fetchrow(self, query: str, *args: Any) -> asyncpg.Record | None:
        self._report(query)
        return await self._connection.fetchrow(query, *args)

    def _report(self, query: str) -> None:
        for listener in self._listeners:
            listener(query)


def _reported(connection: asyncpg.Connection) -> DriverConnection:
    if not state.raw_statement_listeners:
        return connection  # type: ignore[no-any-return]
    return _ReportedConnection(connection, list(state.raw_statement_listeners))


async def open_read_session() -> AsyncIterator[AsyncSession]:
    async with read_session() as session:
        yield session


# A session for reads only (see `open_read_session`).
ReadSession = Annotated[AsyncSession, Depends(open_read_session, scope="function")]

# scope="function": the commit runs before the response is sent, so a client never sees a
# success for a write that then failed to commit.
DbSession = Annotated[AsyncSession, Depends(open_session, scope="function")]
