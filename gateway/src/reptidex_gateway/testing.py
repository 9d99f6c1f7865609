"""The real gateway for tests: `python -m reptidex_gateway` (Caddy) on a free loopback port, and
a small upstream service that tells what reached it."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import sys
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

STARTUP_SECONDS = 20.0
STOP_SECONDS = 15.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


dead_port = free_port


async def _listening(port: int) -> bool:
    with contextlib.suppress(OSError):
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.close()
        await writer.wait_closed()
        return True
    return False


@contextlib.asynccontextmanager
async def running_gateway(
    upstreams: dict[str, str], frontends_dir: Path, **settings: object
) -> AsyncIterator[str]:
    """`python -m reptidex_gateway` (Caddy) on a free port; yields its base URL."""
    port = free_port()
    env = {
        **os.environ,
        "GATEWAY_PORT": str(port),
        "GATEWAY_UPSTREAMS": json.dumps(upstreams),
        "GATEWAY_FRONTENDS_DIR": str(frontends_dir),
        **{f"GATEWAY_{name.upper()}": str(value) for name, value in settings.items()},
    }
    with tempfile.TemporaryFile() as log, tempfile.TemporaryDirectory() as state:
        env["GATEWAY_STATE_DIR"] = state
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "reptidex_gateway", env=env, stdout=log, stderr=log
        )
        try:
            async with asyncio.timeout(STARTUP_SECONDS):
                while not await _listening(port):
                    if process.returncode is not None:
                        log.seek(0)
                        raise RuntimeError(f"the gateway did not start:\n{log.read().decode()}")
                    await asyncio.sleep(0.05)
            yield f"http://127.0.0.1:{port}"
        finally:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), STOP_SECONDS)
            except TimeoutError:
                process.kill()
                await process.wait()


def echo_app(name: str) -> Starlette:
    """Answers every request with what it received: method, path, query, body, headers."""

    async def echo(request: Request) -> Response:
        body = await request.body()
        response = JSONResponse(
            {
                "upstream": name,
                "method": request.method,
                "raw_path": request.scope["raw_path"].decode(),
                "query": request.scope["query_string"].decode(),
                "body": body.decode("latin-1"),
                "headers": [[k.decode(), v.decode()] for k, v in request.scope["headers"]],
                "peer": request.client.port if request.client else None,
            },
            status_code=201 if request.method == "POST" else 200,
            headers={"X-Request-ID": request.headers.get("x-request-id", "")},
        )
        response.set_cookie("a", "1")
        response.set_cookie("b", "2")
        return response

    async def stream(_: Request) -> StreamingResponse:
        async def chunks() -> AsyncIterator[bytes]:
            for i in range(100):
                yield f"chunk-{i:03d}\n".encode()

        return StreamingResponse(chunks(), media_type="text/plain")

    async def status(request: Request) -> Response:
        # Answers the status it is asked for, as a service's own problem would.
        code = int(request.path_params["code"])
        body = {"type": "https://docs.reptidex.app/problems/x", "status": code, "title": "t"}
        return JSONResponse(
            body,
            status_code=code,
            media_type="application/problem+json",
            headers={"Retry-After": "7"} if code in (429, 503) else None,
        )

    async def big(_: Request) -> Response:
        rows = [{"id": i, "name": f"Animal {i}", "species": "Python regius"} for i in range(500)]
        return JSONResponse(rows)

    methods = ["GET", "POST", "PUT", "PATCH", "DELETE"]
    return Starlette(
        routes=[
            Route("/stream", stream),
            Route("/big", big),
            Route("/status/{code:int}", status, methods=methods),
            Route("/{path:path}", echo, methods=methods),
        ]
    )
