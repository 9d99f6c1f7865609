"""One web-app host: its static build, plus core's session endpoints on the app's own origin.

Every `*.localhost` host is a site of its own to browsers, and browsers block third-party
cookies, so a refresh cookie set by `api.localhost` would never reach core again from a page
on `breeder.localhost`. The session endpoints are therefore served on the app's own origin
(here, and by an ALB path rule in production), where the cookie is first-party and host-only.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from reptidex_gateway.web_security import web_app_headers

# The endpoints that set or use the refresh cookie (repti_core.auth.cookies).
SESSION_PATHS = frozenset(
    {
        "/api/v1/auth/login",
        "/api/v1/auth/refresh",
        "/api/v1/auth/logout",
        "/api/v1/auth/password/change",
    }
)


def _scheme(scope: Scope) -> str:
    headers = dict(scope.get("headers", []))
    forwarded = headers.get(b"x-forwarded-proto", b"").decode("latin-1").split(",")[0].strip()
    return forwarded.lower() or str(scope.get("scheme", "http"))


class WebAppHost:
    def __init__(self, host: str, site: ASGIApp, core: ASGIApp | None) -> None:
        self.host = host
        self.site = site
        self.core = core

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] in SESSION_PATHS and self.core is not None:
            await self.core(scope, receive, send)
            return
        if scope["type"] != "http":
            await self.site(scope, receive, send)
            return
        host_header = dict(scope["headers"]).get(b"host", self.host.encode()).decode("latin-1")
        extra = web_app_headers(self.host, _scheme(scope), host_header)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in extra:
                    headers[name] = value
            await send(message)

        await self.site(scope, receive, send_with_headers)
