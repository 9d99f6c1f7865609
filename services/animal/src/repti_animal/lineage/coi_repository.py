"""The one statement behind a what-if COI: both parents' pedigree window, numbered.

The walk is the pedigree walk of `repository.ANCESTORS_SQL` (shortest depth per animal, the
parents at depth 1). The database also numbers the animals in the order of their ids (a
UUID's byte order is the order of its text) and gives each its parents' numbers, so the
calculation runs on small integers and never hashes a UUID.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import cast

from sqlalchemy import ARRAY, Integer, Table, Uuid, bindparam, column, text
from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.lineage.coi import Numbered
from reptidex_common.models.animal import Animal
from reptidex_common.models.animal_enums import Sex, Visibility

_animals = cast(Table, Animal.__table__)

PAIRING_WINDOW_STATEMENT = (
    text(
        """
WITH RECURSIVE walk(id, depth) AS (
    SELECT root, 1 FROM unnest(:roots) AS root
  UNION
    SELECT parent.id, walk.depth + 1
    FROM walk
    JOIN animal.animals AS child ON child.id = walk.id
    CROSS JOIN LATERAL (VALUES (child.sire_id), (child.dam_id)) AS parent(id)
    WHERE walk.depth < :generations AND parent.id IS NOT NULL
), reached AS MATERIALIZED (
    SELECT
        a.id, a.sire_id, a.dam_id, a.vivarium_id, a.visibility, a.display_id, a.name, a.sex,
        a.species_id, shortest.depth,
        CAST(row_number() OVER (ORDER BY a.id) - 1 AS integer) AS number
    FROM (SELECT id, min(depth) AS depth FROM walk GROUP BY id) AS shortest
    JOIN animal.animals AS a ON a.id = shortest.id
)
SELECT
    reached.id, reached.vivarium_id, reached.visibility, reached.display_id, reached.name,
    reached.sex, reached.species_id, reached.depth,
    sire.number AS sire_number, dam.number AS dam_number
FROM reached
LEFT JOIN reached AS sire ON sire.id = reached.sire_id
LEFT JOIN reached AS dam ON dam.id = reached.dam_id
ORDER BY reached.number
"""
    )
    .bindparams(bindparam("roots", type_=ARRAY(Uuid())))
    .columns(
        _animals.c.id,
        _animals.c.vivarium_id,
        _animals.c.visibility,
        _animals.c.display_id,
        _animals.c.name,
        _animals.c.sex,
        _animals.c.species_id,
        column("depth", Integer),
        column("sire_number", Integer),
        column("dam_number", Integer),
    )
)


@dataclass(frozen=True, slots=True)
class WindowAnimal:
    id: uuid.UUID
    vivarium_id: uuid.UUID
    visibility: Visibility
    display_id: str
    name: str | None
    sex: Sex
    species_id: uuid.UUID
    # Shortest distance from the planned offspring (1: the sire or the dam).
    depth: int
    # Numbers of the recorded parents when the walk reached them (it stops at the window's
    # edge, so an animal at the last depth usually has none).
    sire: int | None
    dam: int | None


@dataclass(frozen=True)
class PairingWindow:
    # Animal number n is animals[n].
    animals: list[WindowAnimal]
    generations: int

    def number_of(self, animal_id: uuid.UUID) -> int | None:
        """The number of the sire or the dam (they are the animals at depth 1)."""
        for number, animal in enumerate(self.animals):
            if animal.depth == 1 and animal.id == animal_id:
                return number
        return None

    def pedigree(self) -> Numbered:
        """The pedigree truncated as `coi.truncate` does: animals at the last depth are founders."""
        return {
            number: (animal.sire, animal.dam) if animal.depth < self.generations else (None, None)
            for number, animal in enumerate(self.animals)
        }


async def pairing_window(
    session: AsyncSession, sire_id: uuid.UUID, dam_id: uuid.UUID, generations: int
) -> PairingWindow:
    result = await session.execute(
        PAIRING_WINDOW_STATEMENT,
        {"roots": [sire_id, dam_id], "generations": generations},
    )
    animals = [
        WindowAnimal(
            id=row.id,
            vivarium_id=row.vivarium_id,
            visibility=row.visibility,
            display_id=row.display_id,
            name=row.name,
            sex=row.sex,
            species_id=row.species_id,
            depth=row.depth,
            sire=row.sire_number,
            dam=row.dam_number,
        )
        for row in result
    ]
    return PairingWindow(animals=animals, generations=generations)
