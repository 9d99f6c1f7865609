"""Admission control over real HTTP: a bounded number of requests at work, a bounded queue
handed slots in order, 503 + Retry-After past either bound, and health always answering."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager

import httpx
import pytest
from fastapi import FastAPI

from reptidex_common.app_factory import create_service_app
from reptidex_common.auth.dependencies import auth_state
from reptidex_common.settings import get_settings
from reptidex_common.testing.faults import assert_unavailable
from reptidex_common.testing.servers import running_server


class Gate:
    """Requests to /api/v1/gate hold their slot until the test opens the gate."""

    def __init__(self) -> None:
        self.opened = asyncio.Event()
        self.someone_entered = asyncio.Event()
        self.entered = 0

    async def wait_for_first(self) -> None:
        await asyncio.wait_for(self.someone_entered.wait(), 10)


def _app(gate: Gate) -> FastAPI:
    previous = auth_state.jwks
    app = create_service_app("probe", title="Probe", description="test app", jwks=previous)
    auth_state.jwks = previous

    @app.get("/api/v1/gate")
    async def wait_at_gate() -> dict[str, int]:
        gate.entered += 1
        gate.someone_entered.set()
        await gate.opened.wait()
        return {"entered": gate.entered}

    return app


ServeGate = Callable[[float, Gate], AbstractAsyncContextManager[str]]


@pytest.fixture
def serve(monkeypatch: pytest.MonkeyPatch) -> ServeGate:
    """Serve the probe app with one request at work, one queued for `wait_seconds` at most."""

    @contextlib.asynccontextmanager
    async def start(wait_seconds: float, gate: Gate) -> AsyncIterator[str]:
        monkeypatch.setenv("MAX_CONCURRENT_REQUESTS", "1")
        monkeypatch.setenv("MAX_QUEUED_REQUESTS", "1")
        monkeypatch.setenv("MAX_QUEUE_WAIT_SECONDS", str(wait_seconds))
        get_settings.cache_clear()
        try:
            app = _app(gate)
        finally:
            monkeypatch.undo()
            get_settings.cache_clear()
        async with running_server(app) as url:
            yield url

    return start


async def test_one_at_work_one_queued_and_the_rest_shed_at_once(serve: ServeGate) -> None:
    gate = Gate()
    async with serve(30.0, gate) as url, httpx.AsyncClient(base_url=url, timeout=30) as http:
        working = asyncio.create_task(http.get("/api/v1/gate"))
        await gate.wait_for_first()
        queued = asyncio.create_task(http.get("/api/v1/gate"))
        await asyncio.sleep(0.2)
        assert gate.entered == 1, "the second request waits for the first one's slot"

        shed = await http.get("/api/v1/gate")
        assert_unavailable(shed, "overloaded")
        assert shed.headers["retry-after"] == "2"
        assert (await http.get("/api/v1/health")).status_code == 200
        assert (await http.get("/metrics")).status_code == 200

        gate.opened.set()
        assert (await working).status_code == 200
        assert (await queued).status_code == 200
        assert gate.entered == 2
        # Both slots came back: the next request is admitted at once.
        assert (await http.get("/api/v1/gate")).status_code == 200


async def test_a_request_queued_past_the_wait_bound_is_shed(serve: ServeGate) -> None:
    gate = Gate()
    async with serve(0.2, gate) as url, httpx.AsyncClient(base_url=url, timeout=30) as http:
        working = asyncio.create_task(http.get("/api/v1/gate"))
        await gate.wait_for_first()
        assert_unavailable(await http.get("/api/v1/gate"), "overloaded")
        gate.opened.set()
        assert (await working).status_code == 200
        assert gate.entered == 1
        assert (await http.get("/api/v1/gate")).status_code == 200
