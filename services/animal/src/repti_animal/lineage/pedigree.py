"""The flat pedigree: which ancestors are shown, at which generation, linked how.

Pure (no database): `shown_generations` picks the animals, the caller reads their genotypes,
and `build` turns the rows into `PedigreeRead`.
"""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Callable

from repti_animal.lineage.pedigree_schemas import (
    PedigreeAnimal,
    PedigreeNode,
    PedigreeRead,
    PrivatePedigreeNode,
)
from repti_animal.lineage.repository import GenotypeRow, LineageRow
from repti_animal.lineage.summaries import visible_fields
from repti_animal.lineage.visibility import Viewer

PRIVATE_ANCESTOR = "private ancestor"
# How deep a pedigree goes when the caller does not say.
DEFAULT_PEDIGREE_GENERATIONS = 5
Sees = Callable[[LineageRow], bool]


def shown_generations(
    rows: dict[uuid.UUID, LineageRow], root: uuid.UUID, generations: int, sees: Sees
) -> dict[uuid.UUID, int]:
    """The animals shown, each with the shallowest generation it occurs at, breadth first.

    Only visible animals are walked through: what stands behind a private ancestor stays
    hidden even where it is public (it would tell who the private animal's parents are).
    """
    reached = {root: 0}
    queue = deque([root])
    while queue:
        current = queue.popleft()
        generation = reached[current]
        if generation == generations:
            continue
        row = rows[current]
        for parent_id in (row.sire_id, row.dam_id):
            if parent_id is None or parent_id in reached:
                continue
            parent = rows.get(parent_id)
            if parent is not None and sees(parent):
                reached[parent_id] = generation + 1
                queue.append(parent_id)
    return reached


def build(
    rows: dict[uuid.UUID, LineageRow],
    root: uuid.UUID,
    generations: int,
    shown: dict[uuid.UUID, int],
    viewer: Viewer,
    genotypes: dict[uuid.UUID, list[GenotypeRow]],
) -> PedigreeRead:
    """One node per shown animal (breadth first), then one placeholder per private parent link."""
    keys = {animal_id: str(animal_id) for animal_id in shown}
    nodes: list[PedigreeNode] = []
    placeholders: list[PedigreeNode] = []

    def parent_key(parent_id: uuid.UUID | None, generation: int) -> str | None:
        if parent_id is None:
            return None
        key = keys.get(parent_id)
        # Not shown although within reach (and recorded): hidden from the caller. A fresh key
        # per occurrence keeps two occurrences of one private animal from being linked.
        if key is None and generation < generations and parent_id in rows:
            key = f"private-{len(placeholders) + 1}"
            placeholders.append(_placeholder(key, generation + 1))
        return key

    for animal_id, generation in shown.items():
        row = rows[animal_id]
        nodes.append(
            _animal(
                row,
                keys[animal_id],
                generation,
                viewer.is_member(row.vivarium_id),
                genotypes.get(animal_id, ()),
                parent_key(row.sire_id, generation),
                parent_key(row.dam_id, generation),
            )
        )
    nodes.extend(placeholders)
    return {"animal_id": root, "generations": generations, "root": keys[root], "nodes": nodes}


def _animal(
    row: LineageRow,
    key: str,
    generation: int,
    member: bool,
    genotypes: list[GenotypeRow] | tuple[()],
    sire: str | None,
    dam: str | None,
) -> PedigreeAnimal:
    # The same fields relatives show, plus where the node sits in the flat pedigree.
    return {
        **visible_fields(row, member, genotypes),
        "key": key,
        "private": False,
        "generation": generation,
        "sire": sire,
        "dam": dam,
    }


def _placeholder(key: str, generation: int) -> PrivatePedigreeNode:
    return {
        "key": key,
        "private": True,
        "label": PRIVATE_ANCESTOR,
        "generation": generation,
        "sire": None,
        "dam": None,
    }
