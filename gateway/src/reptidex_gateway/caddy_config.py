"""The gateway's Caddy configuration (JSON), generated from the host table at start.

Each API host is proxied to its service; each web app host serves its SPA build, plus core's
session endpoints on the app's own origin. Everything else is a 404 problem listing the hosts.
"""

from __future__ import annotations

import re
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from reptidex_common.body_limit import (
    TOO_LARGE_SLUG,
    TOO_LARGE_TITLE,
    UPLOAD_CONTENT_TYPES,
    too_large_detail,
)
from reptidex_gateway.config import SERVICE_HOSTS, SESSION_PATHS, GatewaySettings
from reptidex_gateway.problems import Handler, problem, static_response
from reptidex_gateway.web_security import web_app_headers

Route = dict[str, Any]
Matcher = dict[str, Any]

# Clients come through our own network only (loopback locally, the ALB's private subnets in
# production): their X-Forwarded-For is kept and the peer's address appended, as the services
# expect with TRUSTED_PROXY_HOPS=1. A peer from outside gets its own address alone.
TRUSTED_PROXIES = ["127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]

# Vite's content-hashed files: safe to cache for good. Everything else is revalidated.
IMMUTABLE = "public, max-age=31536000, immutable"
NO_CACHE = "no-cache"

UPLOAD = {
    "header_regexp": {
        "Content-Type": {
            "pattern": r"(?i)^\s*("
            + "|".join(re.escape(t) for t in sorted(UPLOAD_CONTENT_TYPES))
            + r")\s*(;|$)"
        }
    }
}
# The app's host minus its first label (`localhost:8000`), for the API origins in its CSP.
PARENT_CAPTURE = "webhost"
PARENT = f"{{http.regexp.{PARENT_CAPTURE}.1}}"
HTTPS = {"header_regexp": {"X-Forwarded-Proto": {"pattern": r"(?i)^\s*https\s*(,|$)"}}}

ENCODE: Handler = {
    "handler": "encode",
    "encodings": {"zstd": {}, "gzip": {}},
    "prefer": ["zstd", "gzip"],
}

# Which server software answers behind the gateway is nobody's business. Deferred, so it
# applies to WebSocket handshakes (101) too, where Caddy adds its own next to the service's.
HIDE_SERVER: Handler = {"handler": "headers", "response": {"delete": ["Server"], "deferred": True}}

NOT_BUILT_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{host} is not built yet</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto">
<h1>{host} is not built yet</h1>
<p>The gateway serves this app from <code>{folder}</code>, which has no <code>index.html</code>.</p>
<p>Build the frontends (<code>npm run build</code> in <code>frontends/</code>) and reload.</p>
</body></html>
"""

# The errors Caddy itself can raise on the way (problems of its own, never an upstream's
# answer, which passes through as the service wrote it).
ERROR_TITLES = {
    400: ("Bad request", "bad-request"),
    403: ("Forbidden", "forbidden"),
    404: ("Not found", "not-found"),
    405: ("Method not allowed", "method-not-allowed"),
    500: ("Internal error", "internal-error"),
    502: ("Bad gateway", "bad-gateway"),
    503: ("Service unavailable", "unavailable"),
    504: ("Gateway timeout", "gateway-timeout"),
}
# A service that is down (restarting, stopped) refuses the connection: worth a retry soon.
UNREACHABLE_RETRY_AFTER_SECONDS = 2


def _not(matcher: Matcher) -> Matcher:
    return {"not": [matcher]}


def _duration(seconds: float) -> str:
    return f"{round(seconds * 1000)}ms"


def _content_length_over(limit: int) -> Matcher:
    # A declared length over the cap is refused before a byte travels; an undeclared
    # (chunked) one is counted as it streams (request_body below).
    header = "{http.request.header.Content-Length}"
    return {"expression": f'{header} != "" && int({header}) > {limit}'}


def _too_large(limit: int) -> Handler:
    return problem(413, TOO_LARGE_TITLE, too_large_detail(limit), TOO_LARGE_SLUG)


def _body_limit_routes(settings: GatewaySettings) -> list[Route]:
    upload, other = settings.max_upload_body_bytes, settings.max_body_bytes
    return [
        {"match": [{**UPLOAD, **_content_length_over(upload)}], "handle": [_too_large(upload)]},
        {"match": [{**_not(UPLOAD), **_content_length_over(other)}], "handle": [_too_large(other)]},
        {"match": [UPLOAD], "handle": [{"handler": "request_body", "max_size": upload}]},
        {"match": [_not(UPLOAD)], "handle": [{"handler": "request_body", "max_size": other}]},
    ]


def _reverse_proxy(upstream_url: str, settings: GatewaySettings) -> Handler:
    url = urlsplit(upstream_url)
    if url.scheme not in ("http", "https") or not url.hostname or url.path not in ("", "/"):
        raise ValueError(f"an upstream is scheme://host[:port] only, not {upstream_url!r}")
    port = url.port or (443 if url.scheme == "https" else 80)
    host = f"[{url.hostname}]" if ":" in url.hostname else url.hostname
    transport: dict[str, Any] = {
        "protocol": "http",
        "dial_timeout": _duration(settings.connect_timeout_seconds),
        "response_header_timeout": _duration(settings.read_timeout_seconds),
        # Closed by the gateway before the service would close it (config.py), so a request
        # never goes out on a connection the service is closing.
        "keep_alive": {
            "enabled": True,
            "idle_timeout": _duration(settings.upstream_idle_timeout_seconds),
        },
    }
    if url.scheme == "https":
        transport["tls"] = {}
    return {
        "handler": "reverse_proxy",
        "upstreams": [{"dial": f"{host}:{port}"}],
        "transport": transport,
        # The Host travels unchanged (as on the ALB); X-Forwarded-Host says the same, whatever
        # the client wrote there.
        "headers": {"request": {"set": {"X-Forwarded-Host": ["{http.request.hostport}"]}}},
    }


def _proxy_routes(upstream_url: str, settings: GatewaySettings) -> list[Route]:
    return [
        *_body_limit_routes(settings),
        {
            # One id from the edge on, so gateway and service logs of a request line up.
            "match": [_not({"header": {"X-Request-ID": ["*"]}})],
            "handle": [
                {
                    "handler": "headers",
                    "request": {"set": {"X-Request-ID": ["{http.request.uuid}"]}},
                }
            ],
        },
        {"handle": [HIDE_SERVER, ENCODE, _reverse_proxy(upstream_url, settings)]},
    ]


def _subroute(routes: list[Route]) -> Handler:
    return {"handler": "subroute", "routes": routes}


def api_route(host: str, upstream_url: str, settings: GatewaySettings) -> Route:
    return {
        "match": [{"host": [host]}],
        "handle": [_subroute(_proxy_routes(upstream_url, settings))],
        "terminal": True,
    }


def _security_header_routes(host: str) -> list[Route]:
    def headers(scheme: str) -> Handler:
        values = web_app_headers(host, scheme, PARENT)
        return {"handler": "headers", "response": {"set": {k: [v] for k, v in values.items()}}}

    return [
        {
            "match": [
                {
                    "vars_regexp": {
                        "{http.request.hostport}": {
                            "name": PARENT_CAPTURE,
                            "pattern": r"^(?:[^.]+\.)?(.+)$",
                        }
                    }
                }
            ]
        },
        {"match": [HTTPS], "handle": [headers("https")]},
        {"match": [_not(HTTPS)], "handle": [headers("http")]},
    ]


def _spa_routes(host: str, folder: Path) -> list[Route]:
    root = str(folder)

    def exists(path: str) -> Matcher:
        return {"file": {"root": root, "try_files": [path]}}

    def serve(cache: str) -> list[Handler]:
        return [
            {"handler": "headers", "response": {"set": {"Cache-Control": [cache]}}},
            {"handler": "file_server", "root": root},
        ]

    return [
        {
            "match": [{"header_regexp": {"Upgrade": {"pattern": "(?i)websocket"}}}],
            # A static build has no socket to offer. A 4xx (not a 5xx) so clients don't retry.
            "handle": [
                problem(
                    404,
                    "No WebSockets here",
                    f"{host} serves a static app; WebSockets go to the API hosts.",
                    "websocket-not-supported",
                )
            ],
        },
        {
            "match": [_not({"method": ["GET", "HEAD"]})],
            "handle": [
                problem(
                    405,
                    "Method not allowed",
                    "Static sites are read-only.",
                    "method-not-allowed",
                    headers={"Allow": "GET, HEAD"},
                )
            ],
        },
        {
            "match": [_not(exists("/index.html"))],
            "handle": [
                static_response(
                    503,
                    NOT_BUILT_PAGE.format(host=host, folder=folder),
                    "text/html; charset=utf-8",
                )
            ],
        },
        {"handle": [ENCODE]},
        {
            "match": [{"path": ["/assets/*"], **exists("{http.request.uri.path}")}],
            "handle": serve(IMMUTABLE),
        },
        {"match": [exists("{http.request.uri.path}")], "handle": serve(NO_CACHE)},
        {
            # A missing file (script, image) must not be answered with HTML.
            "match": [{"path_regexp": {"pattern": r"\.[^/]*$"}}],
            "handle": [
                problem(404, "Not found", "This file is not part of this build.", "not-found")
            ],
        },
        # Every other path is a client-side route: the app's router decides.
        {"handle": [{"handler": "rewrite", "uri": "/index.html"}, *serve(NO_CACHE)]},
    ]


def web_app_route(
    host: str, folder: Path, core_url: str | None, settings: GatewaySettings
) -> Route:
    routes: list[Route] = []
    if core_url is not None:
        routes.append(
            {
                "match": [{"path": list(SESSION_PATHS)}],
                "handle": [_subroute(_proxy_routes(core_url, settings))],
                "terminal": True,
            }
        )
    routes += _security_header_routes(host) + _spa_routes(host, folder)
    return {"match": [{"host": [host]}], "handle": [_subroute(routes)], "terminal": True}


def unknown_host_route(hosts: list[str]) -> Route:
    # `{http.request.host}` is safe inside JSON: Go refuses hosts with quotes or backslashes.
    return {
        "handle": [
            problem(
                404,
                "Unknown host",
                "No app answers for host '{http.request.host}'. Known hosts: "
                + ", ".join(hosts)
                + ".",
                "unknown-host",
                extra={"hosts": hosts},
            )
        ]
    }


def _status_is(status: int) -> Matcher:
    return {"expression": f"{{http.error.status_code}} == {status}"}


def error_routes(settings: GatewaySettings) -> list[Route]:
    upload, other = settings.max_upload_body_bytes, settings.max_body_bytes
    unreachable = {
        "expression": "{http.error.status_code} == 502 && {http.error.message}.contains('dial')"
    }
    routes: list[Route] = [
        # A chunked body that grew past the cap while streaming.
        {"match": [{**_status_is(413), **UPLOAD}], "handle": [_too_large(upload)]},
        {"match": [_status_is(413)], "handle": [_too_large(other)]},
        {
            "match": [unreachable],
            "handle": [
                problem(
                    503,
                    "Service unavailable",
                    "The service behind {http.request.host} is not reachable right now. "
                    "Try again in a few seconds.",
                    "unavailable",
                    headers={"Retry-After": str(UNREACHABLE_RETRY_AFTER_SECONDS)},
                )
            ],
        },
    ]
    for status, (title, slug) in ERROR_TITLES.items():
        detail = f"{HTTPStatus(status).phrase} at the gateway for {{http.request.host}}."
        routes.append(
            {"match": [_status_is(status)], "handle": [problem(status, title, detail, slug)]}
        )
    return routes


def _listen(settings: GatewaySettings) -> str:
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    return f"{host}:{settings.port}"


def caddy_config(settings: GatewaySettings) -> dict[str, Any]:
    upstreams = settings.upstream_map()
    sites = settings.site_map()
    core_url = upstreams.get(SERVICE_HOSTS["core"])
    routes = [
        *(api_route(host, url, settings) for host, url in upstreams.items()),
        *(web_app_route(host, folder, core_url, settings) for host, folder in sites.items()),
        unknown_host_route(sorted([*upstreams, *sites])),
    ]
    return {
        # One gateway per port, several on one machine (tests): no shared admin endpoint.
        "admin": {"disabled": True, "config": {"persist": False}},
        "apps": {
            "http": {
                # In-flight requests get this long to finish on SIGTERM/Ctrl-C.
                "grace_period": "10s",
                "servers": {
                    "gateway": {
                        "listen": [_listen(settings)],
                        "automatic_https": {"disable": True},
                        "trusted_proxies": {"source": "static", "ranges": TRUSTED_PROXIES},
                        "read_header_timeout": "10s",
                        "routes": routes,
                        "errors": {"routes": error_routes(settings)},
                    }
                },
            }
        },
    }
