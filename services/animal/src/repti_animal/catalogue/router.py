"""HTTP for the species and traits catalogue: public reads, staff writes."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from repti_animal.catalogue import service
from repti_animal.catalogue.schemas import (
    SpeciesCreate,
    SpeciesPage,
    SpeciesRead,
    TraitCreate,
    TraitRead,
    TraitUpdate,
)
from reptidex_common.auth.dependencies import AdminPrincipal
from reptidex_common.db.engine import DbSession
from reptidex_common.db.pagination import PageParams, page_params

router = APIRouter(prefix="/api/v1")

SearchText = Annotated[str | None, Query(min_length=1, max_length=100)]


@router.get("/species", tags=["species"], name="search", response_model=SpeciesPage)
async def list_species(
    session: DbSession,
    params: Annotated[PageParams, Depends(page_params)],
    q: SearchText = None,
) -> SpeciesPage:
    """The species catalogue; `q` searches common and scientific names and the code prefix."""
    rows, cursor = await service.list_species(session, params, q)
    return SpeciesPage(items=[SpeciesRead.model_validate(s) for s in rows], next_cursor=cursor)


@router.get("/species/{species_id}", tags=["species"], name="get", response_model=SpeciesRead)
async def get_species(species_id: uuid.UUID, session: DbSession) -> SpeciesRead:
    return SpeciesRead.model_validate(await service.get_species(session, species_id))


@router.post(
    "/species",
    tags=["species"],
    name="create",
    status_code=status.HTTP_201_CREATED,
    response_model=SpeciesRead,
)
async def create_species(
    body: SpeciesCreate, _staff: AdminPrincipal, session: DbSession
) -> SpeciesRead:
    return SpeciesRead.model_validate(await service.create_species(session, body))


@router.get(
    "/species/{species_id}/traits", tags=["species"], name="traits", response_model=list[TraitRead]
)
async def list_traits(
    species_id: uuid.UUID, session: DbSession, q: SearchText = None
) -> list[TraitRead]:
    """Every trait of one species, by name (a bounded, staff-curated set: no paging)."""
    traits = await service.traits_of(session, species_id, q)
    return [TraitRead.model_validate(t) for t in traits]


@router.post(
    "/species/{species_id}/traits",
    tags=["species"],
    name="add-trait",
    status_code=status.HTTP_201_CREATED,
    response_model=TraitRead,
)
async def create_trait(
    species_id: uuid.UUID, body: TraitCreate, _staff: AdminPrincipal, session: DbSession
) -> TraitRead:
    return TraitRead.model_validate(await service.create_trait(session, species_id, body))


@router.get("/traits/{trait_id}", tags=["traits"], name="get", response_model=TraitRead)
async def get_trait(trait_id: uuid.UUID, session: DbSession) -> TraitRead:
    return TraitRead.model_validate(await service.get_trait(session, trait_id))


@router.patch("/traits/{trait_id}", tags=["traits"], name="update", response_model=TraitRead)
async def update_trait(
    trait_id: uuid.UUID, body: TraitUpdate, _staff: AdminPrincipal, session: DbSession
) -> TraitRead:
    return TraitRead.model_validate(await service.update_trait(session, trait_id, body))
