"""repti-ops: administration of users, vivariums, plans and feature flags, moderation with appeals, the audit log of every write, gdpr export and deletion, signed webhooks with a delivery log, and platform statistics and health.."""

from __future__ import annotations

from fastapi import FastAPI

from repti_ops.audit.router import router as audit_router
from repti_ops.config import SERVICE
from reptidex_common.app_factory import create_service_app
from reptidex_common.auth.whoami import whoami_router

DESCRIPTION = "Administration of users, vivariums, plans and feature flags, moderation with appeals, the audit log of every write, GDPR export and deletion, signed webhooks with a delivery log, and platform statistics and health."


def create_app() -> FastAPI:
    # Tokens are verified against core's JWKS (settings.jwks_url); this service holds no key.
    return create_service_app(
        SERVICE,
        title="ReptiDex Operations API",
        description=DESCRIPTION,
        routers=[whoami_router(), audit_router],
    )
