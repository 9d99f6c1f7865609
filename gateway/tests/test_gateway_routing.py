"""Host routing, faithful forwarding and the gateway's own errors."""

from __future__ import annotations

import re

import httpx
import pytest

from reptidex_gateway.config import GatewaySettings

# What the services accept as a request id (reptidex_common.observability.middleware).
SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def _headers(body: dict[str, object]) -> dict[str, list[str]]:
    collected: dict[str, list[str]] = {}
    pairs = body["headers"]
    assert isinstance(pairs, list)
    for name, value in pairs:
        collected.setdefault(name.lower(), []).append(value)
    return collected


async def test_routes_by_host_header(gateway: httpx.AsyncClient) -> None:
    core = await gateway.get("/api/v1/health", headers={"Host": "api.localhost"})
    animal = await gateway.get("/api/v1/health", headers={"Host": "animal-api.localhost:8000"})
    shouted = await gateway.get("/api/v1/health", headers={"Host": "API.localhost:8000"})
    assert core.json()["upstream"] == "core"
    assert animal.json()["upstream"] == "animal"
    assert shouted.json()["upstream"] == "core"


async def test_method_path_query_body_and_headers_are_preserved(gateway: httpx.AsyncClient) -> None:
    payload = b'{"name": "Lola", "notes": "caf\xc3\xa9"}' * 2000
    response = await gateway.post(
        "/api/v1/animals/some%2Fid/notes?b=2&a=1&a=%C3%A9",
        content=payload,
        headers={
            "Host": "api.localhost",
            "Content-Type": "application/json",
            "Authorization": "Bearer abc.def.ghi",
            "X-Request-ID": "req-42",
            "X-Forwarded-For": "203.0.113.9",
            "Connection": "keep-alive, X-Hop-Secret",
            "X-Hop-Secret": "must not travel",
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["method"] == "POST"
    assert body["raw_path"] == "/api/v1/animals/some%2Fid/notes"
    assert body["query"] == "b=2&a=1&a=%C3%A9"
    assert body["body"].encode("latin-1") == payload
    sent = _headers(body)
    assert sent["host"] == ["api.localhost"]
    assert sent["authorization"] == ["Bearer abc.def.ghi"]
    assert sent["content-type"] == ["application/json"]
    assert sent["x-request-id"] == ["req-42"]
    assert sent["x-forwarded-for"] == ["203.0.113.9, 127.0.0.1"]
    assert sent["x-forwarded-proto"] == ["http"]
    assert sent["x-forwarded-host"] == ["api.localhost"]
    assert "x-hop-secret" not in sent
    assert "connection" not in sent or sent["connection"] != ["keep-alive, X-Hop-Secret"]

    assert response.headers["x-request-id"] == "req-42"
    assert len(response.headers.get_list("date")) == 1
    # The gateway does not tell which server software answers behind it.
    assert response.headers.get_list("server") == []
    assert response.headers.get_list("set-cookie") == [
        "a=1; Path=/; SameSite=lax",
        "b=2; Path=/; SameSite=lax",
    ]


async def test_a_request_id_is_added_when_missing(gateway: httpx.AsyncClient) -> None:
    response = await gateway.get("/x", headers={"Host": "api.localhost"})
    [request_id] = _headers(response.json())["x-request-id"]
    assert SANE_REQUEST_ID.match(request_id)
    assert response.headers["x-request-id"] == request_id


async def test_other_methods_and_streamed_responses(gateway: httpx.AsyncClient) -> None:
    for method in ("PUT", "PATCH", "DELETE"):
        response = await gateway.request(method, "/thing", headers={"Host": "api.localhost"})
        assert response.json()["method"] == method
    async with gateway.stream("GET", "/stream", headers={"Host": "api.localhost"}) as streamed:
        text = "".join([chunk async for chunk in streamed.aiter_text()])
    assert text.splitlines() == [f"chunk-{i:03d}" for i in range(100)]


async def test_a_stopped_service_is_a_503_problem_to_retry(gateway: httpx.AsyncClient) -> None:
    response = await gateway.get("/api/v1/listings", headers={"Host": "commerce-api.localhost"})
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert int(response.headers["retry-after"]) > 0
    body = response.json()
    assert body["status"] == 503
    assert body["type"] == "https://docs.reptidex.app/problems/unavailable"
    assert "commerce-api.localhost" in body["detail"]


@pytest.mark.parametrize("status", [400, 404, 409, 413, 422, 429, 500, 502, 503, 504])
async def test_upstream_statuses_pass_through_unchanged(
    gateway: httpx.AsyncClient, status: int
) -> None:
    response = await gateway.post(
        f"/status/{status}", headers={"Host": "api.localhost"}, content=b'{"a": 1}'
    )
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == {
        "type": "https://docs.reptidex.app/problems/x",
        "status": status,
        "title": "t",
    }
    if status in (429, 503):
        assert response.headers["retry-after"] == "7"


async def test_unknown_host_is_a_404_problem_listing_the_hosts(gateway: httpx.AsyncClient) -> None:
    response = await gateway.get("/", headers={"Host": "nope.localhost"})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 404
    assert "api.localhost" in body["hosts"]
    assert "breeder.localhost" in body["hosts"]
    assert "nope.localhost" in body["detail"]


def test_environment_overrides_one_upstream(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATEWAY_UPSTREAMS", '{"api.localhost": "http://core:8001/"}')
    upstreams = GatewaySettings().upstream_map()
    assert upstreams["api.localhost"] == "http://core:8001"
    assert upstreams["animal-api.localhost"] == "http://127.0.0.1:8002"
