"""repti-commerce: the marketplace."""

from __future__ import annotations

from fastapi import FastAPI

from repti_commerce.config import SERVICE
from reptidex_common.app_factory import create_service_app
from reptidex_common.auth.whoami import whoami_router

DESCRIPTION = "The marketplace: listings of animals, pairs, groups and equipment, faceted search, inquiries, reservations and holds, idempotent orders, seller reviews and the price guide."


def create_app() -> FastAPI:
    # Tokens are verified against core's JWKS (settings.jwks_url); this service holds no key.
    return create_service_app(
        SERVICE,
        title="ReptiDex Commerce API",
        description=DESCRIPTION,
        routers=[whoami_router()],
    )
