"""Hatch-rate statistics on a small known dataset."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Species
from reptidex_common.models.animal_enums import Sex
from reptidex_common.testing.statements import recorded_statements

from ..conftest import AnimalFactory
from ..conftest import SpeciesFixture as SpeciesFixture
from .conftest import ANY_MEMBER, World, assert_problem, lay_clutch, matrix


async def pairing_of(
    client: httpx.AsyncClient, world: World, sire: Any, dam: Any, season: int
) -> str:
    response = await client.post(
        "/api/v1/pairings",
        json={
            "sire_id": str(sire.id),
            "dam_id": str(dam.id),
            "season": season,
            "status": "active",
            "events": {"active_at": f"{season}-01-15"},
        },
        headers=world.headers(),
    )
    assert response.status_code == 201, response.text
    pairing_id: str = response.json()["id"]
    return pairing_id


async def clutch(
    client: httpx.AsyncClient,
    world: World,
    pairing_id: str,
    counts: tuple[int, int, int],
    *,
    hatched: int = 0,
    failed: bool = False,
) -> None:
    total, fertile, infertile = counts
    made = await lay_clutch(
        client,
        world,
        pairing_id,
        eggs_total=total,
        eggs_fertile=fertile,
        eggs_infertile=infertile,
    )
    if hatched:
        response = await client.post(
            f"/api/v1/clutches/{made['id']}/hatch",
            json={"hatch_date": "2025-05-30", "count": hatched},
            headers=world.headers(),
        )
        assert response.status_code == 201, response.text
    if failed:
        response = await client.post(f"/api/v1/clutches/{made['id']}/fail", headers=world.headers())
        assert response.status_code == 200, response.text


@pytest.fixture
async def dataset(
    client: httpx.AsyncClient,
    world: World,
    db_session: AsyncSession,
    species: SpeciesFixture,
    make_animal: AnimalFactory,
) -> dict[str, str]:
    """Pairing A (2025): 3 clutches; pairing B (2024): 1; a second species (2025): 1."""
    corn = Species(
        common_name="Corn snake stats",
        scientific_name="Pantherophis statisticus",
        code_prefix="CST",
    )
    db_session.add(corn)
    await db_session.flush()
    sire_b = await make_animal(world.vivarium, species, sex=Sex.male)
    dam_b = await make_animal(world.vivarium, species, sex=Sex.female)
    corn_m = await make_animal(world.vivarium, corn, sex=Sex.male)
    corn_f = await make_animal(world.vivarium, corn, sex=Sex.female)

    a = await pairing_of(client, world, world.sire, world.dam, 2025)
    await clutch(client, world, a, (6, 5, 1), hatched=4)
    await clutch(client, world, a, (4, 4, 0), failed=True)
    await clutch(client, world, a, (5, 3, 2))  # still incubating
    b = await pairing_of(client, world, sire_b, dam_b, 2024)
    await clutch(client, world, b, (10, 8, 2), hatched=8)
    c = await pairing_of(client, world, corn_m, corn_f, 2025)
    await clutch(client, world, c, (2, 2, 0), hatched=1)

    # Another vivarium's clutch never counts here.
    foreign_m = await make_animal(world.other, species, sex=Sex.male)
    foreign_f = await make_animal(world.other, species, sex=Sex.female)
    response = await client.post(
        "/api/v1/pairings",
        json={"sire_id": str(foreign_m.id), "dam_id": str(foreign_f.id), "status": "active"},
        headers=world.headers("outsider"),
    )
    await client.post(
        f"/api/v1/pairings/{response.json()['id']}/clutches",
        json={"laid_date": "2025-04-01", "eggs_total": 9, "eggs_fertile": 9},
        headers=world.headers("outsider"),
    )
    return {"a": a, "b": b, "c": c, "species": str(species.id), "corn": str(corn.id)}


def figures(body: dict[str, Any]) -> tuple[Any, ...]:
    return (
        body["clutches"],
        body["clutches_incubating"],
        body["clutches_hatched"],
        body["clutches_failed"],
        body["eggs_total"],
        body["eggs_fertile"],
        body["eggs_infertile"],
        body["hatched"],
        body["fertility_rate"],
        body["hatch_rate"],
    )


async def test_stats_of_every_season(
    client: httpx.AsyncClient, world: World, dataset: dict[str, str]
) -> None:
    response = await client.get(
        f"/api/v1/vivariums/{world.vivarium.id}/breeding/stats", headers=world.headers()
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["season"] is None
    # 27 eggs, 22 fertile; 13 hatched of the 19 fertile eggs in finished clutches.
    assert figures(body["totals"]) == (5, 1, 3, 1, 27, 22, 5, 13, 0.8148, 0.6842)
    pairings = {p["pairing_id"]: p for p in body["pairings"]}
    assert set(pairings) == {dataset["a"], dataset["b"], dataset["c"]}
    # Pairing A: 15 eggs, 12 fertile; 4 hatched of the 9 fertile eggs that had their chance.
    assert figures(pairings[dataset["a"]]) == (3, 1, 1, 1, 15, 12, 3, 4, 0.8, 0.4444)
    assert pairings[dataset["a"]]["sire_display_id"] == world.sire.display_id
    assert pairings[dataset["a"]]["dam_display_id"] == world.dam.display_id
    assert pairings[dataset["a"]]["season"] == 2025
    assert pairings[dataset["a"]]["status"] == "completed"
    assert figures(pairings[dataset["b"]]) == (1, 0, 1, 0, 10, 8, 2, 8, 0.8, 1.0)
    species = {s["species_id"]: s for s in body["species"]}
    assert figures(species[dataset["species"]]) == (4, 1, 2, 1, 25, 20, 5, 12, 0.8, 0.7059)
    assert figures(species[dataset["corn"]]) == (1, 0, 1, 0, 2, 2, 0, 1, 1.0, 0.5)
    assert species[dataset["corn"]]["common_name"] == "Corn snake stats"


async def test_stats_of_one_season(
    client: httpx.AsyncClient, world: World, dataset: dict[str, str]
) -> None:
    response = await client.get(
        f"/api/v1/vivariums/{world.vivarium.id}/breeding/stats",
        params={"season": 2025},
        headers=world.headers(),
    )
    body = response.json()
    assert body["season"] == 2025
    assert figures(body["totals"]) == (4, 1, 2, 1, 17, 14, 3, 5, 0.8235, 0.4545)
    assert {p["pairing_id"] for p in body["pairings"]} == {dataset["a"], dataset["c"]}


async def test_empty_stats(client: httpx.AsyncClient, world: World) -> None:
    response = await client.get(
        f"/api/v1/vivariums/{world.vivarium.id}/breeding/stats", headers=world.headers()
    )
    body = response.json()
    assert figures(body["totals"]) == (0, 0, 0, 0, 0, 0, 0, 0, None, None)
    assert body["pairings"] == body["species"] == []
    assert_problem(
        await client.get(
            f"/api/v1/vivariums/{world.vivarium.id}/breeding/stats",
            params={"season": "soon"},
            headers=world.headers(),
        ),
        422,
    )


@matrix(ANY_MEMBER)
async def test_stats_matrix(
    client: httpx.AsyncClient, world: World, actor: str, expected: int
) -> None:
    response = await client.get(
        f"/api/v1/vivariums/{world.vivarium.id}/breeding/stats", headers=world.headers(actor)
    )
    assert response.status_code == expected, response.text


async def test_stats_use_a_fixed_number_of_queries(
    client: httpx.AsyncClient, world: World, dataset: dict[str, str], db_engine_for_tests: Any
) -> None:
    """Two aggregates whatever the number of pairings and species (plus authentication)."""
    with recorded_statements(db_engine_for_tests) as statements:
        response = await client.get(
            f"/api/v1/vivariums/{world.vivarium.id}/breeding/stats", headers=world.headers()
        )
    assert response.status_code == 200
    aggregates = [s for s in statements if "animal.clutches" in s]
    assert len(aggregates) == 2
    # The account check, the vivarium and role, and the two aggregates.
    assert len(statements) <= 4, statements
