"""Checks every service must pass, shared by the services' `test_*_health.py` files.

Each takes an `httpx.AsyncClient` on the service's app (the `client_for` fixture). A service's
test module subclasses `ServiceContract`, so the six services stay alike.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Awaitable, Callable, Mapping

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.auth.api_keys import ApiKeyScope
from reptidex_common.errors import PROBLEM_JSON
from reptidex_common.models.core import User, Vivarium
from reptidex_common.testing.matrix import make_api_key


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


async def check_whoami_with_an_api_key(
    client: httpx.AsyncClient, headers: Mapping[str, str], user_id: uuid.UUID
) -> None:
    response = await client.get("/api/v1/whoami", headers=dict(headers))
    assert response.status_code == 200, response.text
    assert response.json() == {"user_id": str(user_id), "platform_role": "user", "kind": "api_key"}


async def check_keys_reach_only_open_operations(
    client: httpx.AsyncClient, headers: Mapping[str, str], open_operations: frozenset[str]
) -> None:
    """Every operation of the service, called with a key that has no scope for it, answers
    403 unless it is one of `open_operations` (public data and whoami)."""
    spec = (await client.get("/openapi.json")).json()
    for path, operations in spec["paths"].items():
        # Any id will do: the key is refused before anything is looked up.
        url = re.sub(r"\{[^}]+\}", str(uuid.uuid4()), path)
        for method, operation in operations.items():
            response = await client.request(method.upper(), url, json={}, headers=dict(headers))
            name = operation["operationId"]
            if name in open_operations:
                assert response.status_code != 403, (name, response.text)
            else:
                problem = assert_problem(response, 403)
                slug = str(problem["type"]).rsplit("/", 1)[-1]
                assert slug in ("missing-scope", "signed-in-user-required"), (name, problem)


async def check_request_id_is_echoed(client: httpx.AsyncClient) -> None:
    request_id = f"test-{uuid.uuid4().hex}"
    response = await client.get("/api/v1/health", headers={"X-Request-ID": request_id})
    assert response.headers["x-request-id"] == request_id
    generated = await client.get("/api/v1/health")
    assert generated.headers["x-request-id"]


class ServiceContract:
    """What every service answers, whatever its domains; a service's tests subclass it.

    Not named Test* so pytest collects it only through the subclasses.
    """

    service: str
    title: str
    # Operations a key may call without a scope of the service's data: public data, whoami.
    open_to_any_key: frozenset[str] = frozenset({"health-live", "health-ready", "auth-whoami"})

    async def test_liveness(self, client: httpx.AsyncClient) -> None:
        await check_liveness(client, self.service)

    async def test_readiness_checks_database_and_redis(self, client: httpx.AsyncClient) -> None:
        await check_readiness(client, self.service)

    async def test_docs_and_openapi(self, client: httpx.AsyncClient) -> None:
        await check_docs(client, self.title)

    async def test_metrics_are_labelled_by_route_template(self, client: httpx.AsyncClient) -> None:
        await check_metrics_use_route_templates(client, self.service)

    async def test_unknown_path_is_a_404_problem(self, client: httpx.AsyncClient) -> None:
        await check_unknown_path_is_problem_404(client)

    async def test_whoami_without_token_is_401(self, client: httpx.AsyncClient) -> None:
        await check_whoami_requires_a_token(client)

    async def test_whoami_with_garbage_token_is_401(self, client: httpx.AsyncClient) -> None:
        await check_whoami_rejects_a_garbage_token(client)

    async def test_whoami_with_access_token(
        self,
        client: httpx.AsyncClient,
        make_user: Callable[..., Awaitable[User]],
        auth_headers: Callable[[User], dict[str, str]],
    ) -> None:
        user = await make_user()
        await check_whoami_with_token(client, auth_headers(user), user.id)

    @pytest.mark.parametrize("scope", [scope.value for scope in ApiKeyScope])
    async def test_whoami_with_an_api_key(
        self,
        client: httpx.AsyncClient,
        db_session: AsyncSession,
        make_user: Callable[..., Awaitable[User]],
        make_vivarium: Callable[..., Awaitable[Vivarium]],
        scope: str,
    ) -> None:
        user = await make_user()
        vivarium = await make_vivarium(user)
        key = await make_api_key(db_session, user, [scope], vivarium=vivarium)
        await check_whoami_with_an_api_key(client, {"X-API-Key": key}, user.id)

    async def test_keys_reach_only_what_the_policy_opens(
        self,
        client: httpx.AsyncClient,
        db_session: AsyncSession,
        make_user: Callable[..., Awaitable[User]],
    ) -> None:
        # `embed` names no data of any service: the key every route must refuse unless open.
        user = await make_user()
        key = await make_api_key(db_session, user, ["embed"], vivarium=None)
        await check_keys_reach_only_open_operations(
            client, {"Authorization": f"Bearer {key}"}, self.open_to_any_key
        )

    async def test_request_id_is_echoed(self, client: httpx.AsyncClient) -> None:
        await check_request_id_is_echoed(client)
