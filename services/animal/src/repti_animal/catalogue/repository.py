"""SQL for species and traits."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.db.pagination import PageParams, keyset_page
from reptidex_common.models.animal import Genotype, Species, Trait
from reptidex_common.models.animal_enums import GenotypeState


async def page_of_species(
    session: AsyncSession, params: PageParams, *, q: str | None
) -> tuple[Sequence[Species], str | None]:
    statement = select(Species)
    if q:
        statement = statement.where(
            or_(
                Species.common_name.icontains(q, autoescape=True),
                Species.scientific_name.icontains(q, autoescape=True),
                func.upper(Species.code_prefix) == q.upper(),
            )
        )
    # Ascending: the seeded catalogue lists the most kept species first.
    return await keyset_page(session, statement, Species.id, params, newest_first=False)


async def get_species(session: AsyncSession, species_id: uuid.UUID) -> Species | None:
    return await session.get(Species, species_id)


async def species_clash(
    session: AsyncSession, *, scientific_name: str, code_prefix: str
) -> str | None:
    """Which unique field an existing species already uses, if any (case-insensitive)."""
    row = (
        await session.execute(
            select(Species.scientific_name, Species.code_prefix)
            .where(
                or_(
                    func.lower(Species.scientific_name) == scientific_name.lower(),
                    func.upper(Species.code_prefix) == code_prefix.upper(),
                )
            )
            .limit(1)
        )
    ).one_or_none()
    if row is None:
        return None
    return "scientific_name" if row[0].lower() == scientific_name.lower() else "code_prefix"


async def traits_of(
    session: AsyncSession, species_id: uuid.UUID, *, q: str | None = None
) -> Sequence[Trait]:
    statement = select(Trait).where(Trait.species_id == species_id)
    if q:
        statement = statement.where(Trait.name.icontains(q, autoescape=True))
    return (await session.scalars(statement.order_by(Trait.name))).all()


async def get_trait(
    session: AsyncSession, trait_id: uuid.UUID, *, for_update: bool = False
) -> Trait | None:
    return await session.get(Trait, trait_id, with_for_update=for_update)


async def trait_name_taken(
    session: AsyncSession, species_id: uuid.UUID, name: str, *, except_id: uuid.UUID | None = None
) -> bool:
    statement = select(Trait.id).where(
        Trait.species_id == species_id, func.lower(Trait.name) == name.lower()
    )
    if except_id is not None:
        statement = statement.where(Trait.id != except_id)
    return await session.scalar(statement.limit(1)) is not None


async def genotype_states_in_use(session: AsyncSession, trait_id: uuid.UUID) -> set[GenotypeState]:
    rows = await session.scalars(
        select(Genotype.state).where(Genotype.trait_id == trait_id).distinct()
    )
    return set(rows.all())
