"""Settings shared by every service, read from the environment (and `.env`) once per process."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from reptidex_common.body_limit import MAX_BODY_BYTES, MAX_UPLOAD_BODY_BYTES

REPO_ROOT = Path(__file__).resolve().parents[4]
DEFAULT_DATA_DIR = REPO_ROOT / ".data"


def _async_driver(url: str) -> str:
    """Accept the plain `postgresql://` URLs that hosting platforms hand out."""
    for prefix in ("postgres://", "postgresql://", "postgresql+psycopg://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    return url


# Refused in production (see `production_problems`).
DEVELOPMENT_API_KEY_PEPPER = "development-only-api-key-pepper"
MIN_PEPPER_LENGTH = 32
# Settings whose defaults only fit a developer's machine: production must set each one itself.
# The connection URLs carry the database and Redis credentials; the proxy hops decide whose
# address per-IP rate limits count (left at 0 behind the ALB, every visitor shares one bucket).
PRODUCTION_MUST_SET = ("database_url", "redis_url", "api_key_pepper", "trusted_proxy_hops")


class BaseServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    service_name: str = "reptidex"
    environment: Literal["development", "test", "production"] = "development"
    log_level: str = "INFO"

    database_url: str = "postgresql+asyncpg://reptidex@127.0.0.1:5432/reptidex"
    database_pool_size: int = 10
    database_max_overflow: int = 10
    # A request that waits longer for a pooled connection (or for the server to accept a new
    # one) answers 503 with Retry-After instead of holding the caller; see `db.availability`.
    database_pool_timeout_seconds: float = Field(default=2.0, gt=0)
    database_connect_timeout_seconds: float = Field(default=3.0, gt=0)
    redis_url: str = "redis://127.0.0.1:6379/0"
    # Redis calls on the request path fail fast; rate limits then count in-process until Redis
    # answers again (tried anew after `redis_retry_interval_seconds`), see `ratelimit`.
    redis_socket_timeout_seconds: float = Field(default=0.5, gt=0)
    redis_retry_interval_seconds: float = Field(default=5.0, gt=0)

    # Admission control (`reptidex_common.admission`), per process. Sized for 0.5 vCPU: enough
    # requests at work to keep half a core busy while some wait on the database (more would
    # only queue inside the process and add latency), a short queue behind them, and a bounded
    # wait in it; past that a request answers 503 with Retry-After at once.
    max_concurrent_requests: int = Field(default=10, ge=1)
    max_queued_requests: int = Field(default=20, ge=0)
    max_queue_wait_seconds: float = Field(default=0.5, ge=0)
    # Retry-After of every 503 (overloaded, database unreachable).
    unavailable_retry_after_seconds: int = Field(default=2, ge=1)

    data_dir: Path = DEFAULT_DATA_DIR

    # Tokens. Core signs with the private key; every service verifies with core's JWKS.
    jwt_issuer: str = "reptidex-core"
    jwt_audience: str = "reptidex"
    jwt_private_key_file: Path | None = None
    jwks_url: str = "http://127.0.0.1:8001/.well-known/jwks.json"
    access_token_ttl_seconds: int = 900
    refresh_token_ttl_seconds: int = 30 * 24 * 3600
    # Secret mixed into API key hashes so a leaked table cannot be brute-forced offline.
    api_key_pepper: SecretStr = SecretStr(DEVELOPMENT_API_KEY_PEPPER)

    # Where each service answers; used for service-to-service calls and links in emails.
    core_url: str = "http://127.0.0.1:8001"
    # Every service's internal address (SERVICE_URLS='{"animal": "http://..."}' to move them):
    # where a service finds another's API and the public key it signs its service tokens with.
    service_urls: dict[str, str] = Field(
        default_factory=lambda: {
            name: f"http://127.0.0.1:{8001 + offset}"
            for offset, name in enumerate(
                ("core", "animal", "commerce", "media", "community", "ops")
            )
        }
    )
    # This service's own Ed25519 key for the tokens it presents to other services (a secret in
    # production; made under data_dir/keys on first use in development).
    service_key_file: Path | None = None
    # Core as browsers reach it (through the gateway locally, the ALB in production).
    public_core_url: str = "http://api.localhost:8000"
    public_web_url: str = "http://public.localhost:8000"
    breeder_web_url: str = "http://breeder.localhost:8000"

    # Email: "file" writes .eml files under data_dir/mail for developers; "smtp" sends.
    email_backend: Literal["file", "smtp"] = "file"
    email_from: str = "ReptiDex <no-reply@reptidex.local>"
    smtp_host: str = "localhost"
    smtp_port: int = 587
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = True

    # How many proxies we own sit in front of the service and append to X-Forwarded-For
    # (the gateway locally, the ALB in production: 1). 0 ignores the header, because whoever
    # reaches a service directly writes it themselves and could dodge per-IP rate limits.
    trusted_proxy_hops: int = Field(default=0, ge=0)

    # Request body caps (413 above them): JSON and forms; file uploads (multipart, CSV).
    max_request_body_bytes: int = Field(default=MAX_BODY_BYTES, gt=0)
    max_upload_body_bytes: int = Field(default=MAX_UPLOAD_BODY_BYTES, gt=0)

    http_timeout_seconds: float = Field(default=10.0, gt=0)
    # A task held by a worker that died is redelivered by the broker after this long; the
    # tasks' time limits derive from it (reptidex_common.tasks.celery_app).
    task_visibility_timeout_seconds: int = Field(default=600, ge=10)
    cors_origins: list[str] = Field(
        default_factory=lambda: [
            "http://public.localhost:8000",
            "http://breeder.localhost:8000",
            "http://admin.localhost:8000",
            "http://embed.localhost:8000",
        ]
    )

    @field_validator("database_url")
    @classmethod
    def _use_asyncpg(cls, value: str) -> str:
        return _async_driver(value)

    @model_validator(mode="after")
    def _production_sets_its_own_secrets(self) -> BaseServiceSettings:
        if self.environment == "production":
            problems = production_problems(self)
            if problems:
                raise ValueError("ENVIRONMENT=production refuses to start: " + "; ".join(problems))
        return self

    @property
    def sync_database_url(self) -> str:
        return self.database_url.replace("postgresql+asyncpg://", "postgresql+psycopg://", 1)

    @property
    def mail_dir(self) -> Path:
        return self.data_dir / "mail"

    def service_key_path(self, service: str) -> Path:
        return self.service_key_file or self.data_dir / "keys" / f"service-{service}.pem"

    @property
    def private_key_path(self) -> Path:
        return self.jwt_private_key_file or self.data_dir / "keys" / "jwt-ed25519.pem"


def production_problems(settings: BaseServiceSettings) -> list[str]:
    """What keeps these settings from running in production; empty when nothing does."""
    problems = [
        f"{name.upper()} is not set (its default is for development only)"
        for name in PRODUCTION_MUST_SET
        if name not in settings.model_fields_set
    ]
    pepper = settings.api_key_pepper.get_secret_value()
    if pepper == DEVELOPMENT_API_KEY_PEPPER:
        problems.append("API_KEY_PEPPER is the development pepper")
    elif len(pepper) < MIN_PEPPER_LENGTH:
        problems.append(f"API_KEY_PEPPER is shorter than {MIN_PEPPER_LENGTH} characters")
    return problems


@lru_cache
def get_settings() -> BaseServiceSettings:
    return BaseServiceSettings()
