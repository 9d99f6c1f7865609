"""SQL of sharing: a public animal with its species and vivarium."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Animal, Species
from reptidex_common.models.animal_enums import Visibility
from reptidex_common.models.core import Vivarium


async def public_animal(
    session: AsyncSession, animal_id: uuid.UUID
) -> tuple[Animal, Species, Vivarium] | None:
    """A `public`, unarchived animal of a live vivarium; None for anything else."""
    result = await session.execute(
        select(Animal, Species, Vivarium)
        .join(Species, Species.id == Animal.species_id)
        .join(Vivarium, Vivarium.id == Animal.vivarium_id)
        .where(
            Animal.id == animal_id,
            Animal.visibility == Visibility.public,
            Animal.archived_at.is_(None),
            Vivarium.deleted_at.is_(None),
        )
    )
    row = result.one_or_none()
    return None if row is None else (row[0], row[1], row[2])


async def animals_by_id(session: AsyncSession, ids: list[uuid.UUID]) -> dict[uuid.UUID, Animal]:
    if not ids:
        return {}
    found = await session.scalars(select(Animal).where(Animal.id.in_(ids)))
    return {animal.id: animal for animal in found}
