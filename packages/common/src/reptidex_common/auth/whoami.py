"""`GET /api/v1/whoami`: the smallest authenticated endpoint, so every service proves its auth."""

from __future__ import annotations

import uuid

from fastapi import APIRouter
from pydantic import BaseModel

from reptidex_common.auth.dependencies import CurrentPrincipal
from reptidex_common.auth.principal import PrincipalKind
from reptidex_common.models.enums import PlatformRole


class WhoAmI(BaseModel):
    user_id: uuid.UUID
    platform_role: PlatformRole
    kind: PrincipalKind


def whoami_router() -> APIRouter:
    router = APIRouter(prefix="/api/v1", tags=["auth"])

    @router.get("/whoami", operation_id="auth-whoami", response_model=WhoAmI)
    async def whoami(principal: CurrentPrincipal) -> WhoAmI:
        """Who the access token or API key in this request belongs to."""
        return WhoAmI(
            user_id=principal.user_id, platform_role=principal.platform_role, kind=principal.kind
        )

    return router
