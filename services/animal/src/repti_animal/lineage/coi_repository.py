"""The one statement behind a what-if COI: both parents' pedigree window.

The walk is the pedigree walk of `repository.ANCESTORS_SQL` (shortest depth per animal, the
parents at depth 1). The animals come back in the order of their ids (a UUID's byte order is
the order of its text) and are numbered in that order, so the calculation runs on small
integers. Everything travels as text and is kept column by column: for the few hundred
animals of a closed line's window, making a UUID, an enum and an object per animal cost more
than the kinship itself.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import cast

from sqlalchemy import ARRAY, Table, Uuid, bindparam, text
from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.lineage.coi import Numbered
from repti_animal.lineage.visibility import Viewer
from reptidex_common.models.animal import Animal
from reptidex_common.models.animal_enums import Sex, Visibility

_animals = cast(Table, Animal.__table__)

PAIRING_WINDOW_STATEMENT = text(
    """
WITH RECURSIVE walk(id, depth) AS (
    SELECT root, 1 FROM unnest(:roots) AS root
  UNION
    SELECT parent.id, walk.depth + 1
    FROM walk
    JOIN animal.animals AS child ON child.id = walk.id
    CROSS JOIN LATERAL (VALUES (child.sire_id), (child.dam_id)) AS parent(id)
    WHERE walk.depth < :generations AND parent.id IS NOT NULL
)
SELECT
    CAST(a.id AS text), CAST(a.sire_id AS text), CAST(a.dam_id AS text),
    CAST(a.vivarium_id AS text), CAST(a.visibility AS text), a.display_id, a.name,
    CAST(a.sex AS text), CAST(a.species_id AS text), shortest.depth
FROM (SELECT id, min(depth) AS depth FROM walk GROUP BY id) AS shortest
JOIN animal.animals AS a ON a.id = shortest.id
ORDER BY a.id
"""
).bindparams(bindparam("roots", type_=ARRAY(Uuid())))


@dataclass(frozen=True)
class PairingWindow:
    """The window, one list per column; animal number n is position n of each list."""

    generations: int
    keys: tuple[str, ...]
    # The numbers of the recorded parents when the walk reached them (it stops at the
    # window's edge, so an animal at the last depth usually has none).
    sires: list[int | None]
    dams: list[int | None]
    vivarium_keys: tuple[str, ...]
    visibilities: tuple[str, ...]
    display_ids: tuple[str, ...]
    names: tuple[str | None, ...]
    sexes: tuple[str, ...]
    species_keys: tuple[str, ...]
    # Shortest distance from the planned offspring (1: the sire or the dam).
    depths: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.keys)

    def number_of(self, animal_id: uuid.UUID) -> int | None:
        """The number of the sire or the dam (they are the animals at depth 1)."""
        key = str(animal_id)
        for number, depth in enumerate(self.depths):
            if depth == 1 and self.keys[number] == key:
                return number
        return None

    def sex(self, number: int) -> Sex:
        return Sex(self.sexes[number])

    def id(self, number: int) -> uuid.UUID:
        return uuid.UUID(self.keys[number])

    def visible_to(self, viewer: Viewer) -> list[bool]:
        """Whether the caller may see each animal (asked once per vivarium and visibility)."""
        answers: dict[tuple[str, str], bool] = {}
        visible = []
        for asked in zip(self.vivarium_keys, self.visibilities, strict=True):
            answer = answers.get(asked)
            if answer is None:
                answer = viewer.may_see(uuid.UUID(asked[0]), Visibility(asked[1]))
                answers[asked] = answer
            visible.append(answer)
        return visible

    def pedigree(self) -> Numbered:
        """The pedigree truncated as `coi.truncate` does: animals at the last depth are founders."""
        edge = self.generations
        return {
            number: (sire, dam) if depth < edge else (None, None)
            for number, (sire, dam, depth) in enumerate(
                zip(self.sires, self.dams, self.depths, strict=True)
            )
        }


async def pairing_window(
    session: AsyncSession, sire_id: uuid.UUID, dam_id: uuid.UUID, generations: int
) -> PairingWindow:
    result = await session.execute(
        PAIRING_WINDOW_STATEMENT, {"roots": [sire_id, dam_id], "generations": generations}
    )
    rows = result.all()
    if not rows:
        return PairingWindow(generations, (), [], [], (), (), (), (), (), (), ())
    (
        keys,
        sire_keys,
        dam_keys,
        vivariums,
        visibilities,
        display_ids,
        names,
        sexes,
        species,
        depths,
    ) = zip(*rows, strict=True)
    number = {key: position for position, key in enumerate(keys)}
    # None is never a key, so an unrecorded parent stays None.
    return PairingWindow(
        generations=generations,
        keys=keys,
        sires=[number.get(key) for key in sire_keys],
        dams=[number.get(key) for key in dam_keys],
        vivarium_keys=vivariums,
        visibilities=visibilities,
        display_ids=display_ids,
        names=names,
        sexes=sexes,
        species_keys=species,
        depths=depths,
    )
