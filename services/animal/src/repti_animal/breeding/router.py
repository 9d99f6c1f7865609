"""HTTP for breeding: pairings, clutches, hatching and statistics."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from repti_animal.breeding import clutches, hatching, pairings, stats
from repti_animal.breeding.schemas import (
    BreedingStats,
    ClutchCreate,
    ClutchPage,
    ClutchRead,
    ClutchUpdate,
    HatchCreate,
    HatchlingRead,
    PairingCreate,
    PairingPage,
    PairingRead,
    PairingUpdate,
)
from reptidex_common.auth.dependencies import (
    CurrentPrincipal,
    VivariumAccess,
    require_vivarium_role,
)
from reptidex_common.db.engine import DbSession
from reptidex_common.db.pagination import PageParams, page_params
from reptidex_common.errors import PROBLEM_RESPONSES
from reptidex_common.models.animal_enums import ClutchStatus, PairingStatus
from reptidex_common.models.enums import VivariumRole

Params = Annotated[PageParams, Depends(page_params)]
SeasonQuery = Annotated[int | None, Query(ge=1900, le=2200)]

pairings_router = APIRouter(
    prefix="/api/v1/pairings", tags=["pairings"], responses=PROBLEM_RESPONSES
)
clutches_router = APIRouter(
    prefix="/api/v1/clutches", tags=["clutches"], responses=PROBLEM_RESPONSES
)
stats_router = APIRouter(
    prefix="/api/v1/vivariums/{vivarium_id}/breeding",
    tags=["breeding"],
    responses=PROBLEM_RESPONSES,
)


@pairings_router.post("", status_code=status.HTTP_201_CREATED, response_model=PairingRead)
async def create(
    body: PairingCreate, principal: CurrentPrincipal, session: DbSession
) -> PairingRead:
    return await pairings.create(session, principal, body)


@pairings_router.get("", response_model=PairingPage, name="list")
async def list_pairings(
    vivarium_id: uuid.UUID,
    principal: CurrentPrincipal,
    session: DbSession,
    params: Params,
    season: SeasonQuery = None,
    pairing_status: Annotated[PairingStatus | None, Query(alias="status")] = None,
) -> PairingPage:
    return await pairings.page(
        session, principal, vivarium_id, params, season=season, status=pairing_status
    )


@pairings_router.get("/{pairing_id}", response_model=PairingRead)
async def get(
    pairing_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> PairingRead:
    return await pairings.read(session, principal, pairing_id)


@pairings_router.patch("/{pairing_id}", response_model=PairingRead)
async def update(
    pairing_id: uuid.UUID, body: PairingUpdate, principal: CurrentPrincipal, session: DbSession
) -> PairingRead:
    return await pairings.update(session, principal, pairing_id, body)


@pairings_router.delete("/{pairing_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete(
    pairing_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> Response:
    await pairings.delete(session, principal, pairing_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@pairings_router.post(
    "/{pairing_id}/clutches", status_code=status.HTTP_201_CREATED, response_model=ClutchRead
)
async def lay_clutch(
    pairing_id: uuid.UUID, body: ClutchCreate, principal: CurrentPrincipal, session: DbSession
) -> ClutchRead:
    return await clutches.lay(session, principal, pairing_id, body)


@clutches_router.get("", response_model=ClutchPage, name="list")
async def list_clutches(
    vivarium_id: uuid.UUID,
    principal: CurrentPrincipal,
    session: DbSession,
    params: Params,
    clutch_status: Annotated[ClutchStatus | None, Query(alias="status")] = None,
) -> ClutchPage:
    return await clutches.page(session, principal, vivarium_id, params, status=clutch_status)


@clutches_router.get("/{clutch_id}", response_model=ClutchRead, name="get")
async def get_clutch(
    clutch_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> ClutchRead:
    return await clutches.read(session, principal, clutch_id)


@clutches_router.patch("/{clutch_id}", response_model=ClutchRead, name="update")
async def update_clutch(
    clutch_id: uuid.UUID, body: ClutchUpdate, principal: CurrentPrincipal, session: DbSession
) -> ClutchRead:
    return await clutches.update(session, principal, clutch_id, body)


@clutches_router.post("/{clutch_id}/fail", response_model=ClutchRead)
async def fail(clutch_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession) -> ClutchRead:
    return await clutches.fail(session, principal, clutch_id)


@clutches_router.post(
    "/{clutch_id}/hatch", status_code=status.HTTP_201_CREATED, response_model=list[HatchlingRead]
)
async def hatch(
    clutch_id: uuid.UUID, body: HatchCreate, principal: CurrentPrincipal, session: DbSession
) -> list[HatchlingRead]:
    return await hatching.hatch(session, principal, clutch_id, body)


@stats_router.get("/stats", response_model=BreedingStats, name="stats")
async def get_stats(
    access: Annotated[VivariumAccess, Depends(require_vivarium_role(VivariumRole.keeper))],
    session: DbSession,
    season: SeasonQuery = None,
) -> BreedingStats:
    return await stats.breeding_stats(session, access, season)


router = APIRouter()
router.include_router(pairings_router)
router.include_router(clutches_router)
router.include_router(stats_router)
