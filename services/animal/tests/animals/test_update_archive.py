"""PATCH, DELETE (archive) and restore: field rules, roles and the matrix."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Animal
from reptidex_common.models.animal_enums import Sex

from .world import CURATE, WRITE, World, assert_problem, error_fields, matrix, ok_as

API = "/api/v1/animals"
AnimalFactory = Callable[..., Any]


async def _stored(db_session: AsyncSession, animal: Animal) -> Animal:
    await db_session.refresh(animal)
    return animal


async def test_patch_applies_only_what_was_sent(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
) -> None:
    animal = await make_animal(world.vivarium, species, name="Old", morph="Pastel", notes="n")
    response = await client.patch(
        f"{API}/{animal.id}",
        json={"name": "New", "microchip": "123", "notes": None, "sex": "male"},
        headers=world.headers("handler"),
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["name"], body["morph"], body["microchip"], body["notes"], body["sex"]) == (
        "New", "Pastel", "123", None, "male",
    )  # fmt: skip
    stored = await _stored(db_session, animal)
    assert stored.morph == "Pastel"
    assert stored.notes is None


@pytest.mark.parametrize(
    "change",
    [
        {"sex": None},
        {"status": None},
        {"display_id": None},
        {"visibility": "secret"},
        {"hatch_date": "2999-01-01"},
        {"name": "n" * 121},
        {"species_id": str(uuid.uuid4())},
        {"vivarium_id": str(uuid.uuid4())},
    ],
)
async def test_bad_patches_are_422(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
    change: dict[str, Any],
) -> None:
    animal = await make_animal(world.vivarium, species, name="Same")
    assert_problem(await client.patch(f"{API}/{animal.id}", json=change, headers=world.owner), 422)
    stored = await _stored(db_session, animal)
    assert stored.name == "Same"
    assert stored.sex is Sex.unknown


async def test_visibility_changes_need_a_curator(
    client: httpx.AsyncClient, world: World, species: Any, make_animal: AnimalFactory
) -> None:
    animal = await make_animal(world.vivarium, species)
    url = f"{API}/{animal.id}"
    refused = await client.patch(
        url, json={"visibility": "public"}, headers=world.headers("handler")
    )
    assert assert_problem(refused, 403)["type"].endswith("insufficient-role")
    # Sending the current value is no change.
    same = await client.patch(url, json={"visibility": "private"}, headers=world.headers("handler"))
    assert same.status_code == 200
    ok = await client.patch(url, json={"visibility": "public"}, headers=world.headers("curator"))
    assert ok.json()["visibility"] == "public"


async def test_display_id_change_must_stay_unique(
    client: httpx.AsyncClient, world: World, species: Any, make_animal: AnimalFactory
) -> None:
    first = await make_animal(world.vivarium, species, display_id="BP-1")
    second = await make_animal(world.vivarium, species, display_id="BP-2")
    assert_problem(
        await client.patch(f"{API}/{second.id}", json={"display_id": "BP-1"}, headers=world.owner),
        409,
    )
    same = await client.patch(f"{API}/{first.id}", json={"display_id": "BP-1"}, headers=world.owner)
    assert same.status_code == 200
    renamed = await client.patch(
        f"{API}/{second.id}", json={"display_id": "BP-9"}, headers=world.owner
    )
    assert renamed.json()["display_id"] == "BP-9"


async def test_archive_and_restore(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
) -> None:
    animal = await make_animal(world.vivarium, species)
    url = f"{API}/{animal.id}"
    assert_problem(await client.delete(url, headers=world.headers("handler")), 403)
    response = await client.delete(url, headers=world.headers("curator"))
    assert response.status_code == 204
    assert response.content == b""
    assert (await _stored(db_session, animal)).archived_at is not None
    listed = await client.get(
        API, params={"vivarium_id": str(world.vivarium.id)}, headers=world.owner
    )
    assert listed.json()["items"] == []
    # Still readable; archiving twice is harmless; changes wait for a restore.
    assert (await client.get(url, headers=world.owner)).json()["archived_at"] is not None
    assert (await client.delete(url, headers=world.owner)).status_code == 204
    assert_problem(await client.patch(url, json={"name": "x"}, headers=world.owner), 409)
    assert_problem(await client.put(f"{url}/genotype", json=[], headers=world.owner), 409)
    assert_problem(await client.post(f"{url}/restore", headers=world.headers("handler")), 403)
    restored = await client.post(f"{url}/restore", headers=world.headers("curator"))
    assert restored.status_code == 200
    assert restored.json()["archived_at"] is None
    assert (await client.post(f"{url}/restore", headers=world.owner)).status_code == 200


@matrix(WRITE)
async def test_patch_matrix(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
    actor: str,
    status: int,
) -> None:
    animal = await make_animal(world.vivarium, species, name="Before")
    response = await client.patch(
        f"{API}/{animal.id}", json={"name": "After"}, headers=world.headers(actor)
    )
    assert response.status_code == status, response.text
    expected = "After" if status == 200 else "Before"
    assert (await _stored(db_session, animal)).name == expected


@matrix(ok_as(204, CURATE))
async def test_archive_matrix(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
    actor: str,
    status: int,
) -> None:
    animal = await make_animal(world.vivarium, species)
    response = await client.delete(f"{API}/{animal.id}", headers=world.headers(actor))
    assert response.status_code == status, response.text
    archived = (await _stored(db_session, animal)).archived_at is not None
    assert archived is (status == 204)


@matrix(CURATE)
async def test_restore_matrix(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
    actor: str,
    status: int,
) -> None:
    animal = await make_animal(world.vivarium, species, archived_at=datetime.now(UTC))
    response = await client.post(f"{API}/{animal.id}/restore", headers=world.headers(actor))
    assert response.status_code == status, response.text
    restored = (await _stored(db_session, animal)).archived_at is None
    assert restored is (status == 200)


async def test_unknown_animal_on_every_write(client: httpx.AsyncClient, world: World) -> None:
    missing = uuid.uuid4()
    assert_problem(await client.patch(f"{API}/{missing}", json={}, headers=world.owner), 404)
    assert_problem(await client.delete(f"{API}/{missing}", headers=world.owner), 404)
    assert_problem(await client.post(f"{API}/{missing}/restore", headers=world.owner), 404)
    body = assert_problem(await client.delete(f"{API}/bad-id", headers=world.owner), 422)
    assert error_fields(body) == ["path.animal_id"]
