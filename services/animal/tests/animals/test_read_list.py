"""GET /animals/{id} and the list: contents, filters, keyset pages, one query per page."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from reptidex_common.models.animal import Genotype
from reptidex_common.models.animal_enums import (
    AnimalStatus,
    GenotypeProof,
    GenotypeState,
    Sex,
    Visibility,
)
from reptidex_common.testing.statements import recorded_statements

from .world import READ, World, assert_problem, matrix

API = "/api/v1/animals"
AnimalFactory = Callable[..., Any]


async def test_full_read(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
) -> None:
    sire = await make_animal(world.vivarium, species, sex=Sex.male, name="Zeus")
    dam = await make_animal(world.other, species, sex=Sex.female)  # private, elsewhere
    child = await make_animal(
        world.vivarium, species, sire=sire, dam=dam, coi=0.125, coi_generations=5, name="Io"
    )
    db_session.add(
        Genotype(
            animal_id=child.id,
            trait_id=species.traits["Clown"].id,
            state=GenotypeState.het,
            proof=GenotypeProof.parentage,
        )
    )
    await db_session.flush()
    body = (await client.get(f"{API}/{child.id}", headers=world.owner)).json()
    assert body["sire"] == {"id": str(sire.id), "display_id": sire.display_id, "name": "Zeus"}
    assert body["dam"] == {"private": True}
    assert body["coi"] == 0.125
    assert body["coi_generations"] == 5
    assert body["genotype"] == [
        {
            "trait_id": str(species.traits["Clown"].id),
            "trait_name": "Clown",
            "inheritance": "recessive",
            "allelic_group": None,
            "state": "het",
            "het_percent": None,
            "proof": "parentage",
            "welfare_flag": "none",
        }
    ]
    assert str(dam.id) not in str(body)


async def test_missing_and_malformed_ids(client: httpx.AsyncClient, world: World) -> None:
    assert_problem(await client.get(f"{API}/{uuid.uuid4()}", headers=world.owner), 404)
    assert_problem(await client.get(f"{API}/not-a-uuid", headers=world.owner), 422)
    assert_problem(await client.get(API, headers=world.owner), 422)  # vivarium_id is required
    assert_problem(
        await client.get(API, params={"vivarium_id": str(uuid.uuid4())}, headers=world.owner), 404
    )


@matrix(READ)
async def test_read_matrix(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    make_animal: AnimalFactory,
    actor: str,
    status: int,
) -> None:
    animal = await make_animal(world.vivarium, species)
    response = await client.get(f"{API}/{animal.id}", headers=world.headers(actor))
    assert response.status_code == status, response.text
    if status == 200:
        assert response.json()["id"] == str(animal.id)
    else:
        assert "display_id" not in response.text


@matrix(READ)
async def test_list_matrix(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    make_animal: AnimalFactory,
    actor: str,
    status: int,
) -> None:
    animal = await make_animal(world.vivarium, species)
    response = await client.get(
        API, params={"vivarium_id": str(world.vivarium.id)}, headers=world.headers(actor)
    )
    assert response.status_code == status, response.text
    if status == 200:
        assert [a["id"] for a in response.json()["items"]] == [str(animal.id)]


async def _list(client: httpx.AsyncClient, world: World, **params: Any) -> list[str]:
    response = await client.get(
        API, params={"vivarium_id": str(world.vivarium.id), **params}, headers=world.owner
    )
    assert response.status_code == 200, response.text
    return [item["display_id"] for item in response.json()["items"]]


async def test_filters(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
) -> None:
    from sqlalchemy import select

    from reptidex_common.models.animal import Species

    corn = (await db_session.scalars(select(Species).where(Species.code_prefix == "CS"))).one()
    a = await make_animal(world.vivarium, species, display_id="A-1", sex=Sex.male, name="Sunny",
                          morph="Pastel Clown", hatch_date=date(2020, 1, 1))  # fmt: skip
    b = await make_animal(world.vivarium, species, display_id="A-2", sex=Sex.female,
                          status=AnimalStatus.holdback, visibility=Visibility.public,
                          microchip="985000111")  # fmt: skip
    await make_animal(world.vivarium, corn, display_id="C-1", name="Amber 100%_x")
    await make_animal(world.vivarium, species, display_id="A-3", archived_at=datetime.now(UTC))
    await make_animal(world.other, species, display_id="X-1", name="Sunny")
    db_session.add(
        Genotype(animal_id=b.id, trait_id=species.traits["Pastel"].id, state=GenotypeState.visual)
    )
    await db_session.flush()
    assert await _list(client, world) == ["C-1", "A-2", "A-1"]
    assert await _list(client, world, include_archived="true") == ["A-3", "C-1", "A-2", "A-1"]
    assert await _list(client, world, species_id=str(corn.id)) == ["C-1"]
    assert await _list(client, world, sex="male") == ["A-1"]
    assert await _list(client, world, status="holdback") == ["A-2"]
    assert await _list(client, world, visibility="public") == ["A-2"]
    assert await _list(client, world, trait_id=str(species.traits["Pastel"].id)) == ["A-2"]
    assert await _list(client, world, q="sUNNY") == ["A-1"]
    assert await _list(client, world, q="clown") == ["A-1"]
    assert await _list(client, world, q="a-2") == ["A-2"]
    assert await _list(client, world, q="0001") == ["A-2"]
    # Wildcards are searched for literally.
    assert await _list(client, world, q="100%_") == ["C-1"]
    assert await _list(client, world, q="%") == ["C-1"]
    assert await _list(client, world, sex="male", species_id=str(corn.id)) == []
    assert a.id
    for bad in ({"sex": "other"}, {"status": "lost"}, {"trait_id": "x"}, {"q": "q" * 101},
                {"limit": 0}, {"limit": 101}, {"cursor": "!!!"}):  # fmt: skip
        response = await client.get(
            API, params={"vivarium_id": str(world.vivarium.id), **bad}, headers=world.owner
        )
        assert_problem(response, 422)


async def test_keyset_pages(
    client: httpx.AsyncClient, world: World, species: Any, make_animal: AnimalFactory
) -> None:
    made = [await make_animal(world.vivarium, species) for _ in range(5)]
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        params: dict[str, Any] = {"vivarium_id": str(world.vivarium.id), "limit": 2}
        if cursor:
            params["cursor"] = cursor
        body = (await client.get(API, params=params, headers=world.owner)).json()
        seen += [item["id"] for item in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert pages == 3
    assert seen == [str(a.id) for a in reversed(made)]


async def test_list_costs_the_same_queries_for_any_page_size(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    make_animal: AnimalFactory,
    db_engine_for_tests: AsyncEngine,
) -> None:
    for _ in range(3):
        await make_animal(world.vivarium, species)
    params = {"vivarium_id": str(world.vivarium.id)}
    with recorded_statements(db_engine_for_tests) as small:
        await client.get(API, params={**params, "limit": 1}, headers=world.owner)
    with recorded_statements(db_engine_for_tests) as large:
        await client.get(API, params={**params, "limit": 50}, headers=world.owner)
    assert small, "the listener saw no statements"
    assert len(small) == len(large)
    assert sum("FROM animal.animals" in sql for sql in large) == 1


async def test_opening_an_own_record_asks_the_database_once(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
    db_engine_for_tests: AsyncEngine,
) -> None:
    sire = await make_animal(world.vivarium, species, sex=Sex.male, name="Zeus")
    dam = await make_animal(world.other, species, sex=Sex.female)
    child = await make_animal(world.vivarium, species, sire=sire, dam=dam)
    for trait in ("Piebald", "Clown"):
        db_session.add(
            Genotype(
                animal_id=child.id,
                trait_id=species.traits[trait].id,
                state=GenotypeState.het,
                proof=GenotypeProof.parentage,
            )
        )
    await db_session.flush()
    with recorded_statements(db_engine_for_tests) as statements:
        body = (await client.get(f"{API}/{child.id}", headers=world.owner)).json()
    assert [g["trait_name"] for g in body["genotype"]] == ["Clown", "Piebald"]
    assert body["dam"] == {"private": True}
    # The access token's account check, then the record with its access check, parents and
    # genotype in one statement.
    assert len(statements) == 2, statements
