"""The what-if COI through HTTP: one statement, and exactly the answer it always gave.

The expected answers come from the pedigree walk of the pedigree view and the reference
calculation of test_coi_exact (the calculation as it was), with the same privacy rule for
naming common ancestors.
"""

from __future__ import annotations

import random
import uuid
from collections import deque
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from repti_animal.lineage import repository
from repti_animal.lineage.coi_service import parents_of
from repti_animal.lineage.repository import LineageRow
from repti_animal.lineage.visibility import Viewer
from reptidex_common.models.animal import Animal
from reptidex_common.models.animal_enums import Sex, Visibility
from reptidex_common.testing.statements import recorded_statements

from .test_coi_exact import reference_pairing
from .world import World

URL = "/api/v1/coi/what-if"
ALL = Viewer(vivarium_ids=frozenset(), sees_everything=True)


def reach(rows: dict[uuid.UUID, LineageRow], start: uuid.UUID, viewer: Viewer) -> dict[Any, int]:
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


async def expected_answer(
    db_session: AsyncSession, viewer: Viewer, sire: Animal, dam: Animal, generations: int
) -> dict[str, Any]:
    rows = await repository.ancestors(db_session, [sire.id, dam.id], generations, start_depth=1)
    coi, common = reference_pairing(parents_of(rows), sire.id, dam.id, generations)
    from_sire, from_dam = reach(rows, sire.id, viewer), reach(rows, dam.id, viewer)
    return {
        "coi": coi,
        "generations": generations,
        "common_ancestors": [
            {
                "id": str(node),
                "display_id": rows[node].display_id,
                "name": rows[node].name,
                "from_sire": from_sire[node],
                "from_dam": from_dam[node],
            }
            for node, _, _ in common
            if node in from_sire and node in from_dam
        ],
    }


async def breed_line(world: World, rng: random.Random, generations: int) -> list[list[Animal]]:
    """A closed line of six a generation over more than ten generations, some of it elsewhere:
    private animals in another vivarium (counted, never named) and shared ones."""
    line: list[list[Animal]] = []
    for generation in range(generations):
        current = []
        for index in range(6):
            fields: dict[str, Any] = {"name": f"G{generation}-{index}"}
            if generation and rng.random() < 0.15:
                fields["vivarium"] = world.other
                fields["visibility"] = rng.choice([Visibility.private, Visibility.lineage_only])
            if generation:
                pool = line[-1] + (line[-2] if generation > 1 and rng.random() < 0.4 else [])
                fields["sire"] = rng.choice([a for a in pool if a.sex is Sex.male])
                fields["dam"] = rng.choice([a for a in pool if a.sex is Sex.female])
            animal = await (world.male if index % 2 == 0 else world.female)(**fields)
            current.append(animal)
        line.append(current)
    return line


async def test_what_if_reads_the_animals_and_the_callers_vivariums_in_one_statement(
    client: httpx.AsyncClient, world: World, db_engine_for_tests: AsyncEngine
) -> None:
    grand_sire, grand_dam = await world.pair()
    brother = await world.male(sire=grand_sire, dam=grand_dam)
    sister = await world.female(sire=grand_sire, dam=grand_dam)
    with recorded_statements(db_engine_for_tests) as statements:
        response = await client.post(
            URL,
            json={"sire_id": str(brother.id), "dam_id": str(sister.id)},
            headers=world.headers("owner"),
        )
    assert response.status_code == 200, response.text
    assert response.json()["coi"] == 0.25
    # The pedigree window and who may see it (the caller's vivariums) in one round trip.
    reads = [sql for sql in statements if "animal.animals" in sql or "core.memberships" in sql]
    assert len(reads) == 1, reads


async def test_what_if_equals_the_former_calculation_exactly(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    rng = random.Random(20261204)
    line = await breed_line(world, rng, 13)
    viewer = Viewer(vivarium_ids=frozenset({world.vivarium.id}))
    own = [a for generation in line[-4:] for a in generation if a.vivarium_id == world.vivarium.id]
    males = [a for a in own if a.sex is Sex.male]
    females = [a for a in own if a.sex is Sex.female]
    named = inbred = hidden = 0
    for sire in males[:4]:
        for dam in females[:4]:
            for generations in (10, 4):
                response = await client.post(
                    URL,
                    json={
                        "sire_id": str(sire.id),
                        "dam_id": str(dam.id),
                        "generations": generations,
                    },
                    headers=world.headers("owner"),
                )
                assert response.status_code == 200, response.text
                expected = await expected_answer(db_session, viewer, sire, dam, generations)
                assert response.json() == expected
                inbred += expected["coi"] > 0
                named += len(expected["common_ancestors"])
                hidden += len(expected["common_ancestors"]) < len(
                    (await expected_answer(db_session, ALL, sire, dam, generations))[
                        "common_ancestors"
                    ]
                )
    # Real cases: inbred pairings with many named (and some hidden) common ancestors.
    assert inbred >= 16
    assert named >= 100
    assert hidden >= 1
