"""The error shape, request ids and route-template metrics, through a real app."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable

import httpx
from fastapi import FastAPI
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.app_factory import create_service_app
from reptidex_common.auth.dependencies import auth_state
from reptidex_common.auth.whoami import whoami_router
from reptidex_common.db.engine import DbSession
from reptidex_common.errors import Conflict, RateLimited
from reptidex_common.tasks.outbox import add_outbox_event


class Body(BaseModel):
    name: str
    count: int


def _app() -> FastAPI:
    previous = auth_state.jwks
    app = create_service_app("probe", title="Probe", description="test app", jwks=previous)
    auth_state.jwks = previous

    @app.post("/api/v1/things/{thing_id}")
    async def make_thing(thing_id: int, body: Body) -> dict[str, int]:
        if body.name == "taken":
            raise Conflict("That name is taken.")
        if body.name == "slow-down":
            raise RateLimited(retry_after=7)
        if body.name == "boom":
            raise RuntimeError("secret internal detail: SELECT * FROM core.users")
        return {"id": thing_id}

    return app


async def test_business_error_is_problem_json(
    client_for: Callable[[FastAPI], httpx.AsyncClient],
) -> None:
    client = client_for(_app())
    response = await client.post("/api/v1/things/1", json={"name": "taken", "count": 1})
    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["title"] == "Conflict"
    assert body["detail"] == "That name is taken."
    assert body["type"].endswith("/conflict")


async def test_validation_error_lists_field_paths(
    client_for: Callable[[FastAPI], httpx.AsyncClient],
) -> None:
    client = client_for(_app())
    response = await client.post("/api/v1/things/x", json={"name": 5})
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["errors"]}
    assert {"path.thing_id", "body.name", "body.count"} <= fields


async def test_rate_limit_carries_retry_after(
    client_for: Callable[[FastAPI], httpx.AsyncClient],
) -> None:
    client = client_for(_app())
    response = await client.post("/api/v1/things/1", json={"name": "slow-down", "count": 1})
    assert response.status_code == 429
    assert response.headers["retry-after"] == "7"


async def test_unexpected_error_hides_internals(
    client_for: Callable[[FastAPI], httpx.AsyncClient],
) -> None:
    transport = httpx.ASGITransport(app=_app(), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        response = await client.post("/api/v1/things/1", json={"name": "boom", "count": 1})
    assert response.status_code == 500
    assert "SELECT" not in response.text
    assert response.json()["title"] == "Internal error"


async def test_request_id_is_echoed_or_made(
    client_for: Callable[[FastAPI], httpx.AsyncClient],
) -> None:
    client = client_for(_app())
    echoed = await client.get("/api/v1/health", headers={"X-Request-ID": "abc-123"})
    assert echoed.headers["x-request-id"] == "abc-123"
    made = await client.get("/api/v1/health", headers={"X-Request-ID": "bad id\twith junk"})
    assert made.headers["x-request-id"] != "bad id\twith junk"
    assert len(made.headers["x-request-id"]) == 32


async def test_metrics_use_the_route_template(
    client_for: Callable[[FastAPI], httpx.AsyncClient],
) -> None:
    client = client_for(_app())
    await client.post("/api/v1/things/98765", json={"name": "ok", "count": 1})
    metrics = (await client.get("/metrics")).text
    assert 'route="/api/v1/things/{thing_id}"' in metrics
    # The raw path never becomes a label (a bare number could match a timestamp by chance).
    assert "/things/98765" not in metrics


async def test_readiness_checks_database_and_redis(
    client_for: Callable[[FastAPI], httpx.AsyncClient],
) -> None:
    response = await client_for(_app()).get("/api/v1/health/ready")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "redis": "ok"}


async def test_docs_of_other_services_log_in_at_core(
    client_for: Callable[[FastAPI], httpx.AsyncClient],
) -> None:
    app = create_service_app("probe", title="Probe", description="test app", jwks=auth_state.jwks)
    app.include_router(whoami_router())
    schema = (await client_for(app).get("/openapi.json")).json()
    flows = [
        s["flows"]["password"]["tokenUrl"]
        for s in schema["components"]["securitySchemes"].values()
        if "flows" in s
    ]
    assert flows == ["http://api.localhost:8000/api/v1/auth/token"]


async def test_cors_lets_local_docs_call_core(
    client_for: Callable[[FastAPI], httpx.AsyncClient],
) -> None:
    preflight = await client_for(_app()).options(
        "/api/v1/health",
        headers={
            "Origin": "http://animal-api.localhost:8000",
            "Access-Control-Request-Method": "POST",
        },
    )
    assert preflight.headers["access-control-allow-origin"] == "http://animal-api.localhost:8000"
    evil = await client_for(_app()).options(
        "/api/v1/health",
        headers={
            "Origin": "http://localhost.evil.example",
            "Access-Control-Request-Method": "POST",
        },
    )
    assert "access-control-allow-origin" not in evil.headers


async def test_metrics_report_the_outbox_backlog(
    client_for: Callable[[FastAPI], httpx.AsyncClient], db_session: AsyncSession
) -> None:
    app = create_service_app(
        "core", title="Core probe", description="test app", jwks=auth_state.jwks
    )
    add_outbox_event(db_session, "core.email.send", {"to": "a@example.com"})
    await db_session.flush()
    metrics = (await client_for(app).get("/metrics")).text
    backlog = re.search(r'^outbox_unpublished_events\{service="core"\} (\S+)$', metrics, re.M)
    assert backlog is not None
    assert float(backlog.group(1)) >= 1
    assert 'outbox_oldest_unpublished_age_seconds{service="core"}' in metrics


async def test_database_rule_failures_become_problems_not_500s(
    client_for: Callable[[FastAPI], httpx.AsyncClient],
) -> None:
    app = create_service_app("probe", title="Probe", description="test app", jwks=auth_state.jwks)

    @app.post("/api/v1/duplicate-plan")
    async def duplicate_plan(session: DbSession) -> dict[str, str]:
        await session.execute(
            text(
                "INSERT INTO core.plans (id, code, name) VALUES (gen_random_uuid(), 'hobbyist', 'Again')"
            )
        )
        return {"never": "reached"}

    @app.post("/api/v1/out-of-range")
    async def out_of_range(session: DbSession) -> dict[str, str]:
        await session.execute(text("SELECT 1 / 0"))
        return {"never": "reached"}

    client = client_for(app)
    duplicate = await client.post("/api/v1/duplicate-plan")
    assert duplicate.status_code == 409
    assert "INSERT" not in duplicate.text
    assert duplicate.headers["content-type"] == "application/problem+json"
    division = await client.post("/api/v1/out-of-range")
    assert division.status_code == 422
    assert "SELECT" not in division.text


async def test_oversized_bodies_are_413_before_the_endpoint_runs(
    client_for: Callable[[FastAPI], httpx.AsyncClient],
) -> None:
    client = client_for(_app())
    huge = b'{"name": "' + b"x" * (2 * 1024 * 1024) + b'", "count": 1}'

    declared = await client.post(
        "/api/v1/things/1", content=huge, headers={"content-type": "application/json"}
    )
    assert declared.status_code == 413
    assert declared.headers["content-type"] == "application/problem+json"
    assert declared.json()["type"].endswith("/body-too-large")

    async def chunks() -> AsyncIterator[bytes]:
        # No Content-Length: the limit must hold while the body streams in.
        for start in range(0, len(huge), 64 * 1024):
            yield huge[start : start + 64 * 1024]

    streamed = await client.post(
        "/api/v1/things/1", content=chunks(), headers={"content-type": "application/json"}
    )
    assert streamed.status_code == 413
    assert streamed.headers["content-type"] == "application/problem+json"
    assert streamed.json()["type"].endswith("/body-too-large")

    ok = await client.post("/api/v1/things/1", json={"name": "fine", "count": 1})
    assert ok.status_code == 200
