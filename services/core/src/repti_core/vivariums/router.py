"""HTTP for vivariums: create, list the caller's, read, update, soft delete."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from repti_core.auth.dependencies import CurrentUser
from repti_core.vivariums import service
from repti_core.vivariums.dependencies import CuratorAccess, MemberAccess, OwnerAccess
from repti_core.vivariums.schemas import VivariumCreate, VivariumPage, VivariumRead, VivariumUpdate
from reptidex_common.auth.dependencies import CurrentPrincipal
from reptidex_common.db.engine import DbSession
from reptidex_common.db.pagination import PageParams, page_params
from reptidex_common.models.enums import VivariumRole

router = APIRouter(prefix="/api/v1/vivariums", tags=["vivariums"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=VivariumRead)
async def create(
    body: VivariumCreate, principal: CurrentPrincipal, user: CurrentUser, session: DbSession
) -> VivariumRead:
    vivarium = await service.create_from_request(session, principal, user, body)
    return await service.read(session, vivarium, VivariumRole.herpetologist)


@router.get("", response_model=VivariumPage)
async def list_mine(
    principal: CurrentPrincipal,
    session: DbSession,
    params: Annotated[PageParams, Depends(page_params)],
) -> VivariumPage:
    items, cursor = await service.list_for(session, principal, params)
    return VivariumPage(items=list(items), next_cursor=cursor)


@router.get("/{vivarium_id}", response_model=VivariumRead)
async def get(access: MemberAccess, session: DbSession) -> VivariumRead:
    return await service.read(session, access.vivarium, access.role)


@router.patch("/{vivarium_id}", response_model=VivariumRead)
async def update(body: VivariumUpdate, access: CuratorAccess, session: DbSession) -> VivariumRead:
    vivarium = await service.update(session, access, body)
    return await service.read(session, vivarium, access.role)


@router.delete("/{vivarium_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete(access: OwnerAccess, session: DbSession) -> Response:
    await service.soft_delete(session, access)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
