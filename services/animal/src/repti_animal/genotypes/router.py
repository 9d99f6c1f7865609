"""HTTP for an animal's genotype: read (keeper+) and replace (handler+)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from repti_animal.genotypes import service
from repti_animal.genotypes.schemas import GenotypeRead, GenotypeSet
from reptidex_common.auth.dependencies import CurrentPrincipal
from reptidex_common.db.engine import DbSession

router = APIRouter(prefix="/api/v1/animals/{animal_id}/genotype", tags=["genotypes"])


@router.get("", name="get", response_model=list[GenotypeRead])
async def get_genotype(
    animal_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> list[GenotypeRead]:
    return await service.read(session, principal, animal_id)


@router.put("", name="replace", response_model=list[GenotypeRead])
async def replace_genotype(
    animal_id: uuid.UUID, body: GenotypeSet, principal: CurrentPrincipal, session: DbSession
) -> list[GenotypeRead]:
    """Replace the animal's whole genotype with this list (an empty list clears it)."""
    return await service.replace(session, principal, animal_id, body)
