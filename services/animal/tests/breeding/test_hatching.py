"""Hatching through HTTP: hatchlings become animals with parents, clutch and genotype notes,
all of them or none."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Animal, Clutch, DisplayIdCounter, Genotype
from reptidex_common.models.animal_enums import GenotypeState
from reptidex_common.models.outbox import OUTBOX_MODELS

from ..conftest import SpeciesFixture as SpeciesFixture
from .conftest import HANDLER_UP, World, assert_problem, create_pairing, lay_clutch, matrix

HATCH = {"hatch_date": "2025-05-30"}
Outbox = OUTBOX_MODELS["animal"]


async def new_clutch(client: httpx.AsyncClient, world: World, **fields: Any) -> dict[str, Any]:
    pairing = await create_pairing(client, world, status="active")
    return await lay_clutch(client, world, pairing["id"], laid_date="2025-04-01", **fields)


async def hatch(
    client: httpx.AsyncClient,
    world: World,
    clutch_id: str,
    body: dict[str, Any],
    actor: str = "owner",
) -> httpx.Response:
    return await client.post(
        f"/api/v1/clutches/{clutch_id}/hatch", json={**HATCH, **body}, headers=world.headers(actor)
    )


async def snapshot(db_session: AsyncSession, world: World) -> tuple[int, int, int, int]:
    """Everything a hatch writes: animals, genotypes, outbox rows, id counters."""
    animals = await db_session.scalar(
        select(func.count()).select_from(Animal).where(Animal.vivarium_id == world.vivarium.id)
    )
    genotypes = await db_session.scalar(select(func.count()).select_from(Genotype))
    outbox = await db_session.scalar(select(func.count()).select_from(Outbox))
    counters = await db_session.scalar(
        select(func.coalesce(func.sum(DisplayIdCounter.last_seq), 0)).where(
            DisplayIdCounter.vivarium_id == world.vivarium.id
        )
    )
    return int(animals or 0), int(genotypes or 0), int(outbox or 0), int(counters or 0)


async def stored_clutch(db_session: AsyncSession, clutch_id: str) -> Clutch:
    clutch = await db_session.get(Clutch, uuid.UUID(clutch_id), populate_existing=True)
    assert clutch is not None
    return clutch


async def test_hatchlings_become_animals(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, species: SpeciesFixture
) -> None:
    clutch = await new_clutch(client, world)
    response = await hatch(
        client,
        world,
        clutch["id"],
        {
            "hatchlings": [
                {"sex": "male", "name": "Biscuit", "morph": "Normal"},
                {"sex": "female", "display_id": "HOLDBACK-1"},
                {},
            ]
        },
    )
    assert response.status_code == 201, response.text
    hatchlings = response.json()
    assert len(hatchlings) == 3
    prefix = species.species.code_prefix
    assert hatchlings[0]["display_id"].startswith(f"{prefix}-")
    assert hatchlings[1]["display_id"] == "HOLDBACK-1"
    assert hatchlings[2]["display_id"].startswith(f"{prefix}-")
    assert len({h["display_id"] for h in hatchlings}) == 3
    assert (hatchlings[0]["sex"], hatchlings[0]["name"], hatchlings[0]["morph"]) == (
        "male",
        "Biscuit",
        "Normal",
    )
    assert hatchlings[2]["sex"] == "unknown"

    for item in hatchlings:
        animal = await db_session.get(Animal, uuid.UUID(item["id"]))
        assert animal is not None
        assert animal.vivarium_id == world.vivarium.id
        assert animal.species_id == species.id
        assert animal.sire_id == world.sire.id
        assert animal.dam_id == world.dam.id
        assert str(animal.clutch_id) == clutch["id"]
        assert animal.hatch_date == date(2025, 5, 30)
        assert animal.status.value == "active"
        assert animal.visibility.value == "private"
        assert animal.created_by_id == world.users["owner"].id
        assert animal.display_id == item["display_id"]

    stored = await stored_clutch(db_session, clutch["id"])
    assert (stored.hatched_count, stored.status.value, stored.hatch_date) == (
        3,
        "hatched",
        date(2025, 5, 30),
    )
    pairing = (
        await client.get(f"/api/v1/pairings/{clutch['pairing_id']}", headers=world.headers())
    ).json()
    assert pairing["status"] == "completed"
    assert pairing["events"]["hatched_at"] == "2025-05-30"

    events = (
        await db_session.scalars(
            select(Outbox).where(Outbox.task_name == "animal.lineage.recompute_coi")
        )
    ).all()
    assert sorted(e.payload["animal_id"] for e in events) == sorted(h["id"] for h in hatchlings)
    read = (await client.get(f"/api/v1/clutches/{clutch['id']}", headers=world.headers())).json()
    assert read["hatched_count"] == 3
    assert read["days_until_expected_hatch"] is None


async def test_hatch_by_count(client: httpx.AsyncClient, world: World) -> None:
    clutch = await new_clutch(client, world)
    response = await hatch(client, world, clutch["id"], {"count": 2})
    assert response.status_code == 201, response.text
    assert [h["sex"] for h in response.json()] == ["unknown", "unknown"]


async def set_genotypes(
    db_session: AsyncSession,
    species: SpeciesFixture,
    animal: Animal,
    states: dict[str, GenotypeState],
) -> None:
    for trait, state in states.items():
        db_session.add(
            Genotype(
                animal_id=animal.id,
                trait_id=species.traits[trait].id,
                state=state,
                het_percent=50 if state is GenotypeState.possible_het else None,
            )
        )
    await db_session.flush()


V, H, PH = GenotypeState.visual, GenotypeState.het, GenotypeState.possible_het


@pytest.mark.parametrize(
    ("sire", "dam", "expected"),
    [
        # Clown visual x visual; Piebald visual x nothing; Pastel (incomplete dominant) ignored.
        (
            {"Clown": V, "Piebald": V, "Pastel": V},
            {"Clown": V},
            {("Clown", "visual", None), ("Piebald", "het", None)},
        ),
        (
            {"Clown": H, "Piebald": H, "Spider": V},
            {"Clown": H},
            {("Clown", "possible_het", 66), ("Piebald", "possible_het", 50)},
        ),
        ({"Clown": V}, {"Clown": H, "Piebald": PH}, {("Clown", "het", None)}),
        ({}, {}, set()),
    ],
)
async def test_genotype_possibilities(
    client: httpx.AsyncClient,
    world: World,
    db_session: AsyncSession,
    species: SpeciesFixture,
    sire: dict[str, GenotypeState],
    dam: dict[str, GenotypeState],
    expected: set[tuple[str, str, int | None]],
) -> None:
    await set_genotypes(db_session, species, world.sire, sire)
    await set_genotypes(db_session, species, world.dam, dam)
    clutch = await new_clutch(client, world)
    response = await hatch(client, world, clutch["id"], {"count": 2})
    assert response.status_code == 201, response.text
    for hatchling in response.json():
        noted = {(g["trait_name"], g["state"], g["het_percent"]) for g in hatchling["genotypes"]}
        assert noted == expected
        assert all(g["proof"] == "parentage" for g in hatchling["genotypes"])
        rows = (
            await db_session.scalars(
                select(Genotype).where(Genotype.animal_id == uuid.UUID(hatchling["id"]))
            )
        ).all()
        names = {t.id: name for name, t in species.traits.items()}
        assert {(names[r.trait_id], r.state.value, r.het_percent) for r in rows} == expected


async def test_one_taken_display_id_writes_nothing(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    clutch = await new_clutch(client, world)
    before = await snapshot(db_session, world)
    response = await hatch(
        client,
        world,
        clutch["id"],
        {"hatchlings": [{"sex": "male"}, {"display_id": world.sire.display_id}, {}]},
    )
    problem = assert_problem(response, 409)
    assert problem["type"].endswith("/display-id-taken")
    assert problem["errors"][0]["field"] == "body.hatchlings.1.display_id"
    assert await snapshot(db_session, world) == before
    stored = await stored_clutch(db_session, clutch["id"])
    assert (stored.hatched_count, stored.status.value, stored.hatch_date) == (0, "incubating", None)

    repeated = await hatch(
        client, world, clutch["id"], {"hatchlings": [{"display_id": "X-1"}, {"display_id": "X-1"}]}
    )
    assert_problem(repeated, 409)
    assert await snapshot(db_session, world) == before


async def test_lineage_failure_writes_nothing(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    clutch = await new_clutch(client, world)
    # A sire recorded as hatched after the eggs: the hatch cannot be his offspring.
    world.sire.hatch_date = date(2025, 6, 1)
    await db_session.flush()
    before = await snapshot(db_session, world)
    problem = assert_problem(await hatch(client, world, clutch["id"], {"count": 2}), 422)
    assert problem["type"].endswith("/lineage-violation")
    assert await snapshot(db_session, world) == before


async def test_egg_limits(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    clutch = await new_clutch(client, world)  # 6 eggs, 5 fertile
    before = await snapshot(db_session, world)
    problem = assert_problem(await hatch(client, world, clutch["id"], {"count": 6}), 422)
    assert "5 fertile" in problem["detail"]
    assert await snapshot(db_session, world) == before

    # Eggs hatch over several days: 3, then 2 more; a sixth would hatch the same eggs twice.
    assert (await hatch(client, world, clutch["id"], {"count": 3})).status_code == 201
    later = await hatch(client, world, clutch["id"], {"count": 2, "hatch_date": "2025-06-01"})
    assert later.status_code == 201, later.text
    stored = await stored_clutch(db_session, clutch["id"])
    assert (stored.hatched_count, stored.hatch_date) == (5, date(2025, 5, 30))
    again = assert_problem(await hatch(client, world, clutch["id"], {"count": 1}), 409)
    assert again["type"].endswith("/eggs-already-hatched")
    assert again["remaining"] == 0


async def test_hatching_the_same_eggs_twice_is_409(client: httpx.AsyncClient, world: World) -> None:
    clutch = await new_clutch(client, world, eggs_total=2, eggs_fertile=2, eggs_infertile=0)
    assert (await hatch(client, world, clutch["id"], {"count": 2})).status_code == 201
    assert_problem(await hatch(client, world, clutch["id"], {"count": 2}), 409)


async def test_failed_clutch_does_not_hatch(client: httpx.AsyncClient, world: World) -> None:
    clutch = await new_clutch(client, world)
    await client.post(f"/api/v1/clutches/{clutch['id']}/fail", headers=world.headers())
    assert_problem(await hatch(client, world, clutch["id"], {"count": 1}), 409)


@pytest.mark.parametrize(
    "body",
    [
        {"count": 1, "hatchlings": [{}]},
        {},
        {"count": 0},
        {"hatchlings": []},
        {"hatchlings": [{"sex": "both"}]},
        {"hatchlings": [{"display_id": "x" * 41}]},
        {"count": 1, "hatch_date": "2025-03-01"},  # before the eggs were laid
        {"count": 1, "hatch_date": (datetime.now(UTC).date() + timedelta(days=2)).isoformat()},
        {"count": 1, "hatch_date": None},
    ],
)
async def test_bad_hatch_is_422(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, body: dict[str, Any]
) -> None:
    clutch = await new_clutch(client, world)
    before = await snapshot(db_session, world)
    assert assert_problem(await hatch(client, world, clutch["id"], body), 422)["errors"]
    assert await snapshot(db_session, world) == before


async def test_plan_limit_on_animals(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    clutch = await new_clutch(client, world)
    animals, *_ = await snapshot(db_session, world)
    world.vivarium.entitlement_overrides = {"max_animals": animals + 2}
    await db_session.flush()
    before = await snapshot(db_session, world)
    problem = assert_problem(await hatch(client, world, clutch["id"], {"count": 3}), 402)
    assert problem["entitlement"] == "max_animals"
    assert await snapshot(db_session, world) == before
    assert (await hatch(client, world, clutch["id"], {"count": 2})).status_code == 201


@matrix(HANDLER_UP, success=201)
async def test_hatch_matrix(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, actor: str, expected: int
) -> None:
    clutch = await new_clutch(client, world)
    before = await snapshot(db_session, world)
    response = await hatch(client, world, clutch["id"], {"count": 1}, actor=actor)
    assert response.status_code == expected, response.text
    if expected != 201:
        assert_problem(response, expected)
        assert await snapshot(db_session, world) == before


async def test_unknown_clutch_is_404(client: httpx.AsyncClient, world: World) -> None:
    missing = "0190a9c0-0000-7000-8000-000000000000"
    assert_problem(await hatch(client, world, missing, {"count": 1}), 404)
