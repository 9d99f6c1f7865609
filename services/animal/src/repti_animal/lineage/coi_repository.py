"""The one statement behind a what-if COI: both parents' pedigree window.

The walk goes one generation at a time: each step reads, in one index scan, the parents of the
animals the step before found, leaving out every animal already found. So each animal is read
once, at its shortest depth (the depth `coi.truncate` gives it), however many paths lead to it
in an inbred line; a walk over (animal, depth) pairs reads it again at every depth it occurs.
Each generation comes back as one row of arrays, which the driver decodes in C, instead of one
row per animal; ids travel as UUIDs (16 bytes each), not as text the server must format. The caller's vivariums come with it, so the request is one round trip.
"""

from __future__ import annotations

import uuid
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

from sqlalchemy import ARRAY, Uuid, bindparam, text
from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.lineage.visibility import Viewer
from reptidex_common.models.animal_enums import Sex, Visibility

PAIRING_WINDOW_STATEMENT = text(
    """
WITH RECURSIVE generation(
    depth, ids, sires, dams, vivariums, visibilities, display_ids, names, sexes, species, seen
) AS (
    SELECT 1,
        array_agg(a.id), array_agg(a.sire_id), array_agg(a.dam_id), array_agg(a.vivarium_id),
        array_agg(CAST(a.visibility AS text)), array_agg(CAST(a.display_id AS text)),
        array_agg(CAST(a.name AS text)), array_agg(CAST(a.sex AS text)),
        array_agg(a.species_id), array_agg(a.id)
    FROM animal.animals AS a
    WHERE a.id = ANY(:roots)
  UNION ALL
    SELECT generation.depth + 1, parents.ids, parents.sires, parents.dams, parents.vivariums,
        parents.visibilities, parents.display_ids, parents.names, NULL, NULL,
        generation.seen || parents.ids
    FROM generation
    CROSS JOIN LATERAL (
        SELECT
            array_agg(a.id), array_agg(a.sire_id), array_agg(a.dam_id),
            array_agg(a.vivarium_id), array_agg(CAST(a.visibility AS text)),
            array_agg(CAST(a.display_id AS text)), array_agg(CAST(a.name AS text))
        FROM animal.animals AS a
        WHERE a.id = ANY(generation.sires || generation.dams)
            AND a.id <> ALL(generation.seen)
    ) AS parents(ids, sires, dams, vivariums, visibilities, display_ids, names)
    WHERE generation.depth < :generations AND parents.ids IS NOT NULL
)
SELECT
    ids, sires, dams, vivariums, visibilities, display_ids, names, sexes, species,
    (
        SELECT array_agg(m.vivarium_id)
        FROM core.memberships AS m JOIN core.vivariums AS v ON v.id = m.vivarium_id
        WHERE m.user_id = :user_id AND v.deleted_at IS NULL
    )
FROM generation
ORDER BY depth
"""
).bindparams(bindparam("roots", type_=ARRAY(Uuid())), bindparam("user_id", type_=Uuid()))


@dataclass(frozen=True)
class PairingWindow:
    """The window, one list per column, nearest generation first; animal n is position n.

    The sire and the dam are the first animals (depth 1).
    """

    generations: int
    # Ids as the driver decodes them (a C subclass of uuid.UUID, quick to hash and compare).
    keys: list[uuid.UUID]
    # Shortest distance from the planned offspring (1: the sire or the dam), ascending.
    depths: list[int]
    sire_keys: list[uuid.UUID | None]
    dam_keys: list[uuid.UUID | None]
    vivarium_keys: list[uuid.UUID]
    visibilities: list[str]
    display_ids: list[str]
    names: list[str | None]
    # Of the sire and the dam only.
    sexes: list[str]
    species_keys: list[uuid.UUID]
    # The live vivariums of the user asked about (none without one).
    member_of: list[uuid.UUID]

    def __len__(self) -> int:
        return len(self.keys)

    def number_of(self, animal_id: uuid.UUID) -> int | None:
        """The number of the sire or the dam (they are the animals at depth 1)."""
        for number in range(len(self.sexes)):
            if self.keys[number] == animal_id:
                return number
        return None

    def sex(self, number: int) -> Sex:
        return Sex(self.sexes[number])

    def visible_to(self, viewer: Viewer) -> list[bool]:
        """Whether the caller may see each animal (asked once per vivarium and visibility)."""
        asked = list(zip(self.vivarium_keys, self.visibilities, strict=True))
        answers = {pair: viewer.may_see(pair[0], Visibility(pair[1])) for pair in set(asked)}
        return [answers[pair] for pair in asked]

    def parents(self) -> tuple[list[int | None], list[int | None]]:
        """The numbers of each animal's recorded parents that lie in the window."""
        number: dict[uuid.UUID | None, int] = {key: n for n, key in enumerate(self.keys)}
        # None is never a key, so an unrecorded parent stays None.
        return [number.get(key) for key in self.sire_keys], [
            number.get(key) for key in self.dam_keys
        ]

    def truncated(self, parents: list[int | None]) -> list[int | None]:
        """`parents` as `coi.truncate` keeps them: animals at the last depth are founders."""
        inner = bisect_left(self.depths, self.generations)
        return parents[:inner] + [None] * (len(parents) - inner)


def _column(rows: Sequence[Sequence[Any]], index: int) -> list[Any]:
    return list(chain.from_iterable(row[index] for row in rows))


async def pairing_window(
    session: AsyncSession,
    sire_id: uuid.UUID,
    dam_id: uuid.UUID,
    generations: int,
    user_id: uuid.UUID | None = None,
) -> PairingWindow:
    result = await session.execute(
        PAIRING_WINDOW_STATEMENT,
        {"roots": [sire_id, dam_id], "generations": generations, "user_id": user_id},
    )
    return window_of(result.all(), generations)


def window_of(rows: Sequence[Sequence[Any]], generations: int) -> PairingWindow:
    """The window from the statement's rows (one a generation)."""
    # Without the sire and the dam the first generation is one row of NULLs.
    found = [row for row in rows if row[0] is not None]
    first = found[0] if found else None
    return PairingWindow(
        generations=generations,
        keys=_column(found, 0),
        depths=[depth for depth, row in enumerate(found, 1) for _ in row[0]],
        sire_keys=_column(found, 1),
        dam_keys=_column(found, 2),
        vivarium_keys=_column(found, 3),
        visibilities=_column(found, 4),
        display_ids=_column(found, 5),
        names=_column(found, 6),
        sexes=list(first[7]) if first else [],
        species_keys=list(first[8]) if first else [],
        member_of=list(first[9] or ()) if first else [],
    )
