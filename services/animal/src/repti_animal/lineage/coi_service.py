"""COI of an animal (stored, or computed for another depth) and what-if COI of a pairing."""

from __future__ import annotations

import uuid
from collections import deque
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.animals.access import AnimalNotFound
from repti_animal.lineage import repository
from repti_animal.lineage.coi import (
    DEFAULT_GENERATIONS,
    PlannedPairing,
    inbreeding_coefficient,
    planned_pairing_coi,
)
from repti_animal.lineage.exceptions import InvalidPairing
from repti_animal.lineage.repository import LineageRow
from repti_animal.lineage.schemas import CoiRead, CommonAncestorRead, WhatIfRead, WhatIfRequest
from repti_animal.lineage.visibility import Viewer
from reptidex_common.models.animal import Animal
from reptidex_common.models.animal_enums import Sex


def parents_of(
    rows: dict[uuid.UUID, LineageRow],
) -> dict[uuid.UUID, tuple[uuid.UUID | None, uuid.UUID | None]]:
    return {animal_id: (row.sire_id, row.dam_id) for animal_id, row in rows.items()}


async def coi_of(session: AsyncSession, animal: Animal, generations: int | None) -> CoiRead:
    """The stored COI when it is there for the depth asked; computed now otherwise.

    Computing does not store: storing is the recompute task's job (it also cascades).
    """
    if (
        animal.coi is not None
        and animal.coi_computed_at is not None
        and (generations is None or generations == animal.coi_generations)
    ):
        return CoiRead(
            coi=animal.coi,
            generations=animal.coi_generations or DEFAULT_GENERATIONS,
            computed_at=animal.coi_computed_at,
            stored=True,
        )
    depth = generations or DEFAULT_GENERATIONS
    rows = await repository.ancestors(session, [animal.id], depth)
    coi = inbreeding_coefficient(parents_of(rows), animal.id, depth)
    return CoiRead(coi=coi, generations=depth, computed_at=datetime.now(UTC), stored=False)


async def planned_coi(
    session: AsyncSession,
    sire_id: uuid.UUID,
    dam_id: uuid.UUID,
    generations: int = DEFAULT_GENERATIONS,
) -> PlannedPairing[uuid.UUID]:
    """What-if COI for other domains (pairings): no authorization, no naming of ancestors.

    One recursive query plus the pure calculation; the caller checks who may see the pair.
    """
    rows = await repository.ancestors(session, [sire_id, dam_id], generations, start_depth=1)
    return planned_pairing_coi(parents_of(rows), sire_id, dam_id, generations)


async def _visible_parent(
    animals: dict[uuid.UUID, Animal], animal_id: uuid.UUID, viewer: Viewer
) -> Animal:
    animal = animals.get(animal_id)
    if animal is None or not viewer.may_see(animal.vivarium_id, animal.visibility):
        raise AnimalNotFound()
    return animal


def _visible_reach(
    rows: dict[uuid.UUID, LineageRow], start: uuid.UUID, viewer: Viewer
) -> dict[uuid.UUID, int]:
    """Ancestors of `start` reachable through animals the caller may see, with distances."""
    distance = {start: 0}
    queue = deque([start])
    while queue:
        current = rows[queue.popleft()]
        for parent_id in (current.sire_id, current.dam_id):
            parent = rows.get(parent_id) if parent_id is not None else None
            if (
                parent is None
                or parent.id in distance
                or not viewer.may_see(parent.vivarium_id, parent.visibility)
            ):
                continue
            distance[parent.id] = distance[current.id] + 1
            queue.append(parent.id)
    return distance


async def what_if(session: AsyncSession, viewer: Viewer, body: WhatIfRequest) -> WhatIfRead:
    """F of the offspring a planned pairing would have.

    Both animals must be visible to the caller (their vivarium, or public/lineage_only);
    otherwise 404 as for any animal the caller may not see. The COI itself counts every
    ancestor, private ones too (a breeder must learn the risk), but only common ancestors the
    caller could reach in the pedigree view are named.
    """
    if body.sire_id == body.dam_id:
        raise InvalidPairing("dam_id", "The sire and the dam must be two different animals.")
    found = await session.scalars(select(Animal).where(Animal.id.in_([body.sire_id, body.dam_id])))
    animals = {a.id: a for a in found}
    sire = await _visible_parent(animals, body.sire_id, viewer)
    dam = await _visible_parent(animals, body.dam_id, viewer)
    if sire.sex is Sex.female:
        raise InvalidPairing("sire_id", "The sire is recorded as female.")
    if dam.sex is Sex.male:
        raise InvalidPairing("dam_id", "The dam is recorded as male.")
    if sire.species_id != dam.species_id:
        raise InvalidPairing("dam_id", "The sire and the dam are of different species.")

    rows = await repository.ancestors(session, [sire.id, dam.id], body.generations, start_depth=1)
    result = planned_pairing_coi(parents_of(rows), sire.id, dam.id, body.generations)
    from_sire = _visible_reach(rows, sire.id, viewer)
    from_dam = _visible_reach(rows, dam.id, viewer)
    common = [
        CommonAncestorRead(
            id=c.animal,
            display_id=rows[c.animal].display_id,
            name=rows[c.animal].name,
            from_sire=from_sire[c.animal],
            from_dam=from_dam[c.animal],
        )
        for c in result.common_ancestors
        if c.animal in from_sire and c.animal in from_dam
    ]
    return WhatIfRead(coi=result.coi, generations=result.generations, common_ancestors=common)
