"""Which failures mean "the database cannot be reached right now": the one place that knows.

Each driver reports an outage its own way: asyncpg raises the socket's `ConnectionRefusedError`
while connecting and `ConnectionDoesNotExistError` when a server dies mid-query; psycopg raises
`OperationalError`; SQLAlchemy raises its own `TimeoutError` when the pool has no connection to
give within `database_pool_timeout_seconds`. Every one of them answers 503 with Retry-After
(`db.errors`), never 500; the pool's pre-ping replaces dead connections, so the service
recovers by itself when the server is back.
"""

from __future__ import annotations

import asyncpg
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

# SQLSTATE classes and codes of a server that is gone, starting, stopping or full.
UNAVAILABLE_SQLSTATE_CLASSES = ("08",)  # connection exception
UNAVAILABLE_SQLSTATES = frozenset(
    {
        "57P01",  # admin_shutdown
        "57P02",  # crash_shutdown
        "57P03",  # cannot_connect_now (starting up, recovering)
        "53300",  # too_many_connections
    }
)


def _sqlstate(exc: BaseException) -> str | None:
    state = getattr(exc, "sqlstate", None) or getattr(exc, "pgcode", None)
    return state if isinstance(state, str) else None


def _unavailable_sqlstate(state: str | None) -> bool:
    return state is not None and (
        state.startswith(UNAVAILABLE_SQLSTATE_CLASSES) or state in UNAVAILABLE_SQLSTATES
    )


def is_database_unavailable(exc: BaseException) -> bool:
    """True when `exc` says the database is unreachable or saturated, not that the query is wrong."""
    if isinstance(exc, PoolTimeout):
        return True
    if isinstance(exc, DBAPIError):
        if exc.connection_invalidated:
            return True
        original = exc.orig
        state = _sqlstate(original) if original is not None else None
        if _unavailable_sqlstate(state):
            return True
        # Driver-level failures without a server's SQLSTATE: the connection itself broke.
        if isinstance(exc, (OperationalError, InterfaceError)) and state is None:
            return True
        return original is not None and is_database_unavailable(original)
    if isinstance(exc, asyncpg.exceptions.ConnectionDoesNotExistError):
        return True
    if isinstance(exc, asyncpg.PostgresError):
        return _unavailable_sqlstate(_sqlstate(exc))
    # Raised bare by the driver while (re)connecting: refused, reset, or past the timeout.
    return isinstance(exc, (ConnectionError, TimeoutError))
