"""HTTP for API keys: create (the secret is shown once), list, revoke."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from repti_core.api_keys import service
from repti_core.api_keys.schemas import ApiKeyCreate, ApiKeyCreated, ApiKeyPage, ApiKeyRead
from reptidex_common.auth.dependencies import CurrentPrincipal
from reptidex_common.db.engine import DbSession
from reptidex_common.db.pagination import PageParams, page_params

router = APIRouter(prefix="/api/v1/api-keys", tags=["api-keys"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ApiKeyCreated)
async def create_key(
    body: ApiKeyCreate, principal: CurrentPrincipal, session: DbSession
) -> ApiKeyCreated:
    """Create a key. The `key` field is the secret and is never shown again."""
    api_key, secret = await service.create_key(session, principal, body)
    return ApiKeyCreated(**ApiKeyRead.model_validate(api_key).model_dump(), key=secret)


@router.get("", response_model=ApiKeyPage)
async def list_keys(
    principal: CurrentPrincipal,
    session: DbSession,
    params: Annotated[PageParams, Depends(page_params)],
) -> ApiKeyPage:
    """The caller's active (not revoked) keys, newest first, without secrets."""
    rows, next_cursor = await service.list_keys(session, principal, params)
    return ApiKeyPage(
        items=[ApiKeyRead.model_validate(row) for row in rows], next_cursor=next_cursor
    )


@router.delete("/{key_id}", status_code=status.HTTP_204_NO_CONTENT, response_class=Response)
async def revoke_key(
    key_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> Response:
    """Revoke a key; it answers 401 from then on. Someone else's key is 404."""
    await service.revoke_key(session, principal, key_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
