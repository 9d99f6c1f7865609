"""The database stops: every request answers 503 problem+json at once (never 500, never a
hang), health stays answerable, and the same process serves again when the database is back."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

import httpx
import pytest

from reptidex_common.testing.faults import (
    PASSWORD,
    QUICK_SECONDS,
    ServiceProcess,
    TcpFaultProxy,
    assert_unavailable,
    sign_up,
)

pytestmark = pytest.mark.worker


async def test_database_outage_answers_503_and_the_service_recovers_without_restart(
    core_service: Callable[..., ServiceProcess],
    database_proxy: TcpFaultProxy,
    emails: Callable[[], str],
) -> None:
    core = core_service()
    email = emails()
    async with httpx.AsyncClient(base_url=core.url, timeout=60) as http:
        await _outage_and_recovery(core, database_proxy, http, email)


async def _outage_and_recovery(
    core: ServiceProcess, database_proxy: TcpFaultProxy, http: httpx.AsyncClient, email: str
) -> None:
    pair = await sign_up(http, email)
    bearer = {"Authorization": f"Bearer {pair['access_token']}"}
    assert (await http.get("/api/v1/auth/me", headers=bearer)).status_code == 200

    database_proxy.cut()
    attempts: dict[str, Callable[[], Awaitable[httpx.Response]]] = {
        "read": lambda: http.get("/api/v1/auth/me", headers=bearer),
        "login": lambda: http.post(
            "/api/v1/auth/login", json={"email": email, "password": PASSWORD}
        ),
        "refresh": lambda: http.post(
            "/api/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]}
        ),
    }
    for name, attempt in attempts.items():
        started = time.monotonic()
        response = await attempt()
        assert time.monotonic() - started < QUICK_SECONDS, name
        assert_unavailable(response, "database-unavailable")
    assert (await http.get("/api/v1/health")).status_code == 200
    ready = await http.get("/api/v1/health/ready")
    assert ready.status_code == 503
    assert ready.json()["checks"]["database"].startswith("error")

    database_proxy.restore()
    deadline = time.monotonic() + QUICK_SECONDS
    while (response := await http.get("/api/v1/auth/me", headers=bearer)).status_code != 200:
        assert time.monotonic() < deadline, response.text
        await asyncio.sleep(0.2)
    assert response.json()["email"] == email
    refreshed = await http.post(
        "/api/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]}
    )
    assert refreshed.status_code == 200, refreshed.text
    # The very process that saw the outage: recovered, not restarted.
    assert core.process is not None
    assert core.process.poll() is None
