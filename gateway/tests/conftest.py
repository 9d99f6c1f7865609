"""The real gateway (Caddy, as `python -m reptidex_gateway` starts it) in front of tiny upstream
services, all over real HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from reptidex_common.testing.servers import running_server
from reptidex_gateway.testing import dead_port, echo_app, running_gateway


def build_breeder(frontends: Path) -> None:
    breeder = frontends / "apps" / "web-breeder" / "dist"
    (breeder / "assets").mkdir(parents=True)
    head = "".join(f'<link rel="modulepreload" href="/assets/chunk-{i:04d}.js">' for i in range(20))
    (breeder / "index.html").write_text(
        f"<!doctype html><title>Breeder</title>{head}<div id=app></div>"
    )
    (breeder / "assets" / "app-1234.js").write_text("console.log('breeder');\n" * 200)
    (breeder / "robots.txt").write_text("User-agent: *")
    (frontends / "secret.txt").write_text("outside the build")


@pytest.fixture(scope="module")
async def gateway(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the gateway (real HTTP) in front of two echo services and one SPA build."""
    frontends = tmp_path_factory.mktemp("frontends")
    build_breeder(frontends)
    async with (
        running_server(echo_app("core")) as core_url,
        running_server(echo_app("animal")) as animal_url,
    ):
        upstreams = {
            "api.localhost": core_url,
            "animal-api.localhost": animal_url,
            "commerce-api.localhost": f"http://127.0.0.1:{dead_port()}",
        }
        async with (
            running_gateway(upstreams, frontends) as gateway_url,
            httpx.AsyncClient(base_url=gateway_url, timeout=10) as client,
        ):
            yield client
