"""All SQL of the genetics calculator: it only reads."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import AllelicCombination, Animal, Genotype, Species, Trait


async def get_species(session: AsyncSession, species_id: uuid.UUID) -> Species | None:
    return await session.get(Species, species_id)


async def get_animal(session: AsyncSession, animal_id: uuid.UUID) -> Animal | None:
    return await session.get(Animal, animal_id)


async def genotypes_of(
    session: AsyncSession, animal_ids: Collection[uuid.UUID]
) -> Sequence[Genotype]:
    if not animal_ids:
        return []
    return (
        await session.scalars(
            select(Genotype).where(Genotype.animal_id.in_(animal_ids)).order_by(Genotype.id)
        )
    ).all()


async def species_traits(
    session: AsyncSession, species_id: uuid.UUID, trait_ids: Collection[uuid.UUID]
) -> Sequence[Trait]:
    """The given traits that belong to the species, in catalogue (creation) order."""
    if not trait_ids:
        return []
    return (
        await session.scalars(
            select(Trait)
            .where(Trait.species_id == species_id, Trait.id.in_(trait_ids))
            .order_by(Trait.id)
        )
    ).all()


async def combination_names(
    session: AsyncSession, species_id: uuid.UUID, trait_ids: Collection[uuid.UUID]
) -> dict[frozenset[uuid.UUID], str]:
    """The catalogue's names for allelic combinations of these traits, by the pair's ids."""
    if not trait_ids:
        return {}
    rows = await session.execute(
        select(
            AllelicCombination.first_trait_id,
            AllelicCombination.second_trait_id,
            AllelicCombination.name,
        ).where(
            AllelicCombination.species_id == species_id,
            AllelicCombination.first_trait_id.in_(trait_ids),
            AllelicCombination.second_trait_id.in_(trait_ids),
        )
    )
    return {frozenset((first, second)): name for first, second, name in rows}
