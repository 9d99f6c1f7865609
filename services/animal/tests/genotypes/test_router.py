"""PUT/GET /animals/{id}/genotype: the rules, replacement as a whole, and the matrix."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Genotype, Species, Trait

from ..animals.world import READ, WRITE, World, assert_problem, error_fields, matrix

AnimalFactory = Callable[..., Any]


def _url(animal: Any) -> str:
    return f"/api/v1/animals/{animal.id}/genotype"


def _entry(species: Any, trait: str, state: str, **extra: Any) -> dict[str, Any]:
    return {"trait_id": str(species.traits[trait].id), "state": state, **extra}


async def _count(db_session: AsyncSession, animal: Any) -> int:
    return int(
        await db_session.scalar(
            select(func.count()).select_from(Genotype).where(Genotype.animal_id == animal.id)
        )
        or 0
    )


async def test_put_replaces_the_whole_set(
    client: httpx.AsyncClient, world: World, species: Any, make_animal: AnimalFactory
) -> None:
    animal = await make_animal(world.vivarium, species)
    first = await client.put(
        _url(animal),
        json=[
            _entry(species, "Pastel", "super"),
            _entry(species, "Clown", "het"),
            _entry(species, "Piebald", "possible_het", het_percent=66),
            _entry(species, "Spider", "visual", proof="dna_test"),
        ],
        headers=world.headers("handler"),
    )
    assert first.status_code == 200, first.text
    by_name = {g["trait_name"]: g for g in first.json()}
    assert by_name["Pastel"]["state"] == "super"
    assert by_name["Pastel"]["proof"] == "visual"
    assert by_name["Clown"]["proof"] == "parentage"
    assert by_name["Piebald"]["het_percent"] == 66
    assert by_name["Spider"]["proof"] == "dna_test"
    assert by_name["Spider"]["welfare_flag"] == "welfare"
    assert [g["trait_name"] for g in first.json()] == sorted(by_name)
    second = await client.put(
        _url(animal), json=[_entry(species, "Clown", "visual")], headers=world.owner
    )
    assert [(g["trait_name"], g["state"]) for g in second.json()] == [("Clown", "visual")]
    read = await client.get(_url(animal), headers=world.headers("keeper"))
    assert read.json() == second.json()
    cleared = await client.put(_url(animal), json=[], headers=world.owner)
    assert cleared.json() == []


async def test_allelic_combinations(
    client: httpx.AsyncClient, world: World, species: Any, make_animal: AnimalFactory
) -> None:
    animal = await make_animal(world.vivarium, species)
    bel = [_entry(species, "Mojave", "visual"), _entry(species, "Lesser", "visual")]
    assert (await client.put(_url(animal), json=bel, headers=world.owner)).status_code == 200
    too_many = [_entry(species, "Mojave", "super"), _entry(species, "Lesser", "visual")]
    body = assert_problem(await client.put(_url(animal), json=too_many, headers=world.owner), 422)
    assert "BEL" in body["detail"]
    assert error_fields(body) == ["body.1.state"]


@pytest.mark.parametrize(
    ("entries", "field", "words"),
    [
        ([("Pastel", "het", {})], "body.0.state", "Pastel"),
        ([("Pastel", "possible_het", {"het_percent": 50})], "body.0.state", "incomplete dominant"),
        ([("Spider", "het", {})], "body.0.state", "dominant"),
        ([("Clown", "super", {})], "body.0.state", "Clown"),
        ([("Clown", "het", {}), ("Clown", "visual", {})], "body.1.trait_id", "more than once"),
    ],
)
async def test_rule_violations(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
    entries: list[tuple[str, str, dict[str, Any]]],
    field: str,
    words: str,
) -> None:
    animal = await make_animal(world.vivarium, species)
    await client.put(_url(animal), json=[_entry(species, "Piebald", "het")], headers=world.owner)
    payload = [_entry(species, name, state, **extra) for name, state, extra in entries]
    body = assert_problem(await client.put(_url(animal), json=payload, headers=world.owner), 422)
    assert error_fields(body) == [field]
    assert words in body["detail"]
    assert await _count(db_session, animal) == 1  # the old set is untouched


async def test_trait_of_another_species_is_named(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
) -> None:
    animal = await make_animal(world.vivarium, species)
    leo_trait = (
        await db_session.scalars(
            select(Trait)
            .join(Species, Species.id == Trait.species_id)
            .where(Species.code_prefix == "LG", Trait.name == "Eclipse")
        )
    ).one()
    for trait_id in (leo_trait.id, uuid.uuid4()):
        payload = [{"trait_id": str(trait_id), "state": "het"}]
        body = assert_problem(
            await client.put(_url(animal), json=payload, headers=world.owner), 422
        )
        assert str(trait_id) in body["detail"]
        assert error_fields(body) == ["body.0.trait_id"]


@pytest.mark.parametrize(
    "entry",
    [
        {"state": "possible_het"},
        {"state": "het", "het_percent": 50},
        {"state": "possible_het", "het_percent": 75},
        {"state": "homozygous"},
        {"state": "het", "proof": "rumour"},
        {"state": "het", "trait_id": "nope"},
        {"state": "het", "colour": "x"},
    ],
)
async def test_schema_violations(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
    entry: dict[str, Any],
) -> None:
    animal = await make_animal(world.vivarium, species)
    payload = [{"trait_id": str(species.traits["Clown"].id), **entry}]
    assert_problem(await client.put(_url(animal), json=payload, headers=world.owner), 422)
    assert await _count(db_session, animal) == 0


async def test_oversized_sets_are_refused(
    client: httpx.AsyncClient, world: World, species: Any, make_animal: AnimalFactory
) -> None:
    animal = await make_animal(world.vivarium, species)
    payload = [{"trait_id": str(uuid.uuid4()), "state": "visual"}] * 101
    assert_problem(await client.put(_url(animal), json=payload, headers=world.owner), 422)


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
    response = await client.get(_url(animal), headers=world.headers(actor))
    assert response.status_code == status, response.text


@matrix(WRITE)
async def test_write_matrix(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
    actor: str,
    status: int,
) -> None:
    animal = await make_animal(world.vivarium, species)
    payload = [_entry(species, "Clown", "het")]
    response = await client.put(_url(animal), json=payload, headers=world.headers(actor))
    assert response.status_code == status, response.text
    assert await _count(db_session, animal) == (1 if status == 200 else 0)


async def test_unknown_animal(client: httpx.AsyncClient, world: World) -> None:
    assert_problem(
        await client.get(f"/api/v1/animals/{uuid.uuid4()}/genotype", headers=world.owner), 404
    )
    assert_problem(
        await client.put(f"/api/v1/animals/{uuid.uuid4()}/genotype", json=[], headers=world.owner),
        404,
    )
