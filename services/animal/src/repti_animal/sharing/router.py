"""HTTP for sharing: public profile and pedigree (no login), QR codes of the profile link."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from repti_animal.animals.access import load_animal
from repti_animal.lineage.coi import MAX_GENERATIONS
from repti_animal.lineage.pedigree_schemas import PEDIGREE_RESPONSES, pedigree_response
from repti_animal.sharing import qr, service
from repti_animal.sharing.schemas import PublicProfile
from reptidex_common.auth.dependencies import OptionalPrincipal
from reptidex_common.auth.principal import Principal
from reptidex_common.db.engine import DbSession
from reptidex_common.entitlements import require_feature
from reptidex_common.errors import PROBLEM_RESPONSES, Unauthorized
from reptidex_common.models.enums import VivariumRole
from reptidex_common.plans import Entitlement

router = APIRouter(prefix="/api/v1", tags=["sharing"], responses=PROBLEM_RESPONSES)


@router.get("/public/animals/{animal_id}", response_model=PublicProfile)
async def public_profile(animal_id: uuid.UUID, session: DbSession) -> PublicProfile:
    """A `public` animal's profile; any other animal answers 404 (lineage_only included)."""
    return await service.public_profile(session, animal_id)


@router.get("/public/animals/{animal_id}/pedigree", responses=PEDIGREE_RESPONSES)
async def public_pedigree(
    animal_id: uuid.UUID,
    session: DbSession,
    generations: Annotated[
        int, Query(ge=1, le=MAX_GENERATIONS, description="Pedigree depth (1 to 10)")
    ] = 5,
) -> Response:
    """A `public` animal's pedigree as an anonymous visitor sees it (the same flat shape)."""
    return pedigree_response(await service.public_pedigree(session, animal_id, generations))


async def _authorize_qr(
    session: DbSession, principal: Principal | None, animal_id: uuid.UUID
) -> None:
    """Who may fetch the code first (so strangers learn nothing), then whether the plan has it."""
    vivarium_id = await service.shareable_vivarium(session, animal_id)
    if vivarium_id is None:
        if principal is None:
            # The same answer whether or not the animal exists: nothing leaks to strangers.
            raise Unauthorized()
        vivarium_id = (
            await load_animal(session, principal, animal_id, VivariumRole.keeper)
        ).animal.vivarium_id
    # QR codes are a plan feature: the vivarium that owns the animal must have it.
    await require_feature(session, vivarium_id, Entitlement.pedigree_qr)


_QR_DOC = (
    "Encodes the public profile address `{public_web_url}/animals/{id}`. Anyone may fetch it "
    "for a public animal; otherwise members (keeper and up) of the animal's vivarium. The "
    "vivarium's plan must include pedigree QR codes (`pedigree_qr`), else 402."
)


@router.get(
    "/animals/{animal_id}/qr.svg",
    response_class=Response,
    responses={200: {"content": {qr.SVG_MEDIA_TYPE: {}}}},
    description=_QR_DOC,
)
async def qr_svg(
    animal_id: uuid.UUID, principal: OptionalPrincipal, session: DbSession
) -> Response:
    await _authorize_qr(session, principal, animal_id)
    return Response(qr.svg(qr.profile_url(animal_id)), media_type=qr.SVG_MEDIA_TYPE)


@router.get(
    "/animals/{animal_id}/qr.png",
    response_class=Response,
    responses={200: {"content": {qr.PNG_MEDIA_TYPE: {}}}},
    description=_QR_DOC,
)
async def qr_png(
    animal_id: uuid.UUID, principal: OptionalPrincipal, session: DbSession
) -> Response:
    await _authorize_qr(session, principal, animal_id)
    return Response(qr.png(qr.profile_url(animal_id)), media_type=qr.PNG_MEDIA_TYPE)
