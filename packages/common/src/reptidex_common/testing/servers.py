"""Serve an ASGI app over real HTTP on a free 127.0.0.1 port, inside the test's event loop.

The same loop (not a thread with its own loop) because the app shares this process's
database sessionmaker and Redis client with the test, and asyncio connections must not
cross event loops.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator, Generator
from typing import Literal

import uvicorn
from starlette.types import ASGIApp

STARTUP_TIMEOUT_SECONDS = 10.0


class _TestServer(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        # Leave Ctrl-C to pytest instead of swallowing it into a server shutdown.
        yield


@contextlib.asynccontextmanager
async def running_server(
    app: ASGIApp,
    *,
    lifespan: Literal["auto", "on", "off"] = "on",
    port: int = 0,
    timeout_keep_alive: float = 5,
) -> AsyncIterator[str]:
    """Yield the base URL (`http://127.0.0.1:<port>`) while the server runs (on a free port
    unless `port` is given); idle connections are closed after `timeout_keep_alive` seconds."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        app,
        lifespan=lifespan,
        log_level="warning",
        access_log=False,
        proxy_headers=False,
        # uvicorn schedules the close with call_later, so a fraction of a second works too.
        timeout_keep_alive=timeout_keep_alive,  # type: ignore[arg-type]
    )
    server = _TestServer(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        async with asyncio.timeout(STARTUP_TIMEOUT_SECONDS):
            while not server.started:
                if task.done():
                    task.result()  # startup failed: raise its error here
                await asyncio.sleep(0.01)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(task, STARTUP_TIMEOUT_SECONDS)
        sock.close()
