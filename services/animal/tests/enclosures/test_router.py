"""Enclosures through HTTP: CRUD, the animals in each, bulk moves (all or nothing)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Animal, Enclosure

from ..conftest import AnimalFactory
from ..conftest import SpeciesFixture as SpeciesFixture
from ..husbandry.world import CURATOR_UP, HANDLER_UP, READERS, World, assert_problem, matrix, ok_as


async def make_enclosure(
    db_session: AsyncSession, world: World, name: str = "Rack A / 1"
) -> Enclosure:
    enclosure = Enclosure(vivarium_id=world.vivarium.id, name=name, kind="tub")
    db_session.add(enclosure)
    await db_session.flush()
    return enclosure


async def count(db_session: AsyncSession) -> int:
    return int(await db_session.scalar(select(func.count()).select_from(Enclosure)) or 0)


@matrix(**ok_as(201, CURATOR_UP))
async def test_create_matrix(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, actor: str, expected: int
) -> None:
    body = {"name": "Rack B / 4", "kind": "tub", "location": "Snake room"}
    response = await client.post(f"{world.url}/enclosures", json=body, headers=world.headers(actor))
    assert response.status_code == expected, response.text
    if expected == 201:
        assert response.json() | body == response.json()
        assert response.json()["animals"] == []
    assert await count(db_session) == (1 if expected == 201 else 0)


@pytest.mark.parametrize("body", [{}, {"name": ""}, {"name": "x" * 81}, {"name": "x", "size": 3}])
async def test_bad_create_is_422(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, body: dict[str, Any]
) -> None:
    assert_problem(
        await client.post(f"{world.url}/enclosures", json=body, headers=world.headers("owner")), 422
    )
    assert await count(db_session) == 0


async def test_names_are_unique_per_vivarium(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    await make_enclosure(db_session, world, "Tub 1")
    response = await client.post(
        f"{world.url}/enclosures", json={"name": "Tub 1"}, headers=world.headers("owner")
    )
    assert_problem(response, 409)
    other = await client.post(
        f"/api/v1/vivariums/{world.other.id}/enclosures",
        json={"name": "Tub 1"},
        headers=world.headers("outsider"),
    )
    assert other.status_code == 201


@matrix(**READERS)
async def test_list_read_and_animals_matrix(
    client: httpx.AsyncClient,
    world: World,
    db_session: AsyncSession,
    species: SpeciesFixture,
    make_animal: AnimalFactory,
    actor: str,
    expected: int,
) -> None:
    enclosure = await make_enclosure(db_session, world)
    animal = await make_animal(world.vivarium, species, enclosure_id=enclosure.id)
    for url in (
        f"{world.url}/enclosures",
        f"/api/v1/enclosures/{enclosure.id}",
        f"/api/v1/enclosures/{enclosure.id}/animals",
    ):
        response = await client.get(url, headers=world.headers(actor))
        assert response.status_code == expected, (url, response.text)
        if expected == 200:
            body = response.json()
            animals = body["items"][0]["animals"] if "items" in body else body["animals"]
            assert [a["id"] for a in animals] == [str(animal.id)]


async def test_list_pages_and_hides_archived(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    for i in range(5):
        await make_enclosure(db_session, world, f"Tub {i}")
    archived = await make_enclosure(db_session, world, "Old tank")
    archived.archived_at = datetime.now(UTC)
    await db_session.flush()
    names: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = (
            await client.get(
                f"{world.url}/enclosures", params=params, headers=world.headers("keeper")
            )
        ).json()
        names += [e["name"] for e in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert names == [f"Tub {i}" for i in range(5)]
    everything = (
        await client.get(
            f"{world.url}/enclosures",
            params={"include_archived": "true"},
            headers=world.headers("keeper"),
        )
    ).json()
    assert len(everything["items"]) == 6


@matrix(**HANDLER_UP)
async def test_update_matrix(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, actor: str, expected: int
) -> None:
    enclosure = await make_enclosure(db_session, world)
    response = await client.patch(
        f"/api/v1/enclosures/{enclosure.id}",
        json={"name": "Rack C / 2", "notes": "Heat tape"},
        headers=world.headers(actor),
    )
    assert response.status_code == expected, response.text
    await db_session.refresh(enclosure)
    assert enclosure.name == ("Rack C / 2" if expected == 200 else "Rack A / 1")


async def test_update_rules(
    client: httpx.AsyncClient,
    world: World,
    db_session: AsyncSession,
    species: SpeciesFixture,
    make_animal: AnimalFactory,
) -> None:
    enclosure = await make_enclosure(db_session, world)
    await make_enclosure(db_session, world, "Taken")
    url = f"/api/v1/enclosures/{enclosure.id}"
    assert_problem(
        await client.patch(url, json={"name": "Taken"}, headers=world.headers("owner")), 409
    )
    assert_problem(
        await client.patch(url, json={"name": None}, headers=world.headers("owner")), 422
    )
    assert_problem(
        await client.patch(
            url, json={"vivarium_id": str(world.other.id)}, headers=world.headers("owner")
        ),
        422,
    )
    await make_animal(world.vivarium, species, enclosure_id=enclosure.id)
    assert_problem(
        await client.patch(url, json={"archived": True}, headers=world.headers("owner")), 409
    )


@matrix(**ok_as(204, CURATOR_UP))
async def test_delete_matrix(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, actor: str, expected: int
) -> None:
    enclosure = await make_enclosure(db_session, world)
    response = await client.delete(
        f"/api/v1/enclosures/{enclosure.id}", headers=world.headers(actor)
    )
    assert response.status_code == expected, response.text
    assert await count(db_session) == (0 if expected == 204 else 1)


async def test_an_occupied_enclosure_cannot_be_deleted(
    client: httpx.AsyncClient,
    world: World,
    db_session: AsyncSession,
    species: SpeciesFixture,
    make_animal: AnimalFactory,
) -> None:
    enclosure = await make_enclosure(db_session, world)
    await make_animal(world.vivarium, species, enclosure_id=enclosure.id)
    assert_problem(
        await client.delete(f"/api/v1/enclosures/{enclosure.id}", headers=world.headers("owner")),
        409,
    )
    assert_problem(
        await client.delete(f"/api/v1/enclosures/{uuid.uuid4()}", headers=world.headers("owner")),
        404,
    )
    assert await count(db_session) == 1


async def test_bulk_move_in(
    client: httpx.AsyncClient,
    world: World,
    db_session: AsyncSession,
    species: SpeciesFixture,
    make_animal: AnimalFactory,
) -> None:
    source = await make_enclosure(db_session, world, "Old")
    target = await make_enclosure(db_session, world, "New")
    animals = [await make_animal(world.vivarium, species, enclosure_id=source.id) for _ in range(3)]
    response = await client.post(
        f"/api/v1/enclosures/{target.id}/animals",
        json={"animal_ids": [str(a.id) for a in animals[:2]]},
        headers=world.headers("handler"),
    )
    assert response.status_code == 200, response.text
    assert {a["id"] for a in response.json()["animals"]} == {str(a.id) for a in animals[:2]}
    left = (
        await client.get(f"/api/v1/enclosures/{source.id}/animals", headers=world.headers("keeper"))
    ).json()
    assert [a["id"] for a in left["animals"]] == [str(animals[2].id)]


async def test_bulk_move_is_all_or_nothing(
    client: httpx.AsyncClient,
    world: World,
    db_session: AsyncSession,
    species: SpeciesFixture,
    make_animal: AnimalFactory,
) -> None:
    target = await make_enclosure(db_session, world)
    mine = await make_animal(world.vivarium, species)
    foreign = await make_animal(world.other, species)
    archived = await make_animal(world.vivarium, species, archived_at=datetime.now(UTC))
    ids = [mine.id, foreign.id, uuid.uuid4(), archived.id]
    response = await client.post(
        f"/api/v1/enclosures/{target.id}/animals",
        json={"animal_ids": [str(i) for i in ids]},
        headers=world.headers("owner"),
    )
    problem = assert_problem(response, 422)
    assert [e["index"] for e in problem["errors"]] == [1, 2, 3]
    assert problem["errors"][0]["message"] == problem["errors"][1]["message"]
    enclosure_ids = (
        await db_session.scalars(
            select(Animal.enclosure_id).where(Animal.id.in_([mine.id, foreign.id]))
        )
    ).all()
    assert enclosure_ids == [None, None]
    bad_bodies: list[dict[str, Any]] = [{"animal_ids": []}, {"animal_ids": ["nope"]}, {}]
    for body in bad_bodies:
        assert_problem(
            await client.post(
                f"/api/v1/enclosures/{target.id}/animals", json=body, headers=world.headers("owner")
            ),
            422,
        )
    target.archived_at = datetime.now(UTC)
    await db_session.flush()
    response = await client.post(
        f"/api/v1/enclosures/{target.id}/animals",
        json={"animal_ids": [str(mine.id)]},
        headers=world.headers("owner"),
    )
    assert_problem(response, 409)


@matrix(**HANDLER_UP)
async def test_bulk_move_matrix(
    client: httpx.AsyncClient,
    world: World,
    db_session: AsyncSession,
    species: SpeciesFixture,
    make_animal: AnimalFactory,
    actor: str,
    expected: int,
) -> None:
    target = await make_enclosure(db_session, world)
    animal = await make_animal(world.vivarium, species)
    response = await client.post(
        f"/api/v1/enclosures/{target.id}/animals",
        json={"animal_ids": [str(animal.id)]},
        headers=world.headers(actor),
    )
    assert response.status_code == expected, response.text
    await db_session.refresh(animal)
    assert (animal.enclosure_id == target.id) == (expected == 200)
