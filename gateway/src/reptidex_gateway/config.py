"""Which host goes where: the one host table of the local gateway and the production ALB rules.

Defaults mirror the production ALB rules on `*.localhost`. The gateway's Caddy configuration is
generated from this table at start (`reptidex_gateway.caddy_config`).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from reptidex_common.body_limit import MAX_BODY_BYTES, MAX_UPLOAD_BODY_BYTES

REPO_ROOT = Path(__file__).resolve().parents[3]
# Where the generated Caddy configuration (and Caddy's own small state) is written at start.
DEFAULT_STATE_DIR = Path(tempfile.gettempdir()) / f"reptidex-gateway-{os.getuid()}"

# Each service's host name, in port order: the service alone listens on 8001, 8002, ...
SERVICE_HOSTS: dict[str, str] = {
    "core": "api.localhost",
    "animal": "animal-api.localhost",
    "commerce": "commerce-api.localhost",
    "media": "media-api.localhost",
    "community": "community-api.localhost",
    "ops": "ops-api.localhost",
}

DEFAULT_UPSTREAMS: dict[str, str] = {
    host: f"http://127.0.0.1:{8001 + position}"
    for position, host in enumerate(SERVICE_HOSTS.values())
}

# Host → SPA build folder, relative to `frontends_dir`.
DEFAULT_SITES: dict[str, str] = {
    "public.localhost": "apps/web-public/dist",
    "breeder.localhost": "apps/web-breeder/dist",
    "admin.localhost": "apps/web-admin/dist",
    "embed.localhost": "apps/web-embed/dist",
}

# Core's endpoints that set or use the refresh cookie (repti_core.auth.cookies). Every `*.localhost`
# host is a site of its own to browsers, which block third-party cookies, so a refresh cookie
# set by `api.localhost` would never reach core again from a page on `breeder.localhost`: these
# paths are therefore forwarded to core on every web app's own host too (a path rule on the ALB
# in production), where the cookie is first-party and host-only.
SESSION_PATHS: tuple[str, ...] = (
    "/api/v1/auth/login",
    "/api/v1/auth/refresh",
    "/api/v1/auth/logout",
    "/api/v1/auth/password/change",
)

# How long a service keeps an idle client connection open (uvicorn --timeout-keep-alive,
# gunicorn --keep-alive): longer than the ALB's 60 s idle timeout, as AWS asks of targets.
SERVICE_KEEP_ALIVE_SECONDS = 75
# The gateway closes an idle upstream connection well before any service does (uvicorn's own
# default is 5 s), so it never sends a request on a connection the service is closing.
UPSTREAM_IDLE_TIMEOUT_SECONDS = 4.0


class GatewaySettings(BaseSettings):
    """`GATEWAY_UPSTREAMS='{"api.localhost": "http://core:8001"}'` overrides single hosts."""

    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore")

    host: str = "127.0.0.1"
    port: int = 8000
    upstreams: dict[str, str] = Field(default_factory=dict)
    sites: dict[str, str] = Field(default_factory=dict)
    frontends_dir: Path = REPO_ROOT / "frontends"
    state_dir: Path = DEFAULT_STATE_DIR
    connect_timeout_seconds: float = Field(default=5.0, gt=0)
    # Long enough for exports and uploads; the services enforce their own limits.
    read_timeout_seconds: float = Field(default=120.0, gt=0)
    upstream_idle_timeout_seconds: float = Field(default=UPSTREAM_IDLE_TIMEOUT_SECONDS, gt=0)
    # The services' own caps (reptidex_common.body_limit), refused here before a byte travels.
    max_body_bytes: int = Field(default=MAX_BODY_BYTES, gt=0)
    max_upload_body_bytes: int = Field(default=MAX_UPLOAD_BODY_BYTES, gt=0)

    def upstream_map(self) -> dict[str, str]:
        merged = {**DEFAULT_UPSTREAMS, **{k.lower(): v for k, v in self.upstreams.items()}}
        return {host: url.rstrip("/") for host, url in merged.items() if url}

    def site_map(self) -> dict[str, Path]:
        merged = {**DEFAULT_SITES, **{k.lower(): v for k, v in self.sites.items()}}
        return {host: self.frontends_dir / folder for host, folder in merged.items() if folder}
