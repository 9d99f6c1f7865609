"""HTTP for feature flags: staff manage them; anyone signed in evaluates them."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from repti_core.feature_flags import service
from repti_core.feature_flags.schemas import (
    FeatureFlagPage,
    FeatureFlagPut,
    FeatureFlagRead,
    FlagEvaluation,
    FlagKey,
)
from reptidex_common.auth.dependencies import AdminPrincipal, CurrentPrincipal, StaffPrincipal
from reptidex_common.db.engine import DbSession
from reptidex_common.db.pagination import PageParams, page_params

router = APIRouter(prefix="/api/v1/feature-flags", tags=["feature-flags"])


@router.get("", response_model=FeatureFlagPage)
async def list_flags(
    _staff: StaffPrincipal, session: DbSession, params: Annotated[PageParams, Depends(page_params)]
) -> FeatureFlagPage:
    """Every flag with its targeting, oldest first (platform staff)."""
    rows, next_cursor = await service.list_flags(session, params)
    return FeatureFlagPage(
        items=[FeatureFlagRead.model_validate(row) for row in rows], next_cursor=next_cursor
    )


# Declared before `/{key}` routes so `evaluate` is never read as a flag key.
@router.get("/evaluate", response_model=FlagEvaluation)
async def evaluate_flags(
    principal: CurrentPrincipal,
    session: DbSession,
    vivarium_id: Annotated[
        uuid.UUID | None, Query(description="Evaluate inside this vivarium")
    ] = None,
) -> FlagEvaluation:
    """Which flags are on for the caller (and the vivarium, when given and a member of it)."""
    return FlagEvaluation(flags=await service.evaluate_for(session, principal, vivarium_id))


@router.put(
    "/{key}",
    response_model=FeatureFlagRead,
    responses={201: {"model": FeatureFlagRead, "description": "Created"}},
)
async def put_flag(
    key: FlagKey,
    body: FeatureFlagPut,
    response: Response,
    _admin: AdminPrincipal,
    session: DbSession,
) -> FeatureFlagRead:
    """Create (201) or update (200) a flag (platform admins). Fields left out keep their value."""
    flag, created = await service.put_flag(session, key, body)
    if created:
        response.status_code = status.HTTP_201_CREATED
    return FeatureFlagRead.model_validate(flag)


@router.delete("/{key}", status_code=status.HTTP_204_NO_CONTENT, response_class=Response)
async def delete_flag(key: FlagKey, _admin: AdminPrincipal, session: DbSession) -> Response:
    """Delete a flag (platform admins); code asking for it then sees it as off."""
    await service.delete_flag(session, key)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
