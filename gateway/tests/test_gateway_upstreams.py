"""The gateway and its upstreams: kept-alive connections, a service that stops and comes back,
compression of API answers, and who the client was."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from reptidex_common.testing.servers import running_server
from reptidex_gateway.testing import echo_app, free_port, running_gateway

API = {"Host": "api.localhost"}
# The upstream closes idle connections after this long (uvicorn --timeout-keep-alive).
UPSTREAM_KEEP_ALIVE_SECONDS = 1.0


@pytest.fixture(scope="module")
async def short_keep_alive(
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[httpx.AsyncClient]:
    frontends: Path = tmp_path_factory.mktemp("frontends")
    async with (
        running_server(
            echo_app("core"), timeout_keep_alive=UPSTREAM_KEEP_ALIVE_SECONDS
        ) as core_url,
        running_gateway(
            {"api.localhost": core_url},
            frontends,
            upstream_idle_timeout_seconds=UPSTREAM_KEEP_ALIVE_SECONDS / 2,
        ) as gateway_url,
        httpx.AsyncClient(base_url=gateway_url, timeout=10) as client,
    ):
        yield client


async def test_no_request_is_lost_when_the_service_closes_an_idle_connection(
    short_keep_alive: httpx.AsyncClient,
) -> None:
    # A POST (never retried by a proxy) right around the moment the service closes the
    # connection the previous request used: each must reach the service.
    pauses = [UPSTREAM_KEEP_ALIVE_SECONDS + offset for offset in (-0.1, -0.05, -0.02, 0.0, 0.02)]
    statuses = []
    for pause in pauses * 3:
        first = await short_keep_alive.post("/api/v1/notes", headers=API, content=b'{"n": 1}')
        await asyncio.sleep(pause)
        second = await short_keep_alive.post("/api/v1/notes", headers=API, content=b'{"n": 2}')
        statuses += [first.status_code, second.status_code]
    assert statuses == [201] * len(statuses)


async def test_a_service_that_comes_back_is_served_again_at_once(tmp_path: Path) -> None:
    port = free_port()
    upstream = f"http://127.0.0.1:{port}"
    async with (
        running_gateway({"api.localhost": upstream}, tmp_path) as gateway_url,
        httpx.AsyncClient(base_url=gateway_url, timeout=10) as client,
    ):
        down = await client.get("/api/v1/health", headers=API)
        assert down.status_code == 503
        assert down.headers["content-type"] == "application/problem+json"
        assert down.json()["type"] == "https://docs.reptidex.app/problems/unavailable"
        async with running_server(echo_app("core"), port=port):
            up = await client.get("/api/v1/health", headers=API)
            assert up.status_code == 200
            assert up.json()["upstream"] == "core"
        # And stopped again: the connections it had are gone, the answer is a clean 503.
        again = await client.get("/api/v1/health", headers=API)
        assert again.status_code == 503


async def test_api_answers_are_compressed(gateway: httpx.AsyncClient) -> None:
    for encoding in ("zstd", "gzip"):
        response = await gateway.get("/big", headers={**API, "Accept-Encoding": encoding})
        assert response.headers["content-encoding"] == encoding
    # httpx decodes gzip itself: the same JSON, in far fewer bytes.
    response = await gateway.get("/big", headers={**API, "Accept-Encoding": "gzip"})
    assert len(response.json()) == 500
    assert response.num_bytes_downloaded < len(response.content) // 5
    plain = await gateway.get("/big", headers={**API, "Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers


async def test_the_client_address_is_appended_for_the_service(
    gateway: httpx.AsyncClient,
) -> None:
    # TRUSTED_PROXY_HOPS=1: the service takes the last entry, the address the gateway saw.
    alone = await gateway.get("/x", headers=API)
    sent = {name.lower(): value for name, value in alone.json()["headers"]}
    assert sent["x-forwarded-for"] == "127.0.0.1"
    assert sent["x-forwarded-proto"] == "http"
    chained = await gateway.get("/x", headers={**API, "X-Forwarded-For": "198.51.100.7, 10.0.0.2"})
    sent = {name.lower(): value for name, value in chained.json()["headers"]}
    assert sent["x-forwarded-for"] == "198.51.100.7, 10.0.0.2, 127.0.0.1"
