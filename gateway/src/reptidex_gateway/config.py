"""Which host goes where. Defaults mirror the production ALB rules on `*.localhost`."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[3]

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


class GatewaySettings(BaseSettings):
    """`GATEWAY_UPSTREAMS='{"api.localhost": "http://core:8001"}'` overrides single hosts."""

    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore")

    host: str = "127.0.0.1"
    port: int = 8000
    upstreams: dict[str, str] = Field(default_factory=dict)
    sites: dict[str, str] = Field(default_factory=dict)
    frontends_dir: Path = REPO_ROOT / "frontends"
    connect_timeout_seconds: float = 5.0
    # Long enough for exports and uploads; the services enforce their own limits.
    read_timeout_seconds: float = 120.0

    def upstream_map(self) -> dict[str, str]:
        merged = {**DEFAULT_UPSTREAMS, **{k.lower(): v for k, v in self.upstreams.items()}}
        return {host: url.rstrip("/") for host, url in merged.items() if url}

    def site_map(self) -> dict[str, Path]:
        merged = {**DEFAULT_SITES, **{k.lower(): v for k, v in self.sites.items()}}
        return {host: self.frontends_dir / folder for host, folder in merged.items() if folder}
