"""Body caps at the gateway: the services' own caps, answered with the services' own problem."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from reptidex_common.body_limit import (
    MAX_BODY_BYTES,
    MAX_UPLOAD_BODY_BYTES,
    TOO_LARGE_SLUG,
    TOO_LARGE_TITLE,
    BodySizeLimitMiddleware,
    too_large_detail,
)
from reptidex_common.errors import PROBLEM_JSON, problem_body
from reptidex_common.testing.servers import running_server
from reptidex_gateway.testing import running_gateway

API = {"Host": "api.localhost"}
TWO_MIB = 2 * 1024 * 1024


def too_large(limit: int) -> dict[str, object]:
    return problem_body(413, TOO_LARGE_TITLE, too_large_detail(limit), TOO_LARGE_SLUG)


async def chunks(total: int, size: int = 64 * 1024) -> AsyncIterator[bytes]:
    for start in range(0, total, size):
        yield b"x" * min(size, total - start)


async def send_while_reading(
    gateway: httpx.AsyncClient, head: str, body: list[bytes]
) -> tuple[int, dict[str, str], bytes]:
    """Send a request's head, then its body while already reading the answer, as browsers do.

    A client that insists on sending all of an oversized body before it reads (httpx does)
    may find the connection reset: a server that refuses a body does not read it all.
    """
    url = httpx.URL(str(gateway.base_url))
    reader, writer = await asyncio.open_connection(url.host, url.port)

    async def send() -> None:
        writer.write(head.encode())
        for part in body:
            writer.write(part)
            await writer.drain()

    sending = asyncio.create_task(send())
    try:
        status_line = await reader.readline()
        headers: dict[str, str] = {}
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode().partition(":")
            headers[name.strip().lower()] = value.strip()
        answer = await reader.readexactly(int(headers["content-length"]))
    finally:
        sending.cancel()
        with contextlib.suppress(asyncio.CancelledError, ConnectionError):
            await sending
        writer.close()
    return int(status_line.split()[1]), headers, answer


async def test_a_2_mib_body_to_an_api_is_a_413_problem(gateway: httpx.AsyncClient) -> None:
    response = await gateway.post(
        "/api/v1/animals",
        content=b"{" + b" " * (TWO_MIB - 2) + b"}",
        headers={**API, "Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == too_large(MAX_BODY_BYTES)


async def test_a_chunked_body_is_counted_as_it_streams(gateway: httpx.AsyncClient) -> None:
    status, headers, body = await send_while_reading(
        gateway,
        "POST /api/v1/animals HTTP/1.1\r\nHost: api.localhost\r\n"
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
        [b"%x\r\n%s\r\n" % (len(chunk), chunk) async for chunk in chunks(TWO_MIB)],
    )
    assert status == 413
    assert headers["content-type"] == "application/problem+json"
    assert json.loads(body) == too_large(MAX_BODY_BYTES)


async def test_a_body_just_under_the_cap_reaches_the_service(gateway: httpx.AsyncClient) -> None:
    for body in (b"y" * MAX_BODY_BYTES, chunks(MAX_BODY_BYTES)):
        response = await gateway.post("/api/v1/animals", content=body, headers=API)
        assert response.status_code == 201
        assert len(response.json()["body"]) == MAX_BODY_BYTES


async def test_uploads_get_the_larger_upload_cap(gateway: httpx.AsyncClient) -> None:
    photo = {"file": ("lola.jpg", b"\xff" * TWO_MIB, "image/jpeg")}
    response = await gateway.post("/api/v1/animals/a1/photos", files=photo, headers=API)
    assert response.status_code == 201
    assert response.json()["body"].encode("latin-1").count(b"\xff") == TWO_MIB

    # Refused from its declared length, long before the body has arrived.
    block = b"Lola\n" * (64 * 1024 // 5)
    csv = [block] * (MAX_UPLOAD_BODY_BYTES // len(block) + 1)
    status, headers, body = await send_while_reading(
        gateway,
        "POST /api/v1/imports HTTP/1.1\r\nHost: api.localhost\r\n"
        "Content-Type: text/csv; charset=utf-8\r\n"
        f"Content-Length: {sum(map(len, csv))}\r\n\r\n",
        csv,
    )
    assert status == 413
    assert headers["content-type"] == "application/problem+json"
    assert json.loads(body) == too_large(MAX_UPLOAD_BODY_BYTES)


async def test_the_session_endpoints_on_an_apps_host_are_capped_too(
    gateway: httpx.AsyncClient,
) -> None:
    response = await gateway.post(
        "/api/v1/auth/login", content=b"x" * TWO_MIB, headers={"Host": "breeder.localhost"}
    )
    assert response.status_code == 413
    assert response.json() == too_large(MAX_BODY_BYTES)


async def test_the_gateways_413_is_the_one_the_service_would_answer(
    gateway: httpx.AsyncClient,
) -> None:
    async def accept(request: Request) -> JSONResponse:
        return JSONResponse({"size": len(await request.body())})

    service = BodySizeLimitMiddleware(
        Starlette(routes=[Route("/api/v1/animals", accept, methods=["POST"])]),
        max_bytes=MAX_BODY_BYTES,
        max_upload_bytes=MAX_UPLOAD_BODY_BYTES,
    )
    body = b"x" * TWO_MIB
    async with running_server(service) as url, httpx.AsyncClient(base_url=url) as direct:
        own = await direct.post("/api/v1/animals", content=body)
    through_gateway = await gateway.post("/api/v1/animals", content=body, headers=API)
    assert own.status_code == through_gateway.status_code == 413
    assert own.headers["content-type"] == through_gateway.headers["content-type"]
    # The service also names the path it refused (`instance`); nothing else differs.
    assert {k: v for k, v in own.json().items() if k != "instance"} == through_gateway.json()


async def test_an_endpoints_own_tighter_cap_reaches_the_client_unchanged(
    tmp_path: Path,
) -> None:
    # Like the CSV import: refused from its declared length before the body is read, while the
    # body is still coming. The service's answer must arrive, not a 502.
    cap = 64 * 1024

    async def import_csv(request: Request) -> JSONResponse:
        if int(request.headers["content-length"]) > cap:
            return JSONResponse(too_large(cap), status_code=413, media_type=PROBLEM_JSON)
        return JSONResponse({"size": len(await request.body())})

    service = Starlette(routes=[Route("/api/v1/imports", import_csv, methods=["POST"])])
    async with (
        running_server(service) as url,
        running_gateway({"api.localhost": url}, tmp_path) as gateway_url,
        httpx.AsyncClient(base_url=gateway_url, timeout=10) as client,
    ):
        for _ in range(20):
            response = await client.post(
                "/api/v1/imports",
                content=b"name\n" + b"x" * TWO_MIB,
                headers={**API, "Content-Type": "text/csv"},
            )
            assert response.status_code == 413
            assert response.json() == too_large(cap)
