"""Public profile and public pedigree: what an anonymous visitor may see of `public` animals."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.lineage import repository as lineage_repository
from repti_animal.lineage import service as lineage_service
from repti_animal.lineage.pedigree import PRIVATE_ANCESTOR
from repti_animal.lineage.pedigree_schemas import PedigreeRead
from repti_animal.lineage.schemas import GenotypeSummary, PrivateRelative
from repti_animal.lineage.visibility import ANONYMOUS
from repti_animal.sharing import repository
from repti_animal.sharing.exceptions import PublicAnimalNotFound
from repti_animal.sharing.qr import profile_url
from repti_animal.sharing.schemas import (
    PublicCoi,
    PublicParent,
    PublicProfile,
    PublicSpecies,
    PublicVivarium,
)
from reptidex_common.models.animal import Animal
from reptidex_common.models.animal_enums import Visibility


def _parent(animal: Animal | None) -> PublicParent | PrivateRelative | None:
    if animal is None:
        return None
    if animal.visibility is Visibility.private:
        return PrivateRelative(label=PRIVATE_ANCESTOR)
    return PublicParent(
        id=animal.id,
        display_id=animal.display_id,
        name=animal.name,
        sex=animal.sex,
        morph=animal.morph,
        visibility=animal.visibility,
        has_public_profile=animal.visibility is Visibility.public and animal.archived_at is None,
    )


async def public_profile(session: AsyncSession, animal_id: uuid.UUID) -> PublicProfile:
    found = await repository.public_animal(session, animal_id)
    if found is None:
        raise PublicAnimalNotFound()
    animal, species, vivarium = found
    parent_ids = [p for p in (animal.sire_id, animal.dam_id) if p is not None]
    parents = await repository.animals_by_id(session, parent_ids)
    genotypes = (await lineage_repository.genotypes(session, [animal.id])).get(animal.id, [])
    coi = None
    if animal.coi is not None and animal.coi_computed_at is not None:
        coi = PublicCoi(
            coi=animal.coi,
            generations=animal.coi_generations or 0,
            computed_at=animal.coi_computed_at,
        )
    return PublicProfile(
        id=animal.id,
        display_id=animal.display_id,
        name=animal.name,
        species=PublicSpecies(
            id=species.id, common_name=species.common_name, scientific_name=species.scientific_name
        ),
        sex=animal.sex,
        hatch_date=animal.hatch_date,
        status=animal.status,
        morph=animal.morph,
        genotype=[
            GenotypeSummary(
                trait_id=g.trait_id,
                trait=g.trait,
                state=g.state,
                het_percent=g.het_percent,
                proof=g.proof,
            )
            for g in genotypes
        ],
        sire=_parent(parents.get(animal.sire_id) if animal.sire_id else None),
        dam=_parent(parents.get(animal.dam_id) if animal.dam_id else None),
        coi=coi,
        vivarium=PublicVivarium(name=vivarium.name, slug=vivarium.slug)
        if vivarium.is_public
        else None,
        profile_url=profile_url(animal.id),
    )


async def public_pedigree(
    session: AsyncSession, animal_id: uuid.UUID, generations: int
) -> PedigreeRead:
    """The pedigree as an anonymous visitor may see it, for public animals only."""
    if await repository.public_animal(session, animal_id) is None:
        raise PublicAnimalNotFound()
    return await lineage_service.pedigree(session, animal_id, ANONYMOUS, generations)


async def shareable_vivarium(session: AsyncSession, animal_id: uuid.UUID) -> uuid.UUID | None:
    """The vivarium of a public animal, whose QR code anyone may fetch (it only encodes the
    public profile's address); None when the animal is not public."""
    found = await repository.public_animal(session, animal_id)
    return None if found is None else found[0].vivarium_id
