"""repti-core: identity, tenancy, plans, API keys and feature flags."""

from __future__ import annotations

from fastapi import FastAPI

from reptidex_common.app_factory import create_service_app
from reptidex_common.auth.jwks import StaticJwks
from repti_core import jwks
from repti_core.auth.router import router as auth_router
from repti_core.config import SERVICE, get_signing_key
from repti_core.users.router import router as users_router


def create_app() -> FastAPI:
    return create_service_app(
        SERVICE,
        title="ReptiDex Core API",
        description="Accounts, vivariums, members, invitations, partnerships, plans, API keys and feature flags.",
        # Core verifies its own tokens with its own public key; no HTTP round trip to itself.
        jwks=StaticJwks(get_signing_key().jwks()),
        routers=[jwks.router, auth_router, users_router],
    )
