"""Checks every service must pass, shared by the services' `test_*_health.py` files.

Each takes an `httpx.AsyncClient` on the service's app (the `client_for` fixture), so a
service's test module is a list of one-line tests and the six services stay alike.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping

import httpx

from reptidex_common.errors import PROBLEM_JSON


def assert_problem(response: httpx.Response, status: int) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_JSON)
    body = response.json()
    assert isinstance(body, dict)
    assert body["status"] == status
    assert body["title"]
    assert body["type"]
    return body


async def check_liveness(client: httpx.AsyncClient, service: str) -> None:
    response = await client.get("/api/v1/health")
    assert response.status_code == 200, response.text
    assert response.json() == {"status": "ok", "service": service}


async def check_readiness(client: httpx.AsyncClient, service: str) -> None:
    response = await client.get("/api/v1/health/ready")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["service"] == service
    assert body["checks"] == {"database": "ok", "redis": "ok"}


async def check_docs(client: httpx.AsyncClient, title: str) -> None:
    docs = await client.get("/docs")
    assert docs.status_code == 200
    assert "swagger" in docs.text.lower()
    assert (await client.get("/redoc")).status_code == 200
    schema = await client.get("/openapi.json")
    assert schema.status_code == 200
    spec = schema.json()
    assert spec["info"]["title"] == title
    assert spec["info"]["description"]
    assert "/api/v1/whoami" in spec["paths"]


async def check_metrics_use_route_templates(client: httpx.AsyncClient, service: str) -> None:
    # A raw path with an id in it must not become its own label (unbounded cardinality).
    await client.get(f"/api/v1/no-such-thing/{uuid.uuid4()}")
    await client.get("/api/v1/health")
    metrics = await client.get("/metrics")
    assert metrics.status_code == 200
    lines = [line for line in metrics.text.splitlines() if line.startswith("http_requests_total{")]
    mine = [line for line in lines if f'service="{service}"' in line]
    assert any('route="/api/v1/health"' in line for line in mine), mine
    assert not any("no-such-thing" in line for line in mine), mine


async def check_unknown_path_is_problem_404(client: httpx.AsyncClient) -> None:
    assert_problem(await client.get("/api/v1/definitely-not-here"), 404)


async def check_whoami_requires_a_token(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/whoami")
    assert_problem(response, 401)
    assert response.headers.get("www-authenticate", "").startswith("Bearer")


async def check_whoami_rejects_a_garbage_token(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/whoami", headers={"Authorization": "Bearer not.a.jwt"})
    assert_problem(response, 401)


async def check_whoami_with_token(
    client: httpx.AsyncClient, headers: Mapping[str, str], user_id: uuid.UUID
) -> None:
    response = await client.get("/api/v1/whoami", headers=dict(headers))
    assert response.status_code == 200, response.text
    assert response.json() == {"user_id": str(user_id), "platform_role": "user", "kind": "user"}


async def check_request_id_is_echoed(client: httpx.AsyncClient) -> None:
    request_id = f"test-{uuid.uuid4().hex}"
    response = await client.get("/api/v1/health", headers={"X-Request-ID": request_id})
    assert response.headers["x-request-id"] == request_id
    generated = await client.get("/api/v1/health")
    assert generated.headers["x-request-id"]
