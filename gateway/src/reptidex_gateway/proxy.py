"""Reverse proxy to one upstream service, streaming both ways."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import httpx
from starlette.types import Receive, Scope, Send

from reptidex_gateway.forwarding import SERVER_OWNED, forward_headers, strip_hop_by_hop
from reptidex_gateway.problems import problem
from reptidex_gateway.websocket_proxy import WebSocketProxy

logger = logging.getLogger(__name__)


def _has_body(scope: Scope) -> bool:
    names = {k.lower() for k, _ in scope["headers"]}
    return b"content-length" in names or b"transfer-encoding" in names


class UpstreamProxy:
    """ASGI app forwarding every request to `base_url`, keeping path, query, body, headers.

    The Host header is forwarded unchanged, as the ALB does; X-Forwarded-* say who asked.
    WebSockets go to the same upstream through `WebSocketProxy`.
    """

    def __init__(
        self, base_url: str, client: httpx.AsyncClient, *, websocket_open_timeout: float = 5.0
    ) -> None:
        self.base_url = base_url
        self.client = client
        self.websockets = WebSocketProxy(base_url, open_timeout=websocket_open_timeout)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            await self.websockets(scope, receive, send)
            return
        host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
        raw_path = scope.get("raw_path") or scope["path"].encode()
        query = scope.get("query_string", b"")
        target = (
            self.base_url
            + raw_path.decode("latin-1")
            + ("?" + query.decode("latin-1") if query else "")
        )

        async def body() -> AsyncIterator[bytes]:
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                chunk = message.get("body", b"")
                if chunk:
                    yield chunk
                if not message.get("more_body", False):
                    return

        request = self.client.build_request(
            scope["method"],
            httpx.URL(target),
            headers=forward_headers(scope, host),
            content=body() if _has_body(scope) else None,
        )
        try:
            response = await self.client.send(request, stream=True)
        except httpx.TimeoutException:
            logger.warning("upstream timed out", extra={"upstream": self.base_url})
            await problem(
                504, "gateway-timeout", "Gateway timeout", f"{host} did not answer in time."
            )(scope, receive, send)
            return
        except httpx.TransportError as exc:
            logger.warning(
                "upstream unreachable", extra={"upstream": self.base_url, "error": repr(exc)}
            )
            await problem(
                502,
                "bad-gateway",
                "Bad gateway",
                f"The service behind {host} ({self.base_url}) is not reachable. Is it running?",
            )(scope, receive, send)
            return
        try:
            headers = [
                (k, v)
                for k, v in strip_hop_by_hop(list(response.headers.multi_items()))
                # The gateway's server adds its own; two of each would confuse clients.
                if k.lower() not in SERVER_OWNED
            ]
            await send(
                {
                    "type": "http.response.start",
                    "status": response.status_code,
                    "headers": [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers],
                }
            )
            # Raw bytes: a compressed body stays compressed and Content-Length stays true.
            async for chunk in response.aiter_raw():
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            await response.aclose()
