"""Clutches through HTTP: laying, egg counts, the expected hatch date, updates, failing, access."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Clutch, Species
from reptidex_common.models.animal_enums import Sex

from ..conftest import AnimalFactory
from .conftest import (
    ANY_MEMBER,
    HANDLER_UP,
    INTRODUCED,
    World,
    assert_problem,
    create_pairing,
    lay_clutch,
    matrix,
)

API = "/api/v1/clutches"


def today() -> date:
    return datetime.now(UTC).date()


async def count_clutches(db_session: AsyncSession) -> int:
    return int(await db_session.scalar(select(func.count()).select_from(Clutch)) or 0)


async def test_lay_clutch(client: httpx.AsyncClient, world: World) -> None:
    pairing = await create_pairing(client, world, status="ovulated")
    laid = today() - timedelta(days=10)
    clutch = await lay_clutch(
        client,
        world,
        pairing["id"],
        laid_date=laid.isoformat(),
        incubation_temp_c=31.0,
        incubation_humidity_pct=95,
        notes="Good shells",
    )
    assert clutch["pairing_id"] == pairing["id"]
    assert clutch["vivarium_id"] == str(world.vivarium.id)
    assert clutch["sire_id"] == str(world.sire.id)
    assert clutch["dam_id"] == str(world.dam.id)
    assert clutch["species_id"] == str(world.dam.species_id)
    assert (clutch["eggs_total"], clutch["eggs_fertile"], clutch["eggs_infertile"]) == (6, 5, 1)
    assert clutch["incubation_temp_c"] == 31.0
    assert clutch["incubation_humidity_pct"] == 95
    assert clutch["status"] == "incubating"
    assert clutch["hatched_count"] == 0
    # The test species incubates 55-60 days at 31.0-32.5 °C: 31.0 °C is the coolest, 60 days.
    assert clutch["expected_hatch_date"] == (laid + timedelta(days=60)).isoformat()
    assert clutch["days_until_expected_hatch"] == 50

    # The eggs prove the pairing took: it is completed, with the laying dated.
    after = (await client.get(f"/api/v1/pairings/{pairing['id']}", headers=world.headers())).json()
    assert after["status"] == "completed"
    assert after["events"]["laid_at"] == laid.isoformat()
    assert after["events"]["completed_at"] == laid.isoformat()


@pytest.mark.parametrize(
    ("temp", "days"), [(None, 58), (31.0, 60), (31.8, 57), (32.5, 55), (33.5, 55)]
)
async def test_expected_hatch_date_follows_temperature(
    client: httpx.AsyncClient, world: World, temp: float | None, days: int
) -> None:
    pairing = await create_pairing(client, world, status="active")
    extra = {"incubation_temp_c": temp} if temp is not None else {}
    clutch = await lay_clutch(client, world, pairing["id"], laid_date="2025-04-01", **extra)
    assert clutch["expected_hatch_date"] == (date(2025, 4, 1) + timedelta(days=days)).isoformat()


async def test_expected_hatch_date_for_other_species(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, make_animal: AnimalFactory
) -> None:
    crested = Species(
        common_name="Crested gecko test",
        scientific_name="Correlophus testus",
        code_prefix="CRT",
        incubation_days_min=60,
        incubation_days_max=120,
        incubation_temp_min_c=Decimal("22.0"),
        incubation_temp_max_c=Decimal("26.0"),
    )
    no_data = Species(
        common_name="Unknown test", scientific_name="Incognita testus", code_prefix="UNT"
    )
    db_session.add_all([crested, no_data])
    await db_session.flush()
    for species, temp, expected in (
        (crested, 24.0, date(2025, 4, 1) + timedelta(days=90)),
        (crested, 22.0, date(2025, 4, 1) + timedelta(days=120)),
        (no_data, 28.0, None),
    ):
        male = await make_animal(world.vivarium, species, sex=Sex.male)
        female = await make_animal(world.vivarium, species, sex=Sex.female)
        response = await client.post(
            "/api/v1/pairings",
            json={
                "sire_id": str(male.id),
                "dam_id": str(female.id),
                "status": "active",
                "events": {"active_at": INTRODUCED},
            },
            headers=world.headers(),
        )
        assert response.status_code == 201, response.text
        clutch = await lay_clutch(
            client, world, response.json()["id"], laid_date="2025-04-01", incubation_temp_c=temp
        )
        assert clutch["expected_hatch_date"] == (expected.isoformat() if expected else None)
        if expected is None:
            assert clutch["days_until_expected_hatch"] is None


@pytest.mark.parametrize(
    "body",
    [
        {"laid_date": "2025-04-01", "eggs_total": 4, "eggs_fertile": 3, "eggs_infertile": 2},
        {"laid_date": "2025-04-01", "eggs_total": -1},
        {"laid_date": "2025-04-01", "eggs_total": 4, "eggs_fertile": -1},
        {"laid_date": "2025-04-01"},
        {"eggs_total": 4},
        {"laid_date": "April", "eggs_total": 4},
        {"laid_date": "2025-04-01", "eggs_total": 4, "incubation_temp_c": 31.25},
        {"laid_date": "2025-04-01", "eggs_total": 4, "incubation_temp_c": 80},
        {"laid_date": "2025-04-01", "eggs_total": 4, "incubation_humidity_pct": 120},
    ],
)
async def test_bad_clutch_is_422_and_writes_nothing(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, body: dict[str, object]
) -> None:
    pairing = await create_pairing(client, world, status="active")
    before = await count_clutches(db_session)
    response = await client.post(
        f"/api/v1/pairings/{pairing['id']}/clutches", json=body, headers=world.headers()
    )
    assert assert_problem(response, 422)["errors"]
    assert await count_clutches(db_session) == before
    still = (await client.get(f"/api/v1/pairings/{pairing['id']}", headers=world.headers())).json()
    assert still["status"] == "active"


async def test_future_laid_date_and_failed_pairing(client: httpx.AsyncClient, world: World) -> None:
    pairing = await create_pairing(client, world, status="active")
    future = (today() + timedelta(days=3)).isoformat()
    response = await client.post(
        f"/api/v1/pairings/{pairing['id']}/clutches",
        json={"laid_date": future, "eggs_total": 3},
        headers=world.headers(),
    )
    assert assert_problem(response, 422)["errors"][0]["field"] == "body.laid_date"
    await client.patch(
        f"/api/v1/pairings/{pairing['id']}", json={"status": "failed"}, headers=world.headers()
    )
    response = await client.post(
        f"/api/v1/pairings/{pairing['id']}/clutches",
        json={"laid_date": "2025-04-01", "eggs_total": 3},
        headers=world.headers(),
    )
    assert assert_problem(response, 409)["type"].endswith("/pairing-cannot-lay")


async def test_completed_pairing_lays_again(client: httpx.AsyncClient, world: World) -> None:
    """Geckos lay clutch after clutch from one pairing; the first laying date stays."""
    pairing = await create_pairing(client, world, status="active")
    await lay_clutch(client, world, pairing["id"], laid_date="2025-04-01")
    await lay_clutch(client, world, pairing["id"], laid_date="2025-04-20")
    after = (await client.get(f"/api/v1/pairings/{pairing['id']}", headers=world.headers())).json()
    assert after["events"]["laid_at"] == "2025-04-01"
    assert after["status"] == "completed"


async def test_update_counts_and_temperature(client: httpx.AsyncClient, world: World) -> None:
    pairing = await create_pairing(client, world, status="active")
    clutch = await lay_clutch(client, world, pairing["id"], laid_date="2025-04-01")
    url = f"{API}/{clutch['id']}"
    response = await client.patch(
        url,
        json={"eggs_total": 8, "eggs_fertile": 7, "incubation_temp_c": 32.5, "notes": "candled"},
        headers=world.headers(),
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["eggs_total"], body["eggs_fertile"], body["eggs_infertile"]) == (8, 7, 1)
    assert body["notes"] == "candled"
    # Warmer: the expected date moves to the species' shortest incubation.
    assert body["expected_hatch_date"] == (date(2025, 4, 1) + timedelta(days=55)).isoformat()
    response = await client.patch(url, json={"laid_date": "2025-04-03"}, headers=world.headers())
    assert (
        response.json()["expected_hatch_date"]
        == (date(2025, 4, 3) + timedelta(days=55)).isoformat()
    )

    problem = assert_problem(
        await client.patch(url, json={"eggs_infertile": 5}, headers=world.headers()), 422
    )
    assert problem["type"].endswith("/invalid-egg-counts")
    assert problem["errors"][0]["field"] == "body.eggs_total"
    assert_problem(await client.patch(url, json={"eggs_total": None}, headers=world.headers()), 422)
    assert_problem(await client.patch(url, json={"eggs_total": -2}, headers=world.headers()), 422)
    unchanged = (await client.get(url, headers=world.headers())).json()
    assert (unchanged["eggs_total"], unchanged["eggs_infertile"]) == (8, 1)


async def test_fertile_cannot_drop_below_hatched(client: httpx.AsyncClient, world: World) -> None:
    pairing = await create_pairing(client, world, status="active")
    clutch = await lay_clutch(client, world, pairing["id"], laid_date="2025-04-01")
    response = await client.post(
        f"{API}/{clutch['id']}/hatch",
        json={"hatch_date": "2025-05-30", "count": 4},
        headers=world.headers(),
    )
    assert response.status_code == 201, response.text
    problem = assert_problem(
        await client.patch(
            f"{API}/{clutch['id']}", json={"eggs_fertile": 3}, headers=world.headers()
        ),
        422,
    )
    assert "already hatched" in problem["detail"]


async def test_fail_clutch(client: httpx.AsyncClient, world: World) -> None:
    pairing = await create_pairing(client, world, status="active")
    clutch = await lay_clutch(client, world, pairing["id"])
    response = await client.post(f"{API}/{clutch['id']}/fail", headers=world.headers())
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "failed"
    assert response.json()["days_until_expected_hatch"] is None
    problem = assert_problem(
        await client.post(f"{API}/{clutch['id']}/fail", headers=world.headers()), 409
    )
    assert problem["type"].endswith("/clutch-status")


async def test_list_filters_and_pages(client: httpx.AsyncClient, world: World) -> None:
    pairing = await create_pairing(client, world, status="active")
    made = [await lay_clutch(client, world, pairing["id"]) for _ in range(3)]
    await client.post(f"{API}/{made[1]['id']}/fail", headers=world.headers())
    params = {"vivarium_id": str(world.vivarium.id)}
    first = await client.get(API, params={**params, "limit": 2}, headers=world.headers())
    assert first.status_code == 200, first.text
    assert [c["id"] for c in first.json()["items"]] == [made[2]["id"], made[1]["id"]]
    second = await client.get(
        API,
        params={**params, "limit": 2, "cursor": first.json()["next_cursor"]},
        headers=world.headers(),
    )
    assert [c["id"] for c in second.json()["items"]] == [made[0]["id"]]
    assert second.json()["next_cursor"] is None
    failed = await client.get(API, params={**params, "status": "failed"}, headers=world.headers())
    assert [c["id"] for c in failed.json()["items"]] == [made[1]["id"]]
    assert_problem(
        await client.get(API, params={**params, "cursor": "!!"}, headers=world.headers()), 422
    )


@matrix(ANY_MEMBER)
async def test_list_matrix(
    client: httpx.AsyncClient, world: World, actor: str, expected: int
) -> None:
    pairing = await create_pairing(client, world, status="active")
    await lay_clutch(client, world, pairing["id"])
    response = await client.get(
        API, params={"vivarium_id": str(world.vivarium.id)}, headers=world.headers(actor)
    )
    assert response.status_code == expected, response.text


@matrix(HANDLER_UP, success=201)
async def test_lay_matrix(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, actor: str, expected: int
) -> None:
    pairing = await create_pairing(client, world, status="active")
    before = await count_clutches(db_session)
    response = await client.post(
        f"/api/v1/pairings/{pairing['id']}/clutches",
        json={"laid_date": "2025-04-01", "eggs_total": 3},
        headers=world.headers(actor),
    )
    assert response.status_code == expected, response.text
    assert await count_clutches(db_session) == before + (expected == 201)


@matrix(ANY_MEMBER)
async def test_get_matrix(
    client: httpx.AsyncClient, world: World, actor: str, expected: int
) -> None:
    pairing = await create_pairing(client, world, status="active")
    clutch = await lay_clutch(client, world, pairing["id"])
    response = await client.get(f"{API}/{clutch['id']}", headers=world.headers(actor))
    assert response.status_code == expected, response.text
    if expected != 200:
        assert_problem(response, expected)


@matrix(HANDLER_UP)
async def test_patch_matrix(
    client: httpx.AsyncClient, world: World, actor: str, expected: int
) -> None:
    pairing = await create_pairing(client, world, status="active")
    clutch = await lay_clutch(client, world, pairing["id"])
    response = await client.patch(
        f"{API}/{clutch['id']}", json={"incubation_humidity_pct": 80}, headers=world.headers(actor)
    )
    assert response.status_code == expected, response.text
    stored = (await client.get(f"{API}/{clutch['id']}", headers=world.headers())).json()
    assert stored["incubation_humidity_pct"] == (80 if expected == 200 else None)


@matrix(HANDLER_UP)
async def test_fail_matrix(
    client: httpx.AsyncClient, world: World, actor: str, expected: int
) -> None:
    pairing = await create_pairing(client, world, status="active")
    clutch = await lay_clutch(client, world, pairing["id"])
    response = await client.post(f"{API}/{clutch['id']}/fail", headers=world.headers(actor))
    assert response.status_code == expected, response.text
    stored = (await client.get(f"{API}/{clutch['id']}", headers=world.headers())).json()
    assert stored["status"] == ("failed" if expected == 200 else "incubating")


async def test_unknown_clutch_is_404(client: httpx.AsyncClient, world: World) -> None:
    missing = "0190a9c0-0000-7000-8000-000000000000"
    assert_problem(await client.get(f"{API}/{missing}", headers=world.headers()), 404)
    assert_problem(await client.post(f"{API}/{missing}/fail", headers=world.headers()), 404)
    assert_problem(
        await client.post(
            f"/api/v1/pairings/{missing}/clutches",
            json={"laid_date": "2025-04-01", "eggs_total": 3},
            headers=world.headers(),
        ),
        404,
    )
