"""Liveness and readiness, the same on every service."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import text

from reptidex_common.db.engine import get_sessionmaker
from reptidex_common.redis import get_redis

READINESS_TIMEOUT_SECONDS = 2.0


class Health(BaseModel):
    status: str
    service: str


class Readiness(Health):
    checks: dict[str, str]


async def _check_database() -> None:
    async with get_sessionmaker()() as session:
        await session.execute(text("SELECT 1"))


async def _check_redis() -> None:
    await get_redis().ping()


def health_router(service: str) -> APIRouter:
    router = APIRouter(prefix="/api/v1/health", tags=["health"])

    @router.get("", operation_id="health-live", response_model=Health)
    async def live() -> Health:
        return Health(status="ok", service=service)

    @router.get(
        "/ready",
        operation_id="health-ready",
        response_model=Readiness,
        responses={503: {"model": Readiness, "description": "A dependency is down"}},
    )
    async def ready() -> Readiness | JSONResponse:
        checks: dict[str, str] = {}
        for name, check in (("database", _check_database), ("redis", _check_redis)):
            try:
                await asyncio.wait_for(check(), READINESS_TIMEOUT_SECONDS)
                checks[name] = "ok"
            except Exception as exc:  # any failure means "not ready", with the reason
                checks[name] = f"error: {type(exc).__name__}"
        body = Readiness(
            status="ok" if all(v == "ok" for v in checks.values()) else "unavailable",
            service=service,
            checks=checks,
        )
        if body.status != "ok":
            return JSONResponse(body.model_dump(), status_code=503)
        return body

    return router
