"""A service that cannot keep up sheds the excess at once with 503 + Retry-After, serves the
rest, and keeps answering its health check; a request that cannot get a pooled connection
soon answers 503 too, never 500 after half a minute."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import httpx
import pytest

from reptidex_common.testing.faults import (
    QUICK_SECONDS,
    ServiceProcess,
    TcpFaultProxy,
    assert_unavailable,
    sign_up,
)

pytestmark = pytest.mark.worker

BURST = 20
# Each round trip to the database takes this long (each way), so every request is slow.
SLOW_DATABASE_SECONDS = 0.4


async def _timed_get(
    http: httpx.AsyncClient, path: str, headers: dict[str, str]
) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = await http.get(path, headers=headers)
    return response, time.monotonic() - started


async def _burst(
    core: ServiceProcess, email: str, proxy: TcpFaultProxy
) -> list[tuple[httpx.Response, float]]:
    async with httpx.AsyncClient(base_url=core.url, timeout=60) as http:
        pair = await sign_up(http, email)
        bearer = {"Authorization": f"Bearer {pair['access_token']}"}
        proxy.latency = SLOW_DATABASE_SECONDS
        burst = [
            asyncio.create_task(_timed_get(http, "/api/v1/auth/me", bearer)) for _ in range(BURST)
        ]
        await asyncio.sleep(0.2)
        # Busy or not, the health check answers.
        health, _ = await _timed_get(http, "/api/v1/health", {})
        assert health.status_code == 200, health.text
        return list(await asyncio.gather(*burst))


async def test_past_its_limits_a_service_answers_503_with_retry_after_at_once(
    core_service: Callable[..., ServiceProcess],
    database_proxy: TcpFaultProxy,
    emails: Callable[[], str],
) -> None:
    core = core_service(
        max_concurrent_requests=2, max_queued_requests=2, max_queue_wait_seconds=0.5
    )
    results = await _burst(core, emails(), database_proxy)

    served = [response for response, _ in results if response.status_code == 200]
    shed = [(response, took) for response, took in results if response.status_code == 503]
    assert len(served) + len(shed) == BURST, [r.status_code for r, _ in results]
    assert served, "the admitted requests are served"
    assert len(shed) >= BURST // 2, "past two at work and two queued, the rest is shed"
    for response, took in shed:
        assert_unavailable(response, "overloaded")
        assert took < QUICK_SECONDS


async def test_a_request_that_cannot_get_a_pooled_connection_soon_answers_503(
    core_service: Callable[..., ServiceProcess],
    database_proxy: TcpFaultProxy,
    emails: Callable[[], str],
) -> None:
    core = core_service(
        database_pool_size=1,
        database_max_overflow=0,
        database_pool_timeout_seconds=0.3,
        max_concurrent_requests=BURST,
    )
    results = await _burst(core, emails(), database_proxy)

    statuses = [response.status_code for response, _ in results]
    assert set(statuses) <= {200, 503}, statuses
    assert 200 in statuses
    assert 503 in statuses
    for response, took in results:
        if response.status_code == 503:
            assert_unavailable(response, "database-unavailable")
            assert took < QUICK_SECONDS
