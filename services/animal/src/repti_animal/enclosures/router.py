"""HTTP for enclosures and moving animals into them."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from repti_animal.enclosures import service
from repti_animal.enclosures.schemas import (
    AnimalMove,
    EnclosureAnimals,
    EnclosureCreate,
    EnclosurePage,
    EnclosureRead,
    EnclosureUpdate,
)
from reptidex_common.auth.dependencies import (
    CurrentPrincipal,
    VivariumAccess,
    require_vivarium_role,
)
from reptidex_common.db.engine import DbSession
from reptidex_common.db.pagination import PageParams, page_params
from reptidex_common.errors import PROBLEM_RESPONSES
from reptidex_common.models.enums import VivariumRole

router = APIRouter(prefix="/api/v1", tags=["enclosures"], responses=PROBLEM_RESPONSES)


@router.post(
    "/vivariums/{vivarium_id}/enclosures",
    status_code=status.HTTP_201_CREATED,
    response_model=EnclosureRead,
)
async def create(
    body: EnclosureCreate,
    access: Annotated[VivariumAccess, Depends(require_vivarium_role(VivariumRole.curator))],
    session: DbSession,
) -> EnclosureRead:
    return await service.create(session, access, body)


@router.get("/vivariums/{vivarium_id}/enclosures", response_model=EnclosurePage)
async def list_for_vivarium(
    access: Annotated[VivariumAccess, Depends(require_vivarium_role(VivariumRole.keeper))],
    session: DbSession,
    page: Annotated[PageParams, Depends(page_params)],
    include_archived: bool = False,
) -> EnclosurePage:
    return await service.list_enclosures(
        session, access, include_archived=include_archived, page=page
    )


@router.get("/enclosures/{enclosure_id}", response_model=EnclosureRead)
async def read(
    enclosure_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> EnclosureRead:
    return await service.read(session, principal, enclosure_id)


@router.patch("/enclosures/{enclosure_id}", response_model=EnclosureRead)
async def update(
    enclosure_id: uuid.UUID, body: EnclosureUpdate, principal: CurrentPrincipal, session: DbSession
) -> EnclosureRead:
    return await service.update(session, principal, enclosure_id, body)


@router.delete("/enclosures/{enclosure_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete(
    enclosure_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> Response:
    await service.delete(session, principal, enclosure_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/enclosures/{enclosure_id}/animals", response_model=EnclosureAnimals)
async def list_animals(
    enclosure_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> EnclosureAnimals:
    return await service.animals(session, principal, enclosure_id)


@router.post("/enclosures/{enclosure_id}/animals", response_model=EnclosureAnimals)
async def move_animals(
    enclosure_id: uuid.UUID, body: AnimalMove, principal: CurrentPrincipal, session: DbSession
) -> EnclosureAnimals:
    return await service.move_in(session, principal, enclosure_id, body)
