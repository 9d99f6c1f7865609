"""repti-community: public profiles of users and vivariums, follows, posts, comments, reactions, q&a with karma, notifications (in-app and email) with preferences, search with saved searches, and the live activity feed.."""

from __future__ import annotations

from fastapi import FastAPI

from repti_community.config import SERVICE
from reptidex_common.app_factory import create_service_app
from reptidex_common.auth.whoami import whoami_router

DESCRIPTION = "Public profiles of users and vivariums, follows, posts, comments, reactions, Q&A with karma, notifications (in-app and email) with preferences, search with saved searches, and the live activity feed."


def create_app() -> FastAPI:
    # Tokens are verified against core's JWKS (settings.jwks_url); this service holds no key.
    return create_service_app(
        SERVICE,
        title="ReptiDex Community API",
        description=DESCRIPTION,
        routers=[whoami_router()],
    )
