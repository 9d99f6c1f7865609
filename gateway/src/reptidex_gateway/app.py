"""The gateway ASGI app: route by Host header to a service or an SPA, as the ALB does."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.types import ASGIApp, Receive, Scope, Send

from reptidex_gateway.config import SERVICE_HOSTS, GatewaySettings
from reptidex_gateway.problems import deny_websocket, problem
from reptidex_gateway.proxy import UpstreamProxy
from reptidex_gateway.static import SpaSite
from reptidex_gateway.web_app import WebAppHost


def request_host(scope: Scope) -> str:
    headers: dict[bytes, bytes] = dict(scope.get("headers", []))
    raw = headers.get(b"host", b"").decode("latin-1").strip().lower()
    if raw.startswith("["):  # IPv6 literal: [::1]:8000
        return raw.split("]", 1)[0] + "]"
    return raw.rsplit(":", 1)[0] if ":" in raw else raw


class HostDispatcher:
    def __init__(self, routes: dict[str, ASGIApp]) -> None:
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        host = request_host(scope)
        target = self.routes.get(host)
        if target is None:
            known = sorted(self.routes)
            response = problem(
                404,
                "unknown-host",
                "Unknown host",
                f"No app answers for host {host or '(none)'!r}. Known hosts: {', '.join(known)}.",
                hosts=known,
            )
            if scope["type"] == "websocket":
                await receive()  # websocket.connect
                await deny_websocket(scope, receive, send, response, close_code=1008)
            else:
                await response(scope, receive, send)
            return
        await target(scope, receive, send)


def create_app(
    settings: GatewaySettings | None = None, *, transport: httpx.AsyncBaseTransport | None = None
) -> Starlette:
    settings = settings or GatewaySettings()
    client = httpx.AsyncClient(
        transport=transport,
        timeout=httpx.Timeout(
            settings.read_timeout_seconds, connect=settings.connect_timeout_seconds
        ),
        # Redirects belong to the browser, not to the proxy.
        follow_redirects=False,
        # Limits sized for a developer machine running all six services behind one gateway.
        limits=httpx.Limits(max_connections=200, max_keepalive_connections=50),
    )
    routes: dict[str, ASGIApp] = {
        host: UpstreamProxy(url, client, websocket_open_timeout=settings.connect_timeout_seconds)
        for host, url in settings.upstream_map().items()
    }
    core = routes.get(SERVICE_HOSTS["core"])
    routes.update(
        {
            host: WebAppHost(host, SpaSite(host, folder), core)
            for host, folder in settings.site_map().items()
        }
    )

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        yield
        await client.aclose()

    return Starlette(routes=[Mount("", app=HostDispatcher(routes))], lifespan=lifespan)


app = create_app()
