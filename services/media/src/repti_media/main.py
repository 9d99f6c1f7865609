"""repti-media: photo and document uploads with content checks, image variants made by a worker, storage quotas, galleries attached to animals, clutches, listings and posts, and rendered pedigree charts (svg, png, pdf) with qr codes.."""

from __future__ import annotations

from fastapi import FastAPI

from repti_media.config import SERVICE
from reptidex_common.app_factory import create_service_app
from reptidex_common.auth.whoami import whoami_router

DESCRIPTION = "Photo and document uploads with content checks, image variants made by a worker, storage quotas, galleries attached to animals, clutches, listings and posts, and rendered pedigree charts (SVG, PNG, PDF) with QR codes."


def create_app() -> FastAPI:
    # Tokens are verified against core's JWKS (settings.jwks_url); this service holds no key.
    return create_service_app(
        SERVICE,
        title="ReptiDex Media API",
        description=DESCRIPTION,
        routers=[whoami_router()],
    )
