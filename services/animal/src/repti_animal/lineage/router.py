"""HTTP for lineage: pedigree, descendants, siblings, COI and what-if COI."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from repti_animal.animals.access import load_animal
from repti_animal.lineage import coi_service, service
from repti_animal.lineage.coi import MAX_GENERATIONS
from repti_animal.lineage.pedigree import DEFAULT_PEDIGREE_GENERATIONS
from repti_animal.lineage.pedigree_schemas import PEDIGREE_RESPONSES, pedigree_response
from repti_animal.lineage.schemas import (
    CoiRead,
    DescendantsRead,
    SiblingsRead,
    WhatIfRead,
    WhatIfRequest,
)
from repti_animal.lineage.visibility import own_animal_viewer, viewer_for
from reptidex_common.auth.dependencies import CurrentPrincipal
from reptidex_common.db.engine import DbSession, ReadSession
from reptidex_common.errors import PROBLEM_RESPONSES
from reptidex_common.models.enums import VivariumRole

router = APIRouter(prefix="/api/v1", tags=["lineage"], responses=PROBLEM_RESPONSES)

Generations = Query(ge=1, le=MAX_GENERATIONS, description="Pedigree depth (1 to 10)")


@router.get("/animals/{animal_id}/pedigree", responses=PEDIGREE_RESPONSES)
async def pedigree(
    animal_id: uuid.UUID,
    principal: CurrentPrincipal,
    session: ReadSession,
    generations: Annotated[int, Generations] = DEFAULT_PEDIGREE_GENERATIONS,
) -> Response:
    """The animal and its ancestors as a flat list of `nodes`, each animal once.

    `sire`/`dam` hold the `key` of the parent's node; start from `root`. Private ancestors
    the caller may not see are `{"private": true, "label": "private ancestor"}` nodes with a
    fresh key per occurrence, and nothing behind them is included.
    """
    viewer = await own_animal_viewer(session, principal, animal_id)
    if viewer is None:
        # Reached through a lease or partnership, or not there at all: the general rules.
        await load_animal(session, principal, animal_id, VivariumRole.keeper)
        viewer = await viewer_for(session, principal)
    return pedigree_response(await service.pedigree(session, animal_id, viewer, generations))


@router.get("/animals/{animal_id}/descendants", response_model=DescendantsRead)
async def descendants(
    animal_id: uuid.UUID,
    principal: CurrentPrincipal,
    session: DbSession,
    generations: Annotated[int, Generations] = 3,
) -> DescendantsRead:
    """Offspring, grand-offspring, ... as a flat list with `generation` and parent ids."""
    await load_animal(session, principal, animal_id, VivariumRole.keeper)
    viewer = await viewer_for(session, principal)
    return await service.descendants(session, animal_id, viewer, generations)


@router.get("/animals/{animal_id}/siblings", response_model=SiblingsRead)
async def siblings(
    animal_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> SiblingsRead:
    """Full siblings (same sire and dam) first, then half siblings."""
    loaded = await load_animal(session, principal, animal_id, VivariumRole.keeper)
    viewer = await viewer_for(session, principal)
    return await service.siblings(session, loaded.animal, viewer)


@router.get("/animals/{animal_id}/coi", response_model=CoiRead)
async def coi(
    animal_id: uuid.UUID,
    principal: CurrentPrincipal,
    session: DbSession,
    generations: Annotated[
        int | None,
        Query(
            ge=1,
            le=MAX_GENERATIONS,
            description="Depth to compute on; omitted: the stored COI (10 generations)",
        ),
    ] = None,
) -> CoiRead:
    """Wright's inbreeding coefficient, always with the depth it was computed on."""
    loaded = await load_animal(session, principal, animal_id, VivariumRole.keeper)
    return await coi_service.coi_of(session, loaded.animal, generations)


@router.post(
    "/coi/what-if",
    responses={200: {"model": WhatIfRead, "description": "Successful Response"}},
)
async def what_if(
    body: WhatIfRequest, principal: CurrentPrincipal, session: ReadSession
) -> Response:
    """The COI the offspring of a planned pairing would have, and the ancestors both share."""
    # One statement, so no transaction is needed for it to see one state of the pedigree.
    content = await coi_service.what_if(session, principal, body)
    return Response(content, media_type="application/json")
