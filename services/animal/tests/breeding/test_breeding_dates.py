"""The breeding calendar's rules: eggs after the pairing began, every lock kept, early hatches
confirmed, live-bearers' expected birth."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Animal, Clutch, Pairing, Species
from reptidex_common.models.animal_enums import Sex

from ..conftest import AnimalFactory
from .conftest import World, assert_problem, create_pairing, lay_clutch

PAIRINGS = "/api/v1/pairings"


async def patch_pairing(
    client: httpx.AsyncClient, world: World, pairing_id: str, body: dict[str, Any]
) -> httpx.Response:
    return await client.patch(f"{PAIRINGS}/{pairing_id}", json=body, headers=world.headers())


async def test_a_clutch_cannot_be_laid_before_its_pairing_began(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    pairing = await create_pairing(
        client, world, status="active", events={"active_at": "2025-03-01"}
    )
    response = await client.post(
        f"{PAIRINGS}/{pairing['id']}/clutches",
        json={"laid_date": "2025-02-20", "eggs_total": 4},
        headers=world.headers(),
    )
    problem = assert_problem(response, 422)
    assert problem["type"].endswith("/laid-before-pairing")
    assert problem["errors"][0]["field"] == "body.laid_date"
    assert "2025-03-01" in problem["detail"]
    # Nothing was recorded: no clutch, and the pairing is still active.
    count = await db_session.scalar(
        select(func.count())
        .select_from(Clutch)
        .where(Clutch.pairing_id == uuid.UUID(pairing["id"]))
    )
    assert count == 0
    read = await client.get(f"{PAIRINGS}/{pairing['id']}", headers=world.headers())
    assert read.json()["status"] == "active"

    # The day it began is fine; moving the eggs before it later is not.
    clutch = await lay_clutch(client, world, pairing["id"], laid_date="2025-03-01")
    moved = await client.patch(
        f"/api/v1/clutches/{clutch['id']}",
        json={"laid_date": "2025-02-27"},
        headers=world.headers(),
    )
    assert assert_problem(moved, 422)["type"].endswith("/laid-before-pairing")
    # Nor can the pairing be dated after the eggs it produced.
    later = await patch_pairing(
        client, world, pairing["id"], {"events": {"active_at": "2025-03-05"}}
    )
    assert assert_problem(later, 422)["type"].endswith("/invalid-pairing-dates")
    stored = await db_session.get(Pairing, uuid.UUID(pairing["id"]))
    assert stored is not None
    await db_session.refresh(stored)
    assert stored.events["active_at"] == "2025-03-01"


async def test_a_pairing_keeps_every_lock_date(client: httpx.AsyncClient, world: World) -> None:
    pairing = await create_pairing(
        client,
        world,
        status="locked",
        events={"active_at": "2025-01-20", "locked_at": "2025-02-03"},
    )
    assert pairing["lock_dates"] == ["2025-02-03"]
    # Seen locked again: each lock given as events.locked_at adds to the list.
    for day in ("2025-02-10", "2025-02-07"):
        response = await patch_pairing(client, world, pairing["id"], {"events": {"locked_at": day}})
        assert response.status_code == 200, response.text
    body = response.json()
    assert body["lock_dates"] == ["2025-02-03", "2025-02-07", "2025-02-10"]
    # The single date older clients read stays the first lock.
    assert body["events"]["locked_at"] == "2025-02-03"

    replaced = await patch_pairing(
        client, world, pairing["id"], {"lock_dates": ["2025-02-12", "2025-02-05", "2025-02-12"]}
    )
    assert replaced.status_code == 200, replaced.text
    assert replaced.json()["lock_dates"] == ["2025-02-05", "2025-02-12"]
    assert replaced.json()["events"]["locked_at"] == "2025-02-05"

    future = (date.today() + timedelta(days=3)).isoformat()
    ahead = await patch_pairing(client, world, pairing["id"], {"lock_dates": [future]})
    assert assert_problem(ahead, 422)["errors"][0]["field"] == "body.lock_dates"
    read = await client.get(f"{PAIRINGS}/{pairing['id']}", headers=world.headers())
    assert read.json()["lock_dates"] == ["2025-02-05", "2025-02-12"]


async def test_moving_to_locked_records_a_lock_date(
    client: httpx.AsyncClient, world: World
) -> None:
    pairing = await create_pairing(client, world, status="active")
    response = await patch_pairing(
        client, world, pairing["id"], {"status": "locked", "events": {"locked_at": "2025-03-04"}}
    )
    assert response.status_code == 200, response.text
    assert response.json()["lock_dates"] == ["2025-03-04"]


async def test_hatching_before_the_shortest_incubation_needs_confirmation(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    pairing = await create_pairing(client, world, status="active")
    # The test species incubates 55-60 days; these eggs would hatch after 30.
    clutch = await lay_clutch(client, world, pairing["id"], laid_date="2025-04-01")
    early = {"count": 2, "hatch_date": "2025-05-01"}
    url = f"/api/v1/clutches/{clutch['id']}/hatch"
    problem = assert_problem(await client.post(url, json=early, headers=world.headers()), 409)
    assert problem["type"].endswith("/early-hatch-unconfirmed")
    assert (problem["days_incubated"], problem["incubation_days_min"]) == (30, 55)
    hatched = await db_session.scalar(
        select(func.count()).select_from(Animal).where(Animal.clutch_id == uuid.UUID(clutch["id"]))
    )
    assert hatched == 0

    confirmed = await client.post(
        url, json={**early, "confirm_early_hatch": True}, headers=world.headers()
    )
    assert confirmed.status_code == 201, confirmed.text
    assert len(confirmed.json()) == 2


async def test_live_bearers_get_an_expected_birth_date(
    client: httpx.AsyncClient,
    world: World,
    db_session: AsyncSession,
    make_animal: AnimalFactory,
) -> None:
    suffix = uuid.uuid4().hex[:6]
    boa = Species(
        common_name=f"Test boa {suffix}",
        scientific_name=f"Boa testus {suffix}",
        code_prefix=f"B{suffix[:4].upper()}",
        egg_laying=False,
        gestation_days_min=100,
        gestation_days_max=120,
    )
    db_session.add(boa)
    await db_session.flush()
    male = await make_animal(world.vivarium, boa, sex=Sex.male, hatch_date=date(2020, 1, 1))
    female = await make_animal(world.vivarium, boa, sex=Sex.female, hatch_date=date(2019, 1, 1))
    response = await client.post(
        PAIRINGS,
        json={
            "sire_id": str(male.id),
            "dam_id": str(female.id),
            "status": "locked",
            "events": {"locked_at": "2025-03-01"},
        },
        headers=world.headers(),
    )
    assert response.status_code == 201, response.text
    assert response.json()["expected_birth_date"] is None  # not ovulated yet
    ovulated = await patch_pairing(
        client,
        world,
        response.json()["id"],
        {"status": "ovulated", "events": {"ovulated_at": "2025-04-10"}},
    )
    assert ovulated.status_code == 200, ovulated.text
    # Gestation counts from ovulation: the middle of 100-120 days.
    assert (
        ovulated.json()["expected_birth_date"]
        == (date(2025, 4, 10) + timedelta(days=110)).isoformat()
    )


async def test_egg_layers_have_no_expected_birth_date(
    client: httpx.AsyncClient, world: World
) -> None:
    pairing = await create_pairing(
        client, world, status="ovulated", events={"ovulated_at": "2025-04-10"}
    )
    assert pairing["expected_birth_date"] is None
