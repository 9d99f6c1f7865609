"""All SQL of import: the catalogue and the vivarium's animals as the planner needs them."""

from __future__ import annotations

import uuid
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.portability.genotype_text import TraitIndex, TraitInfo
from repti_animal.portability.planner import ExistingAnimal, SpeciesInfo
from reptidex_common.models.animal import Animal, Genotype, Species, Trait


async def species_catalogue(session: AsyncSession) -> list[SpeciesInfo]:
    """Every species with its traits: two queries, whatever the catalogue's size."""
    traits: dict[uuid.UUID, list[TraitInfo]] = defaultdict(list)
    for trait in await session.scalars(select(Trait)):
        traits[trait.species_id].append(
            TraitInfo(
                id=trait.id,
                name=trait.name,
                inheritance=trait.inheritance,
                super_form_name=trait.super_form_name,
                aliases=tuple(trait.aliases or ()),
            )
        )
    return [
        SpeciesInfo(
            id=species.id,
            common_name=species.common_name,
            scientific_name=species.scientific_name,
            code_prefix=species.code_prefix,
            traits=TraitIndex(traits[species.id]),
        )
        for species in await session.scalars(select(Species))
    ]


async def animals_by_display_id(
    session: AsyncSession, vivarium_id: uuid.UUID
) -> dict[str, ExistingAnimal]:
    """Archived animals included: their display ids stay taken and they stay valid parents."""
    rows = await session.execute(
        select(
            Animal.id, Animal.display_id, Animal.species_id, Animal.sex, Animal.hatch_date
        ).where(Animal.vivarium_id == vivarium_id)
    )
    return {row.display_id: ExistingAnimal(*row) for row in rows}


async def insert_generation(
    session: AsyncSession, animals: list[Animal], genotypes: list[Genotype]
) -> None:
    """One flush per generation: the lineage trigger must find each parent already written."""
    session.add_all(animals)
    await session.flush()
    session.add_all(genotypes)
    await session.flush()
