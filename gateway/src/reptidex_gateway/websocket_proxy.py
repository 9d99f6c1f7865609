"""WebSocket proxy to one upstream service: upstream handshake first, then frames both ways.

The client's handshake is accepted only once the upstream accepted, so a client never sees an
open socket that leads nowhere, and an upstream refusal (401, 404, ...) reaches it as is.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any
from urllib.parse import urlsplit

from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus, InvalidURI
from websockets.http11 import Response as HandshakeResponse
from websockets.typing import Subprotocol

from reptidex_gateway.forwarding import SERVER_OWNED, forward_headers, strip_hop_by_hop
from reptidex_gateway.problems import deny_websocket, problem

logger = logging.getLogger(__name__)

# Reminders and activity feeds are small JSON messages; the bound keeps one socket from
# pinning the gateway's memory. Enforced both ways (uvicorn's own default is 16 MiB).
MAX_MESSAGE_BYTES = 2**20

# The websockets client writes these for the upstream handshake itself; the client's copies
# would duplicate or contradict them. Host travels in the URI instead.
HANDSHAKE_OWNED = frozenset(
    {
        "host",
        "user-agent",
        "content-length",
        "sec-websocket-key",
        "sec-websocket-version",
        "sec-websocket-extensions",
        "sec-websocket-protocol",
        "sec-websocket-accept",
    }
)

# RFC 6455 §7.4.1: 1005 (no code given) and 1006/1015 (connection lost, TLS failure) describe
# a close but must never be sent in a close frame, so they are translated before relaying.
NO_STATUS = 1005
NOT_SENDABLE = frozenset({1006, 1015})
GOING_AWAY, MESSAGE_TOO_BIG, INTERNAL_ERROR, POLICY_VIOLATION = 1001, 1009, 1011, 1008


def _sendable(code: int, *, lost: int) -> int:
    if code == NO_STATUS:
        return 1000
    return lost if code in NOT_SENDABLE else code


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


class WebSocketProxy:
    """ASGI app relaying one WebSocket per connection to `base_url` (http → ws, https → wss)."""

    def __init__(self, base_url: str, *, open_timeout: float) -> None:
        self.base = urlsplit(base_url)
        self.open_timeout = open_timeout

    def _target(self, scope: Scope, host: str) -> tuple[str, dict[str, Any]]:
        """The upstream URI and the socket arguments that make the TCP connection.

        The URI carries the client's Host (forwarded unchanged, as on the HTTP path and the
        ALB) while `host`/`port` send the TCP connection to the service itself.
        """
        secure = self.base.scheme == "https"
        raw_path: bytes = scope.get("raw_path") or scope["path"].encode()
        query: bytes = scope.get("query_string", b"")
        uri = (
            ("wss://" if secure else "ws://")
            + (host or self.base.netloc)
            + self.base.path
            + raw_path.decode("latin-1")
            + ("?" + query.decode("latin-1") if query else "")
        )
        route: dict[str, Any] = {
            "host": self.base.hostname,
            "port": self.base.port or (443 if secure else 80),
        }
        if secure:
            route["server_hostname"] = self.base.hostname
        return uri, route

    async def _open(self, scope: Scope, host: str) -> ClientConnection:
        uri, route = self._target(scope, host)
        headers = [
            (k, v) for k, v in forward_headers(scope, host) if k.lower() not in HANDSHAKE_OWNED
        ]
        offered = [Subprotocol(p) for p in scope.get("subprotocols", [])]
        return await connect(
            uri,
            subprotocols=offered or None,
            additional_headers=headers,
            user_agent_header=_header(scope, b"user-agent"),
            # The upstream is a known service, never reached through HTTP(S)_PROXY settings.
            proxy=None,
            # Loopback or VPC hop: compressing it costs CPU and saves nothing.
            compression=None,
            open_timeout=self.open_timeout,
            max_size=MAX_MESSAGE_BYTES,
            **route,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (await receive())["type"] != "websocket.connect":
            return  # the client left before its handshake was answered
        host = _header(scope, b"host") or ""
        try:
            upstream = await self._open(scope, host)
        except InvalidStatus as exc:
            # The service refused the upgrade: its answer is the client's answer.
            status = exc.response.status_code
            await deny_websocket(
                scope,
                receive,
                send,
                _relayed(exc.response),
                close_code=POLICY_VIOLATION if status < 500 else INTERNAL_ERROR,
            )
            return
        except (OSError, TimeoutError, InvalidHandshake, InvalidURI) as exc:
            logger.warning(
                "websocket upstream unreachable",
                extra={"upstream": self.base.geturl(), "error": repr(exc)},
            )
            timed_out = isinstance(exc, TimeoutError)
            response = (
                problem(
                    504, "gateway-timeout", "Gateway timeout", f"{host} did not answer in time."
                )
                if timed_out
                else problem(
                    502,
                    "bad-gateway",
                    "Bad gateway",
                    f"The service behind {host} ({self.base.geturl()}) did not accept the "
                    "WebSocket. Is it running?",
                )
            )
            await deny_websocket(scope, receive, send, response, close_code=INTERNAL_ERROR)
            return
        async with upstream:
            await send(
                {
                    "type": "websocket.accept",
                    "subprotocol": upstream.subprotocol,
                    "headers": _accept_headers(upstream),
                }
            )
            await _Relay(upstream, receive, send).run()


def _passable(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [
        (k, v)
        for k, v in strip_hop_by_hop(headers)
        if k.lower() not in SERVER_OWNED and k.lower() not in HANDSHAKE_OWNED
    ]


def _relayed(answer: HandshakeResponse) -> Response:
    response = Response(bytes(answer.body), status_code=answer.status_code)
    response.raw_headers += [
        (k.lower().encode("latin-1"), v.encode("latin-1"))
        for k, v in _passable(list(answer.headers.raw_items()))
    ]
    return response


def _accept_headers(upstream: ClientConnection) -> list[tuple[bytes, bytes]]:
    # Set-Cookie, X-Request-ID and the like from the upstream's 101 reach the client.
    assert upstream.response is not None  # set once the handshake succeeded
    return [
        (k.lower().encode("latin-1"), v.encode("latin-1"))
        for k, v in _passable(list(upstream.response.headers.raw_items()))
    ]


class _Relay:
    """Frames both ways at once; the first side to close closes the other, code and reason."""

    def __init__(self, upstream: ClientConnection, receive: Receive, send: Send) -> None:
        self.upstream = upstream
        self.receive = receive
        self.send = send
        # Set once the client is closing, so its close is not echoed back to it.
        self.client_closed = False

    async def run(self) -> None:
        tasks = [
            asyncio.create_task(self._client_to_upstream()),
            asyncio.create_task(self._upstream_to_client()),
        ]
        try:
            done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            # Also on cancellation (server shutdown): no relay task may outlive its socket.
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        for task in done:
            task.result()  # surface a bug rather than swallow it

    async def _client_to_upstream(self) -> None:
        while True:
            message = await self.receive()
            if message["type"] == "websocket.disconnect":
                self.client_closed = True
                code = _sendable(message.get("code", 1000), lost=GOING_AWAY)
                await self.upstream.close(code, message.get("reason") or "")
                return
            text: str | None = message.get("text")
            data: str | bytes = text if text is not None else message.get("bytes") or b""
            size = len(data.encode()) if isinstance(data, str) else len(data)
            if size > MAX_MESSAGE_BYTES:
                # uvicorn's limit may be higher than ours (tests, embedding): enforce it here.
                self.client_closed = True
                reason = f"message over {MAX_MESSAGE_BYTES} bytes"
                await self.send(
                    {"type": "websocket.close", "code": MESSAGE_TOO_BIG, "reason": reason}
                )
                await self.upstream.close(MESSAGE_TOO_BIG, reason)
                return
            try:
                await self.upstream.send(data)
            except ConnectionClosed:
                return  # the other task relays the upstream's close

    async def _upstream_to_client(self) -> None:
        try:
            while True:
                data = await self.upstream.recv()
                key = "text" if isinstance(data, str) else "bytes"
                await self.send({"type": "websocket.send", key: data})
        except ConnectionClosed as exc:
            # What the upstream said, else what we said to it (1009 for an oversized message,
            # 1011 for a lost keepalive); nothing at all means it vanished.
            close = exc.rcvd or exc.sent
            code = _sendable(close.code, lost=INTERNAL_ERROR) if close else INTERNAL_ERROR
            reason = close.reason if close else "upstream connection lost"
        except OSError:
            # The client vanished mid-send: tell the upstream, as its disconnect would.
            await self.upstream.close(GOING_AWAY)
            return
        if not self.client_closed:
            with contextlib.suppress(OSError):  # the client vanished meanwhile
                await self.send({"type": "websocket.close", "code": code, "reason": reason})
