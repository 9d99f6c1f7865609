"""Database errors that slip past the services' own checks still answer in plain words.

Services check their rules first; these handlers are the safety net that keeps a constraint
or trigger failure from ever becoming a 500 or leaking SQL to the client. A database that
cannot be reached (or a pool with no connection to spare) answers 503 with Retry-After.
"""

from __future__ import annotations

import logging

import asyncpg
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from reptidex_common.db.availability import is_database_unavailable
from reptidex_common.errors import problem_response
from reptidex_common.settings import get_settings

logger = logging.getLogger(__name__)

CHECK_VIOLATION = "23514"
UNIQUE_VIOLATION = "23505"
FOREIGN_KEY_VIOLATION = "23503"
RULE_PREFIX = "lineage: "


def _sqlstate(exc: DBAPIError) -> str | None:
    original = exc.orig
    return getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)


def _rule_message(exc: DBAPIError) -> str | None:
    text = str(exc.orig)
    start = text.find(RULE_PREFIX)
    if start < 0:
        return None
    return text[start + len(RULE_PREFIX) :].splitlines()[0].strip().capitalize() + "."


async def _integrity_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, IntegrityError)
    state = _sqlstate(exc)
    logger.info("integrity error", extra={"sqlstate": state, "path": request.url.path})
    if state == CHECK_VIOLATION and (message := _rule_message(exc)):
        return problem_response(
            422, "Lineage rule broken", message, "lineage-violation", instance=request.url.path
        )
    if state == UNIQUE_VIOLATION:
        detail = "This conflicts with a record that already exists."
        return problem_response(409, "Conflict", detail, "conflict", instance=request.url.path)
    if state == FOREIGN_KEY_VIOLATION:
        detail = "This refers to a record that does not exist, or removes one that others still depend on."
        return problem_response(409, "Conflict", detail, "conflict", instance=request.url.path)
    detail = "The request breaks a rule of the data (a value is out of range or inconsistent)."
    return problem_response(
        422, "Validation failed", detail, "validation-error", instance=request.url.path
    )


def database_unavailable_response(request: Request) -> JSONResponse:
    retry_after = get_settings().unavailable_retry_after_seconds
    return problem_response(
        503,
        "Service unavailable",
        "The database is not reachable right now. Please try again shortly.",
        "database-unavailable",
        instance=request.url.path,
        headers={"Retry-After": str(retry_after)},
    )


async def _unavailable_error(request: Request, exc: Exception) -> JSONResponse:
    if not is_database_unavailable(exc):
        raise exc
    logger.warning(
        "database unavailable", extra={"path": request.url.path, "error": type(exc).__name__}
    )
    return database_unavailable_response(request)


async def _data_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DBAPIError)
    if is_database_unavailable(exc):
        return await _unavailable_error(request, exc)
    if not (_sqlstate(exc) or "").startswith("22"):  # class 22: data exceptions
        raise exc
    detail = "A value is out of range or malformed for its field."
    return problem_response(
        422, "Validation failed", detail, "validation-error", instance=request.url.path
    )


def install_database_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(IntegrityError, _integrity_error)
    app.add_exception_handler(DBAPIError, _data_error)
    # What the drivers raise bare while connecting, and the pool's own wait timeout.
    for unavailable in (PoolTimeout, ConnectionError, TimeoutError, asyncpg.InterfaceError,
                        asyncpg.PostgresError):  # fmt: skip
        app.add_exception_handler(unavailable, _unavailable_error)
