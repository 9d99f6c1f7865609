"""HTTP for animals: create, list, read, update, archive and restore."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from repti_animal.animals import service
from repti_animal.animals.filters import AnimalFilters, animal_filters
from repti_animal.animals.record import own_record
from repti_animal.animals.schemas import (
    AnimalCreate,
    AnimalListItem,
    AnimalPage,
    AnimalRead,
    AnimalUpdate,
)
from reptidex_common.auth.dependencies import CurrentPrincipal
from reptidex_common.db.engine import DbSession, ReadSession
from reptidex_common.db.pagination import PageParams, page_params
from reptidex_common.schemas import json_response

router = APIRouter(prefix="/api/v1/animals", tags=["animals"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=AnimalRead)
async def create(body: AnimalCreate, principal: CurrentPrincipal, session: DbSession) -> AnimalRead:
    """Add an animal (handler or higher); the display id is generated unless given."""
    animal = await service.create(session, principal, body)
    return await service.read(session, principal, animal)


@router.get("", name="list", response_model=AnimalPage)
async def list_animals(
    principal: CurrentPrincipal,
    session: ReadSession,
    filters: Annotated[AnimalFilters, Depends(animal_filters)],
    params: Annotated[PageParams, Depends(page_params)],
) -> Response:
    """One vivarium's animals, newest first, in keyset pages (archived ones on request)."""
    rows, cursor = await service.list_animals(session, principal, filters, params)
    return json_response(
        AnimalPage(items=[AnimalListItem.model_validate(a) for a in rows], next_cursor=cursor)
    )


@router.get("/{animal_id}", response_model=AnimalRead)
async def get(animal_id: uuid.UUID, principal: CurrentPrincipal, session: ReadSession) -> Response:
    record = await own_record(principal, animal_id)
    if record is None:
        # Reached through a lease or partnership, or not there at all: the general rules.
        loaded = await service.get(session, principal, animal_id)
        record = await service.read(session, principal, loaded.animal)
    return json_response(record)


@router.patch("/{animal_id}", response_model=AnimalRead)
async def update(
    animal_id: uuid.UUID, body: AnimalUpdate, principal: CurrentPrincipal, session: DbSession
) -> AnimalRead:
    loaded = await service.update(session, principal, animal_id, body)
    return await service.read(session, principal, loaded.animal)


@router.delete("/{animal_id}", status_code=status.HTTP_204_NO_CONTENT)
async def archive(
    animal_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> Response:
    """Archive (curator or higher): the record and its lineage stay, it leaves the lists."""
    await service.archive(session, principal, animal_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/{animal_id}/restore", response_model=AnimalRead)
async def restore(
    animal_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> AnimalRead:
    loaded = await service.restore(session, principal, animal_id)
    return await service.read(session, principal, loaded.animal)
