"""WebSockets through the gateway, over real sockets: a uvicorn upstream, Caddy, a client."""

from __future__ import annotations

import asyncio
import json
import re
from collections import defaultdict
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from reptidex_common.testing.servers import running_server
from reptidex_gateway.testing import dead_port, running_gateway

Closes = defaultdict[str, asyncio.Queue[tuple[int, str]]]


def socket_app(closes: Closes) -> Starlette:
    """Echoes frames; answers commands; records how each client left in `closes[path]`."""

    async def echo(websocket: WebSocket) -> None:
        offered = websocket.scope["subprotocols"]
        # The last offer, so the test sees the upstream's choice and not a default.
        await websocket.accept(
            subprotocol=offered[-1] if offered else None,
            headers=[(b"x-upstream", b"echo")],
        )
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                left = (message.get("code", 0), message.get("reason") or "")
                await closes[websocket.scope["path"]].put(left)
                return
            text = message.get("text")
            if text == "whoami":
                await websocket.send_json(
                    {
                        "raw_path": websocket.scope["raw_path"].decode(),
                        "query": websocket.scope["query_string"].decode(),
                        "subprotocols": offered,
                        "headers": [
                            [k.decode(), v.decode()] for k, v in websocket.scope["headers"]
                        ],
                    }
                )
            elif text == "bye":
                await websocket.close(4001, "see you")
                return
            elif text is not None and text.startswith("push "):
                for i in range(int(text.split()[1])):
                    await websocket.send_text(f"pushed {i}")
            elif text is not None:
                await websocket.send_text(text)
            else:
                await websocket.send_bytes(message["bytes"])

    async def refuse(websocket: WebSocket) -> None:
        await websocket.send_denial_response(PlainTextResponse("members only", status_code=403))

    return Starlette(
        routes=[WebSocketRoute("/ws/refuse", refuse), WebSocketRoute("/ws/{rest:path}", echo)]
    )


@dataclass
class Stack:
    port: int
    closes: Closes

    def connect(self, host: str, path: str = "/ws/echo", **options: Any) -> connect:
        # The URI's host becomes the Host header; `host`/`port` aim the socket at the gateway.
        return connect(
            f"ws://{host}:{self.port}{path}",
            host="127.0.0.1",
            port=self.port,
            proxy=None,
            open_timeout=5,
            close_timeout=5,
            **options,
        )


@pytest.fixture(scope="module")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    closes: Closes = defaultdict(asyncio.Queue)
    frontends: Path = tmp_path_factory.mktemp("frontends")
    async with running_server(socket_app(closes)) as upstream_url:
        upstreams = {
            "api.localhost": upstream_url,
            "commerce-api.localhost": f"http://127.0.0.1:{dead_port()}",
        }
        async with running_gateway(upstreams, frontends) as gateway_url:
            yield Stack(int(gateway_url.rsplit(":", 1)[1]), closes)


async def whoami(websocket: ClientConnection) -> dict[str, Any]:
    await websocket.send("whoami")
    answer: dict[str, Any] = json.loads(await websocket.recv())
    return answer


def received_close(closed: ConnectionClosed) -> tuple[int, str]:
    assert closed.rcvd is not None, "the gateway closed without a close frame"
    return closed.rcvd.code, closed.rcvd.reason


def header_map(answer: dict[str, Any]) -> dict[str, list[str]]:
    collected: dict[str, list[str]] = {}
    for name, value in answer["headers"]:
        collected.setdefault(name.lower(), []).append(value)
    return collected


async def test_text_and_binary_frames_are_echoed(stack: Stack) -> None:
    async with stack.connect("api.localhost") as websocket:
        await websocket.send("hello, Lola 🦎")
        assert await websocket.recv() == "hello, Lola 🦎"
        await websocket.send(b"\x00\x01\xff")
        assert await websocket.recv() == b"\x00\x01\xff"
        large = bytes(range(256)) * 4000  # ~1 MB in one frame
        await websocket.send(large)
        assert await websocket.recv() == large


async def test_both_directions_flow_at_once(stack: Stack) -> None:
    async with stack.connect("api.localhost") as websocket:
        # The upstream pushes 50 messages while the client keeps sending.
        await websocket.send("push 50")
        for i in range(10):
            await websocket.send(f"mine {i}")
        received = [await websocket.recv() for _ in range(60)]
    assert [m for m in received if str(m).startswith("pushed")] == [
        f"pushed {i}" for i in range(50)
    ]
    assert [m for m in received if str(m).startswith("mine")] == [f"mine {i}" for i in range(10)]


async def test_subprotocol_is_negotiated_with_the_upstream(stack: Stack) -> None:
    offered = ["reptidex.v1", "reptidex.v2"]
    async with stack.connect("api.localhost", subprotocols=offered) as websocket:
        assert websocket.subprotocol == "reptidex.v2"
        assert (await whoami(websocket))["subprotocols"] == offered
    async with stack.connect("api.localhost") as websocket:
        assert websocket.subprotocol is None


async def test_path_query_and_headers_reach_the_upstream(stack: Stack) -> None:
    async with stack.connect(
        "api.localhost",
        "/ws/feeds/some%2Fid?b=2&a=%C3%A9",
        origin="http://breeder.localhost:8000",
        additional_headers={
            "Authorization": "Bearer abc.def.ghi",
            "Cookie": "session=s1",
            "X-Request-ID": "req-ws-1",
            "X-Forwarded-For": "203.0.113.9",
        },
        user_agent_header="reptidex-test",
    ) as websocket:
        answer = await whoami(websocket)
        accepted = websocket.response
    assert answer["raw_path"] == "/ws/feeds/some%2Fid"
    assert answer["query"] == "b=2&a=%C3%A9"
    sent = header_map(answer)
    assert sent["host"] == [f"api.localhost:{stack.port}"]
    assert sent["authorization"] == ["Bearer abc.def.ghi"]
    assert sent["cookie"] == ["session=s1"]
    assert sent["origin"] == ["http://breeder.localhost:8000"]
    assert sent["user-agent"] == ["reptidex-test"]
    assert sent["x-request-id"] == ["req-ws-1"]
    assert sent["x-forwarded-for"] == ["203.0.113.9, 127.0.0.1"]
    assert sent["x-forwarded-proto"] == ["http"]
    assert sent["x-forwarded-host"] == [f"api.localhost:{stack.port}"]
    assert len(sent["sec-websocket-key"]) == 1
    # The upstream's 101 headers come back; the gateway's server owns Date and Server.
    assert accepted is not None
    assert accepted.headers["x-upstream"] == "echo"
    assert len(accepted.headers.get_all("date")) == 1
    assert accepted.headers.get_all("server") == []


async def test_a_request_id_is_added_when_missing(stack: Stack) -> None:
    async with stack.connect("api.localhost") as websocket:
        [request_id] = header_map(await whoami(websocket))["x-request-id"]
    assert re.match(r"^[A-Za-z0-9._:-]{1,128}$", request_id)


async def test_a_browser_offering_compression_still_gets_its_socket(stack: Stack) -> None:
    # Browsers send Accept-Encoding on the handshake too; responses are compressed, sockets not.
    async with stack.connect(
        "api.localhost", additional_headers={"Accept-Encoding": "gzip, deflate, br, zstd"}
    ) as websocket:
        await websocket.send("x" * 4096)
        assert await websocket.recv() == "x" * 4096


async def test_upstream_close_code_and_reason_reach_the_client(stack: Stack) -> None:
    async with stack.connect("api.localhost") as websocket:
        await websocket.send("bye")
        with pytest.raises(ConnectionClosed) as closed:
            await websocket.recv()
    assert received_close(closed.value) == (4001, "see you")


async def test_client_close_code_and_reason_reach_the_upstream(stack: Stack) -> None:
    async with stack.connect("api.localhost", "/ws/leaving") as websocket:
        assert (await whoami(websocket))["raw_path"] == "/ws/leaving"
        await websocket.close(4002, "done for today")
    async with asyncio.timeout(5):
        assert await stack.closes["/ws/leaving"].get() == (4002, "done for today")


async def test_an_upstream_refusal_is_the_clients_answer(stack: Stack) -> None:
    with pytest.raises(InvalidStatus) as refused:
        async with stack.connect("api.localhost", "/ws/refuse"):
            pass
    assert refused.value.response.status_code == 403
    assert refused.value.response.body == b"members only"


async def test_a_stopped_service_is_a_503_problem(stack: Stack) -> None:
    with pytest.raises(InvalidStatus) as refused:
        async with stack.connect("commerce-api.localhost", "/ws/activity"):
            pass
    response = refused.value.response
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    body = json.loads(response.body)
    assert body["status"] == 503
    assert "commerce-api.localhost" in body["detail"]


async def test_unknown_host_is_a_404_problem(stack: Stack) -> None:
    with pytest.raises(InvalidStatus) as refused:
        async with stack.connect("nope.localhost"):
            pass
    response = refused.value.response
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "api.localhost" in json.loads(response.body)["hosts"]


async def test_static_sites_take_no_websockets(stack: Stack) -> None:
    with pytest.raises(InvalidStatus) as refused:
        async with stack.connect("breeder.localhost"):
            pass
    assert refused.value.response.status_code == 404
    assert json.loads(refused.value.response.body)["title"] == "No WebSockets here"
