"""Two tiny upstream services and a gateway in front of them, all over real HTTP."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from reptidex_common.testing.servers import running_server
from reptidex_gateway.app import create_app
from reptidex_gateway.config import GatewaySettings


def echo_app(name: str) -> Starlette:
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

    methods = ["GET", "POST", "PUT", "PATCH", "DELETE"]
    return Starlette(
        routes=[Route("/stream", stream), Route("/{path:path}", echo, methods=methods)]
    )


def dead_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.fixture(scope="module")
async def gateway(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the gateway (real HTTP) in front of two echo services and one SPA build."""
    tmp_path = tmp_path_factory.mktemp("frontends")
    breeder = tmp_path / "apps" / "web-breeder" / "dist"
    (breeder / "assets").mkdir(parents=True)
    (breeder / "index.html").write_text("<!doctype html><title>Breeder</title><div id=app></div>")
    (breeder / "assets" / "app-1234.js").write_text("console.log('breeder')")
    (breeder / "robots.txt").write_text("User-agent: *")
    (tmp_path / "secret.txt").write_text("outside the build")

    async with (
        running_server(echo_app("core")) as core_url,
        running_server(echo_app("animal")) as animal_url,
    ):
        settings = GatewaySettings(
            upstreams={
                "api.localhost": core_url,
                "animal-api.localhost": animal_url,
                "commerce-api.localhost": f"http://127.0.0.1:{dead_port()}",
            },
            frontends_dir=tmp_path,
        )
        async with (
            running_server(create_app(settings)) as gateway_url,
            httpx.AsyncClient(base_url=gateway_url, timeout=10) as client,
        ):
            yield client
