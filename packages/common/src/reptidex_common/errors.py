"""RFC 9457 problem details: one error shape for all six services."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"
PROBLEM_BASE = "https://docs.reptidex.app/problems/"
logger = logging.getLogger(__name__)


class AppError(Exception):
    """A business error that clients see. Subclasses fix the status and the problem type."""

    status: int = 400
    type_slug: str = "bad-request"
    title: str = "Bad request"
    # Set when the failed request's writes must still be committed (e.g. revoking a token
    # family on refresh-token reuse); everything else rolls back.
    keeps_changes: bool = False

    def __init__(
        self,
        detail: str,
        *,
        type_slug: str | None = None,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        if type_slug is not None:
            self.type_slug = type_slug
        self.headers = headers or {}
        self.extra = extra or {}


class BadRequest(AppError):
    pass


class Unauthorized(AppError):
    status = 401
    type_slug = "unauthorized"
    title = "Not authenticated"

    def __init__(self, detail: str = "Authentication required.", **kwargs: Any) -> None:
        kwargs.setdefault("headers", {"WWW-Authenticate": "Bearer"})
        super().__init__(detail, **kwargs)


class Forbidden(AppError):
    status = 403
    type_slug = "forbidden"
    title = "Forbidden"


class NotFound(AppError):
    status = 404
    type_slug = "not-found"
    title = "Not found"


class Conflict(AppError):
    status = 409
    type_slug = "conflict"
    title = "Conflict"


class Gone(AppError):
    status = 410
    type_slug = "gone"
    title = "Gone"


class UnprocessableEntity(AppError):
    status = 422
    type_slug = "validation-error"
    title = "Validation failed"


class PlanLimitExceeded(AppError):
    status = 402
    type_slug = "plan-limit"
    title = "Plan limit reached"


class RateLimited(AppError):
    status = 429
    type_slug = "rate-limited"
    title = "Too many requests"

    def __init__(self, retry_after: int, detail: str | None = None) -> None:
        super().__init__(
            detail or f"Too many attempts. Try again in {retry_after} seconds.",
            headers={"Retry-After": str(retry_after)},
        )
        self.retry_after = retry_after


class ServiceUnavailable(AppError):
    status = 503
    type_slug = "unavailable"
    title = "Service unavailable"


class ProblemDetail(BaseModel):
    """The documented shape of every error response."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[dict[str, Any]] | None = None


PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ProblemDetail, "content": {PROBLEM_JSON: {}}}
    for status in (400, 401, 402, 403, 404, 409, 410, 422, 429, 503)
}


def problem_body(
    status: int,
    title: str,
    detail: str,
    type_slug: str,
    *,
    instance: str | None = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The problem document itself; the gateway answers its own errors with it too."""
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + type_slug,
        "title": title,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    if extra:
        body.update(extra)
    return body


def problem_response(
    status: int,
    title: str,
    detail: str,
    type_slug: str,
    *,
    instance: str | None = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> JSONResponse:
    body = problem_body(status, title, detail, type_slug, instance=instance, extra=extra)
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_JSON)


def _field_path(loc: tuple[Any, ...] | list[Any]) -> str:
    return ".".join(str(part) for part in loc)


async def _app_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    return problem_response(
        exc.status,
        exc.title,
        exc.detail,
        exc.type_slug,
        instance=request.url.path,
        headers=exc.headers,
        extra=exc.extra,
    )


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {
            "field": _field_path(err.get("loc", ())),
            "message": err.get("msg", ""),
            "type": err.get("type", ""),
        }
        for err in exc.errors()
    ]
    summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
    return problem_response(
        422,
        "Validation failed",
        f"The request is not valid. {summary}",
        "validation-error",
        instance=request.url.path,
        extra={"errors": errors},
    )


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    titles = {
        404: "Not found",
        405: "Method not allowed",
        401: "Not authenticated",
        413: "Content too large",
    }
    slug = {
        404: "not-found",
        405: "method-not-allowed",
        401: "unauthorized",
        413: "body-too-large",
    }.get(exc.status_code, "http-error")
    return problem_response(
        exc.status_code,
        titles.get(exc.status_code, "Request failed"),
        str(exc.detail),
        slug,
        instance=request.url.path,
        headers=getattr(exc, "headers", None),
    )


async def _unhandled_error(request: Request, exc: Exception) -> JSONResponse:
    # The client gets a plain sentence and the request id; the trace stays in the logs.
    logger.exception("unhandled error", extra={"path": request.url.path})
    return problem_response(
        500,
        "Internal error",
        "Something went wrong on our side. It has been logged; please try again.",
        "internal-error",
        instance=request.url.path,
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unhandled_error)
