"""Build a service's FastAPI app: docs, health, metrics, errors, request ids, auth, CORS."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.routing import APIRoute
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.responses import Response

from reptidex_common.auth.dependencies import auth_state
from reptidex_common.auth.jwks import JwksSource, RemoteJwks
from reptidex_common.db.engine import dispose_engine
from reptidex_common.errors import PROBLEM_RESPONSES, install_error_handlers
from reptidex_common.health import health_router
from reptidex_common.observability.logging import configure_logging
from reptidex_common.observability.middleware import MetricsMiddleware, RequestContextMiddleware
from reptidex_common.redis import close_redis
from reptidex_common.settings import get_settings
from reptidex_common.tasks.relay import install_outbox_nudge

LifespanHook = Callable[[FastAPI], Awaitable[None]]


def operation_id(route: APIRoute) -> str:
    """`tag-name`, so a generated TypeScript client reads `vivariums-create`."""
    tag = str(route.tags[0]) if route.tags else "default"
    return f"{tag}-{route.name}".replace("_", "-")


def create_service_app(
    service: str,
    *,
    title: str,
    description: str,
    routers: Sequence[APIRouter] = (),
    jwks: JwksSource | None = None,
    on_startup: Sequence[LifespanHook] = (),
) -> FastAPI:
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
    )
    install_error_handlers(app)
    app.include_router(health_router(service))
    for router in routers:
        app.include_router(router)

    @app.get("/metrics", include_in_schema=False)
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_credentials=True,
        allow_methods=["*"],
        allow_headers=["*"],
        expose_headers=["X-Request-ID", "Retry-After"],
    )
    app.add_middleware(MetricsMiddleware, service=service)
    app.add_middleware(RequestContextMiddleware)
    return app
