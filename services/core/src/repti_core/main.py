"""repti-core: identity, tenancy, plans, API keys and feature flags."""

from __future__ import annotations

from fastapi import FastAPI

from repti_core import jwks
from repti_core.api_keys.router import router as api_keys_router
from repti_core.auth.router import router as auth_router
from repti_core.config import SERVICE, get_signing_key
from repti_core.feature_flags.router import router as feature_flags_router
from repti_core.invitations.router import router as invitations_router
from repti_core.invitations.router import vivarium_router as vivarium_invitations_router
from repti_core.members.router import router as members_router
from repti_core.partnerships.router import router as partnerships_router
from repti_core.partnerships.router import vivarium_router as vivarium_partnerships_router
from repti_core.plans.router import router as plans_router
from repti_core.users.router import router as users_router
from repti_core.vivariums.router import router as vivariums_router
from reptidex_common.app_factory import create_service_app
from reptidex_common.auth.jwks import StaticJwks


def create_app() -> FastAPI:
    return create_service_app(
        SERVICE,
        title="ReptiDex Core API",
        description="Accounts, vivariums, members, invitations, partnerships, plans, API keys and feature flags.",
        # Core verifies its own tokens with its own public key; no HTTP round trip to itself.
        jwks=StaticJwks(get_signing_key().jwks()),
        # API keys may only read in core (the common default policy): no scope covers
        # accounts, vivariums or members, and embed keys sit in public pages.
        routers=[
            jwks.router,
            auth_router,
            api_keys_router,
            plans_router,
            feature_flags_router,
            users_router,
            vivariums_router,
            members_router,
            vivarium_invitations_router,
            invitations_router,
            vivarium_partnerships_router,
            partnerships_router,
        ],
    )
