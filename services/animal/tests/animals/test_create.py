"""POST /animals: display ids, plan limits, placement, bad input, the outbox and the matrix."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Animal, Enclosure
from reptidex_common.models.animal_enums import Sex
from reptidex_common.models.outbox import OUTBOX_MODELS

from .world import WRITE, World, assert_problem, count_animals, error_fields, matrix, ok_as

API = "/api/v1/animals"
AnimalFactory = Callable[..., Any]
Outbox = OUTBOX_MODELS["animal"]


def _new(world: World, species: Any, **fields: Any) -> dict[str, Any]:
    return {"vivarium_id": str(world.vivarium.id), "species_id": str(species.id), **fields}


async def _coi_events(db_session: AsyncSession) -> list[dict[str, Any]]:
    rows = await db_session.scalars(
        select(Outbox.payload).where(Outbox.task_name == "animal.lineage.recompute_coi")
    )
    return list(rows)


async def test_create_numbers_from_the_default_template(
    client: httpx.AsyncClient, world: World, species: Any
) -> None:
    prefix = species.species.code_prefix
    first = await client.post(
        API,
        json=_new(
            world, species, name="Nova", sex="female", morph="Pastel Clown", hatch_date="2023-06-01"
        ),
        headers=world.owner,
    )
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["display_id"] == f"{prefix}-001"
    assert uuid.UUID(body["id"])
    assert body["name"] == "Nova"
    assert body["sex"] == "female"
    assert body["status"] == "active"
    assert body["visibility"] == "private"
    assert body["sire"] is None
    assert body["dam"] is None
    assert body["genotype"] == []
    assert body["coi"] is None
    assert body["coi_generations"] is None
    second = await client.post(API, json=_new(world, species), headers=world.owner)
    assert second.json()["display_id"] == f"{prefix}-002"


async def test_create_with_a_custom_template(
    client: httpx.AsyncClient, world: World, species: Any, db_session: AsyncSession
) -> None:
    world.vivarium.settings = {"animal_id_template": "{SPECIES}{YY}-{SEQ:04}"}
    await db_session.flush()
    prefix = species.species.code_prefix
    response = await client.post(
        API, json=_new(world, species, hatch_date="2024-05-01"), headers=world.owner
    )
    assert response.status_code == 201, response.text
    assert response.json()["display_id"] == f"{prefix}24-0001"
    again = await client.post(
        API, json=_new(world, species, hatch_date="2024-07-01"), headers=world.owner
    )
    assert again.json()["display_id"] == f"{prefix}24-0002"


async def test_manual_display_id_is_unique_per_vivarium(
    client: httpx.AsyncClient, world: World, species: Any, db_session: AsyncSession
) -> None:
    prefix = species.species.code_prefix
    manual = await client.post(
        API, json=_new(world, species, display_id=f" {prefix}-002 "), headers=world.owner
    )
    assert manual.status_code == 201, manual.text
    assert manual.json()["display_id"] == f"{prefix}-002"
    before = await count_animals(db_session)
    clash = await client.post(
        API, json=_new(world, species, display_id=f"{prefix}-002"), headers=world.owner
    )
    assert assert_problem(clash, 409)["type"].endswith("display-id-taken")
    assert await count_animals(db_session) == before
    # Generated numbers step over the hand-assigned one.
    generated = [
        (await client.post(API, json=_new(world, species), headers=world.owner)).json()[
            "display_id"
        ]
        for _ in range(2)
    ]
    assert generated == [f"{prefix}-001", f"{prefix}-003"]
    # Another vivarium may use the same id.
    elsewhere = await client.post(
        API,
        json={
            **_new(world, species, display_id=f"{prefix}-002"),
            "vivarium_id": str(world.other.id),
        },
        headers=world.headers("outsider"),
    )
    assert elsewhere.status_code == 201


async def test_manual_display_ids_compare_in_nfc(
    client: httpx.AsyncClient, world: World, species: Any, db_session: AsyncSession
) -> None:
    """A decomposed `é` is the same id as a composed one, not a look-alike second id."""
    composed = await client.post(
        API, json=_new(world, species, display_id="Caf\u00e9-1"), headers=world.owner
    )
    assert composed.status_code == 201, composed.text
    before = await count_animals(db_session)
    decomposed = await client.post(
        API, json=_new(world, species, display_id="Cafe\u0301-1"), headers=world.owner
    )
    assert assert_problem(decomposed, 409)["type"].endswith("display-id-taken")
    assert await count_animals(db_session) == before


async def test_plan_limit_counts_unarchived_animals(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
) -> None:
    world.vivarium.entitlement_overrides = {"max_animals": 2}
    await make_animal(world.vivarium, species)
    archived = await make_animal(world.vivarium, species, archived_at=datetime.now(UTC))
    await db_session.flush()
    assert (
        await client.post(API, json=_new(world, species), headers=world.owner)
    ).status_code == 201
    before = await count_animals(db_session)
    refused = await client.post(API, json=_new(world, species), headers=world.owner)
    body = assert_problem(refused, 402)
    assert "allows 2 animals" in body["detail"]
    assert body["limit"] == 2
    assert body["current"] == 2
    assert await count_animals(db_session) == before
    # Restoring an archived animal counts too.
    assert_problem(await client.post(f"{API}/{archived.id}/restore", headers=world.owner), 402)


async def test_enclosure_and_clutch_must_be_the_vivariums_own(
    client: httpx.AsyncClient, world: World, species: Any, db_session: AsyncSession
) -> None:
    mine = Enclosure(vivarium_id=world.vivarium.id, name="Rack A1")
    theirs = Enclosure(vivarium_id=world.other.id, name="Rack B1")
    db_session.add_all([mine, theirs])
    await db_session.flush()
    ok = await client.post(
        API, json=_new(world, species, enclosure_id=str(mine.id)), headers=world.owner
    )
    assert ok.status_code == 201
    assert ok.json()["enclosure_id"] == str(mine.id)
    body = assert_problem(
        await client.post(
            API, json=_new(world, species, enclosure_id=str(theirs.id)), headers=world.owner
        ),
        422,
    )
    assert error_fields(body) == ["enclosure_id"]
    body = assert_problem(
        await client.post(
            API, json=_new(world, species, clutch_id=str(uuid.uuid4())), headers=world.owner
        ),
        422,
    )
    assert error_fields(body) == ["clutch_id"]


async def test_unknown_species_is_422(client: httpx.AsyncClient, world: World) -> None:
    payload = {"vivarium_id": str(world.vivarium.id), "species_id": str(uuid.uuid4())}
    body = assert_problem(await client.post(API, json=payload, headers=world.owner), 422)
    assert error_fields(body) == ["species_id"]


async def test_all_fields_round_trip(client: httpx.AsyncClient, world: World, species: Any) -> None:
    payload = _new(
        world,
        species,
        name="Bishop",
        sex="male",
        hatch_date="2021-08-14",
        status="holdback",
        visibility="public",
        morph="Mojave Lesser (BEL het Clown)",
        microchip="985141000123456",
        acquisition_date="2021-11-01",
        acquisition_source="Reptile expo Hamm",
        acquisition_price_cents=25000,
        acquisition_currency="EUR",
        disposal_reason=None,
        feeding_interval_days=12,
        notes="Calm; takes f/t rats.",
    )
    response = await client.post(API, json=payload, headers=world.owner)
    assert response.status_code == 201, response.text
    body = response.json()
    for field in ("name", "sex", "hatch_date", "status", "visibility", "morph", "microchip",
                  "acquisition_date", "acquisition_source", "acquisition_price_cents",
                  "acquisition_currency", "feeding_interval_days", "notes"):  # fmt: skip
        assert body[field] == payload[field], field
    read = await client.get(f"{API}/{body['id']}", headers=world.owner)
    assert read.json() == body


FUTURE = (date.today() + timedelta(days=7)).isoformat()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"vivarium_id": "not-a-uuid"}, "body.vivarium_id"),
        ({"species_id": "123"}, "body.species_id"),
        ({"sire_id": "nope"}, "body.sire_id"),
        ({"sex": "hermaphrodite"}, "body.sex"),
        ({"status": "lost"}, "body.status"),
        ({"visibility": "secret"}, "body.visibility"),
        ({"name": "x" * 121}, "body.name"),
        ({"morph": "m" * 201}, "body.morph"),
        ({"microchip": "9" * 41}, "body.microchip"),
        ({"display_id": "D" * 41}, "body.display_id"),
        ({"display_id": "   "}, "body.display_id"),
        # Invisible characters: zero-width space, bidi override, BOM, no-break space.
        ({"display_id": "CR-001\u200b"}, "body.display_id"),
        ({"display_id": "CR-\u202e100"}, "body.display_id"),
        ({"display_id": "\ufeffCR-001"}, "body.display_id"),
        ({"display_id": "CR\u00a0001"}, "body.display_id"),
        ({"hatch_date": FUTURE}, "body.hatch_date"),
        ({"hatch_date": "2023-02-30"}, "body.hatch_date"),
        ({"acquisition_currency": "eur"}, "body.acquisition_currency"),
        ({"acquisition_price_cents": -1}, "body.acquisition_price_cents"),
        ({"feeding_interval_days": 0}, "body.feeding_interval_days"),
        ({"colour": "yellow"}, "body.colour"),
    ],
)
async def test_bad_input_is_422_and_writes_nothing(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    db_session: AsyncSession,
    fields: dict[str, Any],
    field: str,
) -> None:
    before = await count_animals(db_session)
    response = await client.post(API, json=_new(world, species, **fields), headers=world.owner)
    body = assert_problem(response, 422)
    assert field in error_fields(body)
    assert await count_animals(db_session) == before


async def test_outbox_event_only_when_parents_are_set(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
) -> None:
    sire = await make_animal(world.vivarium, species, sex=Sex.male)
    await client.post(API, json=_new(world, species), headers=world.owner)
    assert await _coi_events(db_session) == []
    child = await client.post(
        API, json=_new(world, species, sire_id=str(sire.id)), headers=world.owner
    )
    assert child.status_code == 201
    assert await _coi_events(db_session) == [{"animal_id": child.json()["id"]}]


@matrix(ok_as(201, WRITE))
async def test_create_matrix(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    db_session: AsyncSession,
    actor: str,
    status: int,
) -> None:
    before = await count_animals(db_session)
    response = await client.post(API, json=_new(world, species), headers=world.headers(actor))
    assert response.status_code == status, response.text
    if status != 201:
        assert_problem(response, status)
        assert await count_animals(db_session) == before
    else:
        created = await db_session.get(Animal, uuid.UUID(response.json()["id"]))
        assert created is not None
        assert created.created_by_id == world.user_of(actor).id
