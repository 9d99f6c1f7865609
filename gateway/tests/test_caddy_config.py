"""The Caddy configuration generated from the host table."""

from __future__ import annotations

from typing import Any

import pytest

from reptidex_gateway.caddy_config import caddy_config
from reptidex_gateway.config import (
    DEFAULT_SITES,
    SERVICE_HOSTS,
    SERVICE_KEEP_ALIVE_SECONDS,
    GatewaySettings,
)

# uvicorn's own default, for services started by hand without --timeout-keep-alive.
UVICORN_DEFAULT_KEEP_ALIVE_SECONDS = 5


def _routes(settings: GatewaySettings) -> list[dict[str, Any]]:
    server = caddy_config(settings)["apps"]["http"]["servers"]["gateway"]
    routes: list[dict[str, Any]] = server["routes"]
    return routes


def _proxies(node: object) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        found = [node] if node.get("handler") == "reverse_proxy" else []
        return found + [p for value in node.values() for p in _proxies(value)]
    if isinstance(node, list):
        return [p for item in node for p in _proxies(item)]
    return []


def test_every_host_of_the_table_has_its_route_and_nothing_else_answers() -> None:
    routes = _routes(GatewaySettings())
    hosts = [route["match"][0]["host"] for route in routes[:-1]]
    assert hosts == [[host] for host in [*SERVICE_HOSTS.values(), *DEFAULT_SITES]]
    # The last route has no matcher: an unknown host's 404 problem.
    assert "match" not in routes[-1]


def test_the_gateway_drops_idle_upstream_connections_before_any_service_does() -> None:
    settings = GatewaySettings()
    proxies = _proxies(caddy_config(settings))
    # Six services, plus core's session endpoints on each of the four web app hosts.
    assert len(proxies) == 6 + 4
    for proxy in proxies:
        assert proxy["transport"]["keep_alive"]["idle_timeout"] == "4000ms"
    assert settings.upstream_idle_timeout_seconds < UVICORN_DEFAULT_KEEP_ALIVE_SECONDS
    assert settings.upstream_idle_timeout_seconds < SERVICE_KEEP_ALIVE_SECONDS


def test_upstreams_are_dialled_as_written() -> None:
    settings = GatewaySettings(
        upstreams={
            "api.localhost": "https://core.internal",
            "animal-api.localhost": "http://[::1]:9",
        }
    )
    by_dial = {p["upstreams"][0]["dial"]: p for p in _proxies(caddy_config(settings))}
    assert by_dial["core.internal:443"]["transport"]["tls"] == {}
    assert "tls" not in by_dial["[::1]:9"]["transport"]


def test_an_upstream_with_a_path_is_refused() -> None:
    with pytest.raises(ValueError, match="scheme://host"):
        caddy_config(GatewaySettings(upstreams={"api.localhost": "http://core:8001/api"}))
