"""One engine per process and the per-request session that commits before the response."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

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


state = DatabaseState()


def create_engine(settings: BaseServiceSettings) -> AsyncEngine:
    return create_async_engine(
        settings.database_url,
        pool_size=settings.database_pool_size,
        max_overflow=settings.database_max_overflow,
        # Short waits: a request that cannot get a connection soon answers 503 (see
        # `db.availability`) rather than queueing behind the pool for half a minute.
        pool_timeout=settings.database_pool_timeout_seconds,
        connect_args={"timeout": settings.database_connect_timeout_seconds},
        # Connections that died with the server are noticed and replaced on checkout, so the
        # service recovers by itself once the database is back.
        pool_pre_ping=True,
    )


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


async def open_read_session() -> AsyncIterator[AsyncSession]:
    async with read_session() as session:
        yield session


# A session for reads only (see `open_read_session`).
ReadSession = Annotated[AsyncSession, Depends(open_read_session, scope="function")]

# scope="function": the commit runs before the response is sent, so a client never sees a
# success for a write that then failed to commit.
DbSession = Annotated[AsyncSession, Depends(open_session, scope="function")]
