"""Pairings through HTTP: creation rules, the plan limit, the life cycle, lists, access."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Pairing
from reptidex_common.models.animal_enums import AnimalStatus, Sex

from ..conftest import AnimalFactory
from ..conftest import SpeciesFixture as SpeciesFixture
from .conftest import (
    ANY_MEMBER,
    CURATOR_UP,
    HANDLER_UP,
    World,
    assert_problem,
    create_pairing,
    lay_clutch,
    matrix,
)

API = "/api/v1/pairings"


async def count_pairings(db_session: AsyncSession) -> int:
    return int(await db_session.scalar(select(func.count()).select_from(Pairing)) or 0)


async def test_create_pairing(client: httpx.AsyncClient, world: World) -> None:
    body = await create_pairing(client, world, notes="First season together")
    assert body["vivarium_id"] == str(world.vivarium.id)
    assert body["sire"]["id"] == str(world.sire.id)
    assert body["sire"]["display_id"] == world.sire.display_id
    assert body["dam"]["id"] == str(world.dam.id)
    assert body["species_id"] == str(world.dam.species_id)
    assert body["status"] == "planned"
    assert body["allowed_next"] == ["active", "failed"]
    assert body["season"] == 2025
    assert body["events"] == {}
    assert body["notes"] == "First season together"
    assert "what_if_coi" in body


async def test_create_with_status_records_its_date(client: httpx.AsyncClient, world: World) -> None:
    body = await create_pairing(
        client,
        world,
        status="locked",
        events={"locked_at": "2025-02-03", "introduced_at": "2025-01-20"},
    )
    assert body["status"] == "locked"
    assert body["events"] == {"locked_at": "2025-02-03", "introduced_at": "2025-01-20"}
    active = await create_pairing(client, world, status="active", events={})
    assert active["events"] == {"active_at": datetime.now(UTC).date().isoformat()}


async def test_unsuitable_pairing_names_every_reason(
    client: httpx.AsyncClient,
    world: World,
    species: SpeciesFixture,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
) -> None:
    female = await make_animal(world.vivarium, species, sex=Sex.female)
    male = await make_animal(world.vivarium, species, sex=Sex.male, status=AnimalStatus.deceased)
    before = await count_pairings(db_session)
    response = await client.post(
        API,
        json={"sire_id": str(female.id), "dam_id": str(male.id)},
        headers=world.headers(),
    )
    body = assert_problem(response, 422)
    assert body["type"].endswith("/unsuitable-pairing")
    messages = " ".join(e["message"] for e in body["errors"])
    assert "recorded as female" in messages
    assert "recorded as male" in messages
    assert "deceased" in messages
    assert {e["field"] for e in body["errors"]} == {"body.sire_id", "body.dam_id"}
    assert await count_pairings(db_session) == before


async def test_other_species_sold_and_same_animal(
    client: httpx.AsyncClient,
    world: World,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
) -> None:
    from reptidex_common.models.animal import Species

    other_species = Species(
        common_name="Corn snake test",
        scientific_name="Pantherophis testus",
        code_prefix="CNT",
        incubation_days_min=55,
        incubation_days_max=65,
    )
    db_session.add(other_species)
    await db_session.flush()
    corn = await make_animal(world.vivarium, other_species, sex=Sex.female)
    response = await client.post(
        API, json={"sire_id": str(world.sire.id), "dam_id": str(corn.id)}, headers=world.headers()
    )
    assert "different species" in assert_problem(response, 422)["detail"]

    world.dam.status = AnimalStatus.sold
    await db_session.flush()
    response = await client.post(
        API,
        json={"sire_id": str(world.sire.id), "dam_id": str(world.dam.id)},
        headers=world.headers(),
    )
    assert "sold" in assert_problem(response, 422)["detail"]

    response = await client.post(
        API,
        json={"sire_id": str(world.sire.id), "dam_id": str(world.sire.id)},
        headers=world.headers(),
    )
    assert "two different animals" in assert_problem(response, 422)["detail"]


async def test_bad_input_is_problem_json(client: httpx.AsyncClient, world: World) -> None:
    for body in (
        {"sire_id": "not-a-uuid", "dam_id": str(world.dam.id)},
        {"dam_id": str(world.dam.id)},
        {"sire_id": str(world.sire.id), "dam_id": str(world.dam.id), "status": "eloped"},
        {"sire_id": str(world.sire.id), "dam_id": str(world.dam.id), "season": 12},
        {
            "sire_id": str(world.sire.id),
            "dam_id": str(world.dam.id),
            "events": {"Locked": "2025-01-01"},
        },
        {
            "sire_id": str(world.sire.id),
            "dam_id": str(world.dam.id),
            "events": {"locked_at": "soon"},
        },
    ):
        problem = assert_problem(await client.post(API, json=body, headers=world.headers()), 422)
        assert problem["errors"]


async def test_animal_the_caller_cannot_see_is_404(
    client: httpx.AsyncClient, world: World, species: SpeciesFixture, make_animal: AnimalFactory
) -> None:
    foreign = await make_animal(world.other, species, sex=Sex.male)
    response = await client.post(
        API, json={"sire_id": str(foreign.id), "dam_id": str(world.dam.id)}, headers=world.headers()
    )
    assert_problem(response, 404)
    # The outsider sees their own male, but not our dam.
    response = await client.post(
        API,
        json={"sire_id": str(foreign.id), "dam_id": str(world.dam.id)},
        headers=world.headers("outsider"),
    )
    assert_problem(response, 404)


async def test_pairing_in_an_explicit_vivarium(
    client: httpx.AsyncClient,
    world: World,
    make_vivarium: Any,
) -> None:
    """A member of two vivariums may record the pairing in the second one."""
    second = await make_vivarium(world.users["owner"])
    body = await create_pairing(client, world, vivarium_id=str(second.id))
    assert body["vivarium_id"] == str(second.id)
    # ...but not in a vivarium where they are nobody.
    response = await client.post(
        API,
        json={
            "sire_id": str(world.sire.id),
            "dam_id": str(world.dam.id),
            "vivarium_id": str(world.other.id),
        },
        headers=world.headers(),
    )
    assert_problem(response, 404)


async def test_plan_limit_counts_open_pairings(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    world.vivarium.entitlement_overrides = {"max_pairings": 2}
    await db_session.flush()
    first = await create_pairing(client, world)
    await create_pairing(client, world)
    body = {"sire_id": str(world.sire.id), "dam_id": str(world.dam.id)}
    problem = assert_problem(await client.post(API, json=body, headers=world.headers()), 402)
    assert problem["entitlement"] == "max_pairings"
    assert problem["limit"] == 2
    # A finished pairing frees its place; a finished one may always be recorded.
    failed = await client.patch(
        f"{API}/{first['id']}", json={"status": "failed"}, headers=world.headers()
    )
    assert failed.status_code == 200, failed.text
    await create_pairing(client, world)
    await create_pairing(client, world, status="completed")
    assert_problem(await client.post(API, json=body, headers=world.headers()), 402)


async def test_full_life_cycle_records_each_date(client: httpx.AsyncClient, world: World) -> None:
    pairing = await create_pairing(client, world)
    url = f"{API}/{pairing['id']}"
    today = datetime.now(UTC).date().isoformat()
    steps = [
        ({"status": "active"}, {"active_at": today}),
        ({"status": "locked", "events": {"locked_at": "2025-02-10"}}, {"locked_at": "2025-02-10"}),
        ({"events": {"pre_lay_shed_at": "2025-03-05"}}, {"pre_lay_shed_at": "2025-03-05"}),
        ({"status": "ovulated"}, {"ovulated_at": today}),
        ({"status": "completed"}, {"completed_at": today}),
    ]
    expected_events: dict[str, str] = {}
    for patch, new_events in steps:
        response = await client.patch(url, json=patch, headers=world.headers())
        assert response.status_code == 200, response.text
        expected_events.update(new_events)
        assert response.json()["events"] == expected_events
    body = response.json()
    assert body["status"] == "completed"
    assert body["allowed_next"] == []


async def test_invalid_transitions_are_409_with_the_allowed_states(
    client: httpx.AsyncClient, world: World
) -> None:
    pairing = await create_pairing(client, world)
    url = f"{API}/{pairing['id']}"
    problem = assert_problem(
        await client.patch(url, json={"status": "ovulated"}, headers=world.headers()), 409
    )
    assert problem["type"].endswith("/invalid-pairing-transition")
    assert "active, failed" in problem["detail"]
    assert problem["allowed"] == ["active", "failed"]
    assert (
        await client.patch(url, json={"status": "failed"}, headers=world.headers())
    ).status_code == 200
    problem = assert_problem(
        await client.patch(url, json={"status": "active"}, headers=world.headers()), 409
    )
    assert "final" in problem["detail"]
    # Nothing changed by the refused request.
    assert (await client.get(url, headers=world.headers())).json()["status"] == "failed"


async def test_patch_other_fields_and_nulls(client: httpx.AsyncClient, world: World) -> None:
    pairing = await create_pairing(client, world, notes="x")
    url = f"{API}/{pairing['id']}"
    response = await client.patch(
        url, json={"season": 2026, "notes": None}, headers=world.headers()
    )
    assert response.status_code == 200, response.text
    assert response.json()["season"] == 2026
    assert response.json()["notes"] is None
    assert response.json()["status"] == "planned"
    assert_problem(await client.patch(url, json={"status": None}, headers=world.headers()), 422)
    # Same status again is no change, not an error.
    assert (
        await client.patch(url, json={"status": "planned"}, headers=world.headers())
    ).status_code == 200


async def test_list_filters_and_pages(client: httpx.AsyncClient, world: World) -> None:
    made = [await create_pairing(client, world, season=2024 + i % 2) for i in range(5)]
    await client.patch(f"{API}/{made[0]['id']}", json={"status": "active"}, headers=world.headers())
    params: dict[str, str | int] = {"vivarium_id": str(world.vivarium.id), "limit": 2}
    seen: list[str] = []
    cursor = None
    while True:
        response = await client.get(
            API,
            params={**params, **({"cursor": cursor} if cursor else {})},
            headers=world.headers(),
        )
        assert response.status_code == 200, response.text
        page = response.json()
        assert len(page["items"]) <= 2
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [p["id"] for p in reversed(made)]

    by_season = await client.get(
        API, params={"vivarium_id": str(world.vivarium.id), "season": 2024}, headers=world.headers()
    )
    assert {i["id"] for i in by_season.json()["items"]} == {
        made[0]["id"],
        made[2]["id"],
        made[4]["id"],
    }
    by_status = await client.get(
        API,
        params={"vivarium_id": str(world.vivarium.id), "status": "active"},
        headers=world.headers(),
    )
    assert [i["id"] for i in by_status.json()["items"]] == [made[0]["id"]]
    assert_problem(
        await client.get(
            API,
            params={"vivarium_id": str(world.vivarium.id), "status": "x"},
            headers=world.headers(),
        ),
        422,
    )
    assert_problem(await client.get(API, headers=world.headers()), 422)


@matrix(ANY_MEMBER)
async def test_list_matrix(
    client: httpx.AsyncClient, world: World, actor: str, expected: int
) -> None:
    await create_pairing(client, world)
    response = await client.get(
        API, params={"vivarium_id": str(world.vivarium.id)}, headers=world.headers(actor)
    )
    assert response.status_code == expected, response.text
    if expected == 200:
        assert len(response.json()["items"]) == 1


@matrix(HANDLER_UP, success=201)
async def test_create_matrix(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, actor: str, expected: int
) -> None:
    before = await count_pairings(db_session)
    response = await client.post(
        API,
        json={"sire_id": str(world.sire.id), "dam_id": str(world.dam.id)},
        headers=world.headers(actor),
    )
    assert response.status_code == expected, response.text
    assert await count_pairings(db_session) == before + (expected == 201)


@matrix(ANY_MEMBER)
async def test_get_matrix(
    client: httpx.AsyncClient, world: World, actor: str, expected: int
) -> None:
    pairing = await create_pairing(client, world)
    response = await client.get(f"{API}/{pairing['id']}", headers=world.headers(actor))
    assert response.status_code == expected, response.text
    if expected == 200:
        assert response.json()["id"] == pairing["id"]
    else:
        assert_problem(response, expected)


@matrix(HANDLER_UP)
async def test_patch_matrix(
    client: httpx.AsyncClient, world: World, actor: str, expected: int
) -> None:
    pairing = await create_pairing(client, world)
    response = await client.patch(
        f"{API}/{pairing['id']}", json={"status": "active"}, headers=world.headers(actor)
    )
    assert response.status_code == expected, response.text
    stored = (await client.get(f"{API}/{pairing['id']}", headers=world.headers())).json()
    assert stored["status"] == ("active" if expected == 200 else "planned")


@matrix(CURATOR_UP, success=204)
async def test_delete_matrix(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, actor: str, expected: int
) -> None:
    pairing = await create_pairing(client, world)
    before = await count_pairings(db_session)
    response = await client.delete(f"{API}/{pairing['id']}", headers=world.headers(actor))
    assert response.status_code == expected, response.text
    assert await count_pairings(db_session) == before - (expected == 204)


async def test_delete_keeps_pairings_with_clutches(client: httpx.AsyncClient, world: World) -> None:
    pairing = await create_pairing(client, world, status="active")
    await lay_clutch(client, world, pairing["id"])
    problem = assert_problem(
        await client.delete(f"{API}/{pairing['id']}", headers=world.headers()), 409
    )
    assert problem["type"].endswith("/pairing-has-clutches")
    assert (await client.get(f"{API}/{pairing['id']}", headers=world.headers())).status_code == 200


async def test_unknown_pairing_is_404(client: httpx.AsyncClient, world: World) -> None:
    missing = "0190a9c0-0000-7000-8000-000000000000"
    assert_problem(await client.get(f"{API}/{missing}", headers=world.headers()), 404)
    assert_problem(await client.patch(f"{API}/{missing}", json={}, headers=world.headers()), 404)
    assert_problem(await client.delete(f"{API}/{missing}", headers=world.headers()), 404)
    assert_problem(await client.get(f"{API}/not-an-id", headers=world.headers()), 422)


async def test_what_if_coi_of_full_siblings(
    client: httpx.AsyncClient,
    world: World,
    species: SpeciesFixture,
    make_animal: AnimalFactory,
) -> None:
    """Offspring of full siblings have F = 1/4; of unrelated animals 0."""
    unrelated = await create_pairing(client, world)
    assert unrelated["what_if_coi"]["coi"] == 0.0
    assert unrelated["what_if_coi"]["generations"] >= 1
    brother = await make_animal(
        world.vivarium, species, sex=Sex.male, sire=world.sire, dam=world.dam
    )
    sister = await make_animal(
        world.vivarium, species, sex=Sex.female, sire=world.sire, dam=world.dam
    )
    response = await client.post(
        API,
        json={"sire_id": str(brother.id), "dam_id": str(sister.id)},
        headers=world.headers(),
    )
    assert response.status_code == 201, response.text
    assert response.json()["what_if_coi"]["coi"] == 0.25
    read = await client.get(f"{API}/{response.json()['id']}", headers=world.headers())
    assert read.json()["what_if_coi"]["coi"] == 0.25
