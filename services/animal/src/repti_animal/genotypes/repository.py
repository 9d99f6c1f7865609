"""SQL for genotypes."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.genotypes.schemas import GenotypeRead
from reptidex_common.models.animal import Genotype, Trait


async def traits_by_id(
    session: AsyncSession, trait_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, Trait]:
    ids = list(set(trait_ids))
    if not ids:
        return {}
    rows = await session.scalars(select(Trait).where(Trait.id.in_(ids)))
    return {trait.id: trait for trait in rows}


async def genotype_of(session: AsyncSession, animal_id: uuid.UUID) -> list[GenotypeRead]:
    """The animal's genotype with its traits' names, in one query."""
    rows = await session.execute(
        select(
            Genotype.trait_id,
            Trait.name,
            Trait.inheritance,
            Trait.allelic_group,
            Genotype.state,
            Genotype.het_percent,
            Genotype.proof,
            Trait.welfare_flag,
        )
        .join(Trait, Trait.id == Genotype.trait_id)
        .where(Genotype.animal_id == animal_id)
        .order_by(Trait.name)
    )
    return [
        GenotypeRead(
            trait_id=row[0],
            trait_name=row[1],
            inheritance=row[2],
            allelic_group=row[3],
            state=row[4],
            het_percent=row[5],
            proof=row[6],
            welfare_flag=row[7],
        )
        for row in rows
    ]


async def replace(
    session: AsyncSession, animal_id: uuid.UUID, genotypes: Sequence[Genotype]
) -> None:
    await session.execute(delete(Genotype).where(Genotype.animal_id == animal_id))
    session.add_all(genotypes)
    await session.flush()
