"""Reverse proxy to one upstream service, streaming both ways."""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator

import httpx
from starlette.types import Receive, Scope, Send

from reptidex_gateway.problems import problem

logger = logging.getLogger(__name__)

# RFC 9110 §7.6.1: meaningful for one connection only, never forwarded.
HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    }
)

SERVER_OWNED = frozenset({"date", "server"})


def _strip_hop_by_hop(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    # Headers named in Connection are hop-by-hop too, for this message only.
    named = {
        token.strip().lower()
        for name, value in headers
        if name.lower() == "connection"
        for token in value.split(",")
    }
    return [(k, v) for k, v in headers if k.lower() not in HOP_BY_HOP and k.lower() not in named]


def _forward_headers(scope: Scope, host: str) -> list[tuple[str, str]]:
    headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"]]
    headers = _strip_hop_by_hop(headers)
    client_ip = scope["client"][0] if scope.get("client") else ""
    prior = ", ".join(v for k, v in headers if k.lower() == "x-forwarded-for")
    forwarded = [
        (k, v)
        for k, v in headers
        if k.lower() not in {"x-forwarded-for", "x-forwarded-proto", "x-forwarded-host"}
    ]
    forwarded += [
        ("X-Forwarded-For", f"{prior}, {client_ip}" if prior else client_ip),
        ("X-Forwarded-Proto", scope.get("scheme", "http")),
        ("X-Forwarded-Host", host),
    ]
    if not any(k.lower() == "x-request-id" for k, _ in forwarded):
        # One id from the edge on, so gateway and service logs of a request line up.
        forwarded.append(("X-Request-ID", uuid.uuid4().hex))
    return forwarded


def _has_body(scope: Scope) -> bool:
    names = {k.lower() for k, _ in scope["headers"]}
    return b"content-length" in names or b"transfer-encoding" in names


class UpstreamProxy:
    """ASGI app forwarding every request to `base_url`, keeping path, query, body, headers.

    The Host header is forwarded unchanged, as the ALB does; X-Forwarded-* say who asked.
    """

    def __init__(self, base_url: str, client: httpx.AsyncClient) -> None:
        self.base_url = base_url
        self.client = client

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
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
            headers=_forward_headers(scope, host),
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
                for k, v in _strip_hop_by_hop(list(response.headers.multi_items()))
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
