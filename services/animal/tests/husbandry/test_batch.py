"""Batch logging: many animals in one request, all or nothing."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from reptidex_common.models.animal import Animal, HusbandryLog
from reptidex_common.models.enums import VivariumRole

from ..conftest import AnimalFactory
from ..conftest import SpeciesFixture as SpeciesFixture
from .world import World, assert_problem, matrix

BATCH_URL = "/api/v1/logs/batch"


@pytest.fixture
async def rack(world: World, species: SpeciesFixture, make_animal: AnimalFactory) -> list[Animal]:
    return [await make_animal(world.vivarium, species) for _ in range(5)]


async def count_logs(db_session: AsyncSession) -> int:
    return int(await db_session.scalar(select(func.count()).select_from(HusbandryLog)) or 0)


async def test_shared_log_for_many_animals(
    client: httpx.AsyncClient, world: World, rack: list[Animal], db_session: AsyncSession
) -> None:
    body = {
        "animal_ids": [str(a.id) for a in rack],
        "log": {
            "kind": "feeding",
            "prey_type": "rat",
            "prey_size": "weaned",
            "outcome": "accepted",
        },
    }
    response = await client.post(BATCH_URL, json=body, headers=world.headers("handler"))
    assert response.status_code == 201, response.text
    result = response.json()
    assert result["created"] == 5
    # In request order, so the client can match results to rows on screen.
    assert [item["animal_id"] for item in result["items"]] == [str(a.id) for a in rack]
    assert {item["prey_size"] for item in result["items"]} == {"weaned"}
    assert len({item["occurred_at"] for item in result["items"]}) == 1
    assert await count_logs(db_session) == 5


async def test_entries_of_mixed_kinds(
    client: httpx.AsyncClient, world: World, rack: list[Animal], db_session: AsyncSession
) -> None:
    entries = [
        {"animal_id": str(rack[0].id), "kind": "feeding", "prey_type": "mouse", "outcome": "refused"},
        {"animal_id": str(rack[1].id), "kind": "weight", "grams": 412.5},
        {"animal_id": str(rack[1].id), "kind": "shed", "complete": True},
        {"animal_id": str(rack[2].id), "kind": "note", "notes": "Pre-lay shed"},
    ]  # fmt: skip
    response = await client.post(
        BATCH_URL, json={"entries": entries}, headers=world.headers("owner")
    )
    assert response.status_code == 201, response.text
    items = response.json()["items"]
    assert [i["kind"] for i in items] == ["feeding", "weight", "shed", "note"]
    assert items[1]["weight_grams"] == 412.5
    assert await count_logs(db_session) == 4


async def test_one_bad_entry_writes_nothing_and_every_bad_index_is_reported(
    client: httpx.AsyncClient,
    world: World,
    rack: list[Animal],
    species: SpeciesFixture,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
) -> None:
    foreign = await make_animal(world.other, species)
    archived = await make_animal(world.vivarium, species, archived_at=datetime.now(UTC))
    ids = [rack[0].id, uuid.uuid4(), rack[1].id, foreign.id, archived.id, rack[2].id]
    body = {"animal_ids": [str(i) for i in ids], "log": {"kind": "cleaning"}}
    response = await client.post(BATCH_URL, json=body, headers=world.headers("owner"))
    problem = assert_problem(response, 422)
    assert [(e["index"], e["field"]) for e in problem["errors"]] == [
        (1, "animal_ids.1"),
        (3, "animal_ids.3"),
        (4, "animal_ids.4"),
    ]
    # A foreign animal reads exactly like a missing one.
    assert problem["errors"][0]["message"] == problem["errors"][1]["message"] == "Animal not found."
    assert "archived" in problem["errors"][2]["message"]
    assert await count_logs(db_session) == 0


async def test_invalid_entries_are_all_reported_by_index(
    client: httpx.AsyncClient, world: World, rack: list[Animal], db_session: AsyncSession
) -> None:
    entries = [
        {"animal_id": str(rack[0].id), "kind": "weight", "grams": 100},
        {"animal_id": str(rack[1].id), "kind": "weight", "grams": -1},
        {"animal_id": str(rack[2].id), "kind": "feeding", "outcome": "accepted"},
        {"animal_id": "not-a-uuid", "kind": "cleaning"},
        {"animal_id": str(rack[3].id), "kind": "cleaning"},
    ]
    response = await client.post(
        BATCH_URL, json={"entries": entries}, headers=world.headers("owner")
    )
    problem = assert_problem(response, 422)
    indexes = {int(e["field"].split(".")[2]) for e in problem["errors"]}
    assert indexes == {1, 2, 3}
    assert await count_logs(db_session) == 0


async def test_duplicate_ids_with_one_shared_log_are_rejected(
    client: httpx.AsyncClient, world: World, rack: list[Animal], db_session: AsyncSession
) -> None:
    body = {"animal_ids": [str(rack[0].id), str(rack[0].id)], "log": {"kind": "cleaning"}}
    problem = assert_problem(
        await client.post(BATCH_URL, json=body, headers=world.headers("owner")), 422
    )
    assert [e["index"] for e in problem["errors"]] == [1]
    assert await count_logs(db_session) == 0


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"entries": []},
        {"animal_ids": []},
        {"animal_ids": [str(uuid.uuid4())]},
        {"log": {"kind": "cleaning"}},
        {
            "entries": [{"animal_id": str(uuid.uuid4()), "kind": "cleaning"}],
            "log": {"kind": "cleaning"},
        },
        {"animal_ids": [str(uuid.uuid4())] * 501, "log": {"kind": "cleaning"}},
    ],
    ids=[
        "empty",
        "no-entries",
        "no-ids",
        "ids-without-log",
        "log-without-ids",
        "both-shapes",
        "too-many",
    ],
)
async def test_malformed_batches_are_422(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, body: dict[str, object]
) -> None:
    response = await client.post(BATCH_URL, json=body, headers=world.headers("owner"))
    assert_problem(response, 422)
    assert await count_logs(db_session) == 0


async def test_batch_cap_is_explained(client: httpx.AsyncClient, world: World) -> None:
    body = {"animal_ids": [str(uuid.uuid4()) for _ in range(501)], "log": {"kind": "cleaning"}}
    problem = assert_problem(
        await client.post(BATCH_URL, json=body, headers=world.headers("owner")), 422
    )
    assert "500" in problem["detail"]


# Keepers and support may read only: every entry is refused; strangers see "not found".
BATCH_ROWS = {"owner": 201, "curator": 201, "handler": 201, "keeper": 422, "outsider": 422,
              "anonymous": 401, "admin": 201, "support": 422}  # fmt: skip


@matrix(**BATCH_ROWS)
async def test_batch_matrix(
    client: httpx.AsyncClient,
    world: World,
    rack: list[Animal],
    db_session: AsyncSession,
    actor: str,
    expected: int,
) -> None:
    body = {"animal_ids": [str(a.id) for a in rack[:2]], "log": {"kind": "cleaning"}}
    response = await client.post(BATCH_URL, json=body, headers=world.headers(actor))
    assert response.status_code == expected, response.text
    if expected == 422:
        messages = {e["message"] for e in response.json()["errors"]}
        assert messages == (
            {"Animal not found."}
            if actor == "outsider"
            else {"Logging needs the handler role or higher in the animal's vivarium."}
        )
    assert await count_logs(db_session) == (2 if expected == 201 else 0)


async def test_batch_spanning_vivariums_needs_the_role_in_each(
    client: httpx.AsyncClient,
    world: World,
    rack: list[Animal],
    species: SpeciesFixture,
    make_animal: AnimalFactory,
    make_vivarium: object,
    db_session: AsyncSession,
) -> None:
    second = await make_vivarium(  # type: ignore[operator]
        world.users["outsider"], members={world.users["handler"].id: VivariumRole.keeper}
    )
    elsewhere = await make_animal(second, species)
    body = {"animal_ids": [str(rack[0].id), str(elsewhere.id)], "log": {"kind": "cleaning"}}
    problem = assert_problem(
        await client.post(BATCH_URL, json=body, headers=world.headers("handler")), 422
    )
    assert [e["index"] for e in problem["errors"]] == [1]
    response = await client.post(BATCH_URL, json=body, headers=world.headers("admin"))
    assert response.status_code == 201
    assert {i["vivarium_id"] for i in response.json()["items"]} == {
        str(world.vivarium.id),
        str(second.id),
    }


async def test_a_large_batch_takes_a_fixed_number_of_statements(
    client: httpx.AsyncClient,
    world: World,
    species: SpeciesFixture,
    make_animal: AnimalFactory,
    db_engine_for_tests: AsyncEngine,
    db_session: AsyncSession,
) -> None:
    animals = [await make_animal(world.vivarium, species) for _ in range(120)]
    statements: list[str] = []

    def record(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(statement)

    event.listen(db_engine_for_tests.sync_engine, "before_cursor_execute", record)
    try:
        body = {"animal_ids": [str(a.id) for a in animals], "log": {"kind": "weight", "grams": 50}}
        response = await client.post(BATCH_URL, json=body, headers=world.headers("owner"))
    finally:
        event.remove(db_engine_for_tests.sync_engine, "before_cursor_execute", record)
    assert response.status_code == 201, response.text
    inserts = [s for s in statements if s.lstrip().upper().startswith("INSERT")]
    assert len(inserts) == 1
    assert len([s for s in statements if "FROM animal.animals" in s]) == 1
    assert await count_logs(db_session) == 120
