"""Build a service's FastAPI app: docs, health, metrics, errors, request ids, auth, CORS."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.responses import Response

from reptidex_common.admission import AdmissionControlMiddleware
from reptidex_common.auth.account_cache import running_account_cache
from reptidex_common.auth.dependencies import auth_state
from reptidex_common.auth.jwks import JwksSource, RemoteJwks
from reptidex_common.auth.key_policy import NO_KEYS_POLICY, ApiKeyPolicy, api_key_guard
from reptidex_common.auth.service_identity import service_jwks_router
from reptidex_common.body_limit import BodySizeLimitMiddleware
from reptidex_common.db.base import SERVICE_SCHEMAS
from reptidex_common.db.engine import dispose_engine
from reptidex_common.db.errors import install_database_error_handlers
from reptidex_common.errors import PROBLEM_RESPONSES, install_error_handlers
from reptidex_common.fast_reads import FastReadsMiddleware, FastRoute
from reptidex_common.health import health_router
from reptidex_common.observability.logging import configure_logging
from reptidex_common.observability.middleware import MetricsMiddleware, RequestContextMiddleware
from reptidex_common.observability.outbox_metrics import refresh_outbox_gauges
from reptidex_common.operation_ids import operation_id
from reptidex_common.redis import close_redis
from reptidex_common.settings import get_settings
from reptidex_common.tasks.dead_letters_api import dead_letters_router
from reptidex_common.tasks.relay import install_outbox_nudge
from reptidex_common.web_origins import dev_origin_regex

LifespanHook = Callable[[FastAPI], Awaitable[None]]


# The service that hosts the OAuth2 password form (`/api/v1/auth/token`).
LOGIN_SERVICE = "core"


def _point_docs_login_at(app: FastAPI, token_url: str) -> None:
    """Only core has a login form; other services' docs must send the password there."""
    build_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        schema = build_openapi()
        schemes = schema.get("components", {}).get("securitySchemes", {})
        for scheme in schemes.values():
            password_flow = scheme.get("flows", {}).get("password")
            if password_flow is not None:
                password_flow["tokenUrl"] = token_url
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def create_service_app(
    service: str,
    *,
    title: str,
    description: str,
    routers: Sequence[APIRouter] = (),
    jwks: JwksSource | None = None,
    on_startup: Sequence[LifespanHook] = (),
    token_url: str | None = None,
    api_key_policy: ApiKeyPolicy = NO_KEYS_POLICY,
    fast_routes: Sequence[FastRoute] = (),
) -> FastAPI:
    """`token_url`: where /docs' Authorize button logs in (default: core's public URL).

    `api_key_policy`: which scopes let an API key call which routes; a route it does not name
    is closed to keys (see `reptidex_common.auth.key_policy`).

    `fast_routes`: the hottest reads, served ahead of FastAPI's routing (`fast_reads`).
    """
    settings = get_settings()
    configure_logging(service, settings.log_level)
    if auth_state.jwks is None or jwks is not None:
        auth_state.jwks = jwks or RemoteJwks(
            settings.jwks_url, timeout=settings.http_timeout_seconds
        )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Only a served app nudges the relay; in-process test clients leave the broker alone.
        install_outbox_nudge(service)
        for hook in on_startup:
            await hook(app)
        async with running_account_cache(app):
            yield
        await dispose_engine()
        await close_redis()

    app = FastAPI(
        title=title,
        description=description,
        version="1.0.0",
        lifespan=lifespan,
        docs_url="/docs",
        redoc_url="/redoc",
        openapi_url="/openapi.json",
        generate_unique_id_function=operation_id,
        responses=PROBLEM_RESPONSES,
        dependencies=[Depends(api_key_guard(api_key_policy))],
    )
    # Which service's audit events this app's writes become (audit.requests).
    if service in SERVICE_SCHEMAS:
        app.state.service = service
    install_error_handlers(app)
    install_database_error_handlers(app)
    app.include_router(health_router(service))
    if service in SERVICE_SCHEMAS:
        app.include_router(dead_letters_router(service))
        app.include_router(service_jwks_router(service))
    for router in routers:
        app.include_router(router)

    @app.get("/metrics", include_in_schema=False)
    async def metrics() -> Response:
        await refresh_outbox_gauges(service)
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    if service != LOGIN_SERVICE:
        _point_docs_login_at(app, token_url or f"{settings.public_core_url}/api/v1/auth/token")

    if fast_routes:
        # Innermost: behind admission control, metrics and request ids like any request.
        app.add_middleware(FastReadsMiddleware, service_app=app, routes=fast_routes)
    app.add_middleware(
        BodySizeLimitMiddleware,
        max_bytes=settings.max_request_body_bytes,
        max_upload_bytes=settings.max_upload_body_bytes,
    )
    # Inside CORS (a browser can read the 503 and its Retry-After), outside everything that
    # does work per request.
    app.add_middleware(
        AdmissionControlMiddleware,
        service=service,
        max_concurrent=settings.max_concurrent_requests,
        max_queued=settings.max_queued_requests,
        max_queue_wait_seconds=settings.max_queue_wait_seconds,
        retry_after_seconds=settings.unavailable_retry_after_seconds,
    )
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_origin_regex=dev_origin_regex(settings),
        allow_credentials=True,
        allow_methods=["*"],
        allow_headers=["*"],
        expose_headers=["X-Request-ID", "Retry-After"],
    )
    app.add_middleware(MetricsMiddleware, service=service)
    app.add_middleware(RequestContextMiddleware)
    return app
