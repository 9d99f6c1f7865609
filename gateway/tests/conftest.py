"""The real gateway (Caddy, as `python -m reptidex_gateway` starts it) in front of tiny upstream
services, all over real HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from reptidex_common.testing.servers import running_server
from reptidex_gateway.testing import dead_port, running_gateway


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


def build_breeder(frontends: Path) -> None:
    breeder = frontends / "apps" / "web-breeder" / "dist"
    (breeder / "assets").mkdir(parents=True)
    head = "".join(f'<link rel="modulepreload" href="/assets/chunk-{i:04d}.js">' for i in range(20))
    (breeder / "index.html").write_text(
        f"<!doctype html><title>Breeder</title>{head}<div id=app></div>"
    )
    (breeder / "assets" / "app-1234.js").write_text("console.log('breeder');\n" * 200)
    (breeder / "robots.txt").write_text("User-agent: *")
    (frontends / "secret.txt").write_text("outside the build")


@pytest.fixture(scope="module")
async def gateway(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the gateway (real HTTP) in front of two echo services and one SPA build."""
    frontends = tmp_path_factory.mktemp("frontends")
    build_breeder(frontends)
    async with (
        running_server(echo_app("core")) as core_url,
        running_server(echo_app("animal")) as animal_url,
    ):
        upstreams = {
            "api.localhost": core_url,
            "animal-api.localhost": animal_url,
            "commerce-api.localhost": f"http://127.0.0.1:{dead_port()}",
        }
        async with (
            running_gateway(upstreams, frontends) as gateway_url,
            httpx.AsyncClient(base_url=gateway_url, timeout=10) as client,
        ):
            yield client
