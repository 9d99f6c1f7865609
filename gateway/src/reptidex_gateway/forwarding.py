"""Which headers cross the gateway, and the X-Forwarded-* it adds, for HTTP and WebSockets."""

from __future__ import annotations

import uuid

from starlette.types import Scope

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

# The ALB says http or https for WebSockets too; services should not have to know ws/wss.
_HTTP_SCHEME = {"ws": "http", "wss": "https"}


def strip_hop_by_hop(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    # Headers named in Connection are hop-by-hop too, for this message only.
    named = {
        token.strip().lower()
        for name, value in headers
        if name.lower() == "connection"
        for token in value.split(",")
    }
    return [(k, v) for k, v in headers if k.lower() not in HOP_BY_HOP and k.lower() not in named]


def forward_headers(scope: Scope, host: str) -> list[tuple[str, str]]:
    headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"]]
    headers = strip_hop_by_hop(headers)
    client_ip = scope["client"][0] if scope.get("client") else ""
    scheme: str = scope.get("scheme", "http")
    prior = ", ".join(v for k, v in headers if k.lower() == "x-forwarded-for")
    forwarded = [
        (k, v)
        for k, v in headers
        if k.lower() not in {"x-forwarded-for", "x-forwarded-proto", "x-forwarded-host"}
    ]
    forwarded += [
        ("X-Forwarded-For", f"{prior}, {client_ip}" if prior else client_ip),
        ("X-Forwarded-Proto", _HTTP_SCHEME.get(scheme, scheme)),
        ("X-Forwarded-Host", host),
    ]
    if not any(k.lower() == "x-request-id" for k, _ in forwarded):
        # One id from the edge on, so gateway and service logs of a request line up.
        forwarded.append(("X-Request-ID", uuid.uuid4().hex))
    return forwarded
