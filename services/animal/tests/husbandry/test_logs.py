"""Husbandry logs through HTTP: every kind, validation, listing, deleting, weights."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Animal, HusbandryLog

from ..conftest import AnimalFactory
from ..conftest import SpeciesFixture as SpeciesFixture
from .world import HANDLER_UP, READERS, World, assert_problem, matrix, ok_as


@pytest.fixture
async def animal(world: World, species: SpeciesFixture, make_animal: AnimalFactory) -> Animal:
    return await make_animal(world.vivarium, species, name="Nova")


def logs_url(animal: Animal | uuid.UUID) -> str:
    animal_id = animal.id if isinstance(animal, Animal) else animal
    return f"/api/v1/animals/{animal_id}/logs"


async def count_logs(db_session: AsyncSession, animal: Animal | None = None) -> int:
    statement = select(func.count()).select_from(HusbandryLog)
    if animal is not None:
        statement = statement.where(HusbandryLog.animal_id == animal.id)
    return int(await db_session.scalar(statement) or 0)


VALID_BODIES: list[tuple[dict[str, Any], dict[str, Any]]] = [
    (
        {"kind": "feeding", "prey_type": "rat", "prey_size": "small", "outcome": "accepted"},
        {"prey_type": "rat", "prey_size": "small", "prey_count": 1, "feeding_outcome": "accepted"},
    ),
    (
        {"kind": "feeding", "prey_type": "mouse", "prey_count": 2, "outcome": "refused"},
        {"prey_count": 2, "feeding_outcome": "refused", "prey_size": None},
    ),
    ({"kind": "weight", "grams": 1234.567, "length_cm": 120.04}, {"weight_grams": 1234.57, "length_cm": 120.0}),
    ({"kind": "shed", "complete": False}, {"shed_complete": False}),
    (
        {"kind": "health", "details": {"stool": "normal"}, "notes": "Bright and alert"},
        {"details": {"stool": "normal"}, "notes": "Bright and alert"},
    ),
    ({"kind": "vet", "details": {"clinic": "Exotics"}, "notes": "Fecal clear"}, {"details": {"clinic": "Exotics"}}),
    (
        {"kind": "medication", "drug": "Baytril", "dose": "0.1 ml", "route": "oral", "course_days": 10},
        {"details": {"drug": "Baytril", "dose": "0.1 ml", "route": "oral", "course_days": 10}},
    ),
    ({"kind": "medication", "drug": "Panacur", "dose": "50 mg/kg"}, {"details": {"drug": "Panacur", "dose": "50 mg/kg"}}),
    ({"kind": "cleaning"}, {"notes": None}),
    ({"kind": "note", "notes": "Moved to a bigger tub"}, {"notes": "Moved to a bigger tub"}),
]  # fmt: skip


@pytest.mark.parametrize(("body", "expected"), VALID_BODIES)
async def test_each_kind_is_logged_with_its_fields(
    client: httpx.AsyncClient,
    world: World,
    animal: Animal,
    body: dict[str, Any],
    expected: dict[str, Any],
) -> None:
    response = await client.post(logs_url(animal), json=body, headers=world.headers("handler"))
    assert response.status_code == 201, response.text
    log = response.json()
    assert log["kind"] == body["kind"]
    assert log["animal_id"] == str(animal.id)
    assert log["vivarium_id"] == str(world.vivarium.id)
    assert log["logged_by_id"] == str(world.users["handler"].id)
    for key, value in expected.items():
        assert log[key] == value, key
    # occurred_at defaults to now
    occurred = datetime.fromisoformat(log["occurred_at"])
    assert abs(datetime.now(UTC) - occurred) < timedelta(minutes=1)


INVALID_BODIES: list[tuple[dict[str, Any], str]] = [
    ({"kind": "feeding", "outcome": "accepted"}, "prey_type"),
    ({"kind": "feeding", "prey_type": "rat", "outcome": "ate_half"}, "outcome"),
    ({"kind": "feeding", "prey_type": "rat", "outcome": "accepted", "prey_count": 0}, "prey_count"),
    ({"kind": "feeding", "prey_type": "", "outcome": "accepted"}, "prey_type"),
    ({"kind": "weight"}, "grams"),
    ({"kind": "weight", "grams": 0}, "grams"),
    ({"kind": "weight", "grams": -5}, "grams"),
    ({"kind": "weight", "grams": 50, "length_cm": -1}, "length_cm"),
    ({"kind": "weight", "grams": 50, "prey_type": "rat"}, "prey_type"),
    ({"kind": "shed"}, "complete"),
    ({"kind": "health", "details": {}}, "notes"),
    ({"kind": "vet", "details": "sick"}, "details"),
    ({"kind": "medication", "drug": "Baytril"}, "dose"),
    ({"kind": "medication", "drug": "Baytril", "dose": "1", "course_days": 0}, "course_days"),
    ({"kind": "note"}, "notes"),
    ({"kind": "cleaning", "grams": 3}, "grams"),
    ({"kind": "dance"}, "kind"),
    ({"prey_type": "rat"}, "kind"),
    ({"kind": "note", "notes": "x", "occurred_at": "2024-01-01T10:00:00"}, "occurred_at"),
    ({"kind": "note", "notes": "x", "occurred_at": "yesterday"}, "occurred_at"),
]


@pytest.mark.parametrize(("body", "field"), INVALID_BODIES)
async def test_invalid_bodies_are_422_and_write_nothing(
    client: httpx.AsyncClient,
    world: World,
    animal: Animal,
    db_session: AsyncSession,
    body: dict[str, Any],
    field: str,
) -> None:
    response = await client.post(logs_url(animal), json=body, headers=world.headers("owner"))
    problem = assert_problem(response, 422)
    # A bad or missing `kind` is reported on the body, naming the discriminator.
    assert any(
        field in error["field"] or f"'{field}'" in error["message"] for error in problem["errors"]
    ), problem
    assert await count_logs(db_session, animal) == 0


async def test_occurred_at_may_be_past_but_not_future(
    client: httpx.AsyncClient, world: World, animal: Animal, db_session: AsyncSession
) -> None:
    past = datetime(2024, 3, 1, 18, 30, tzinfo=UTC)
    response = await client.post(
        logs_url(animal),
        json={"kind": "shed", "complete": True, "occurred_at": past.isoformat()},
        headers=world.headers("owner"),
    )
    assert response.status_code == 201, response.text
    assert datetime.fromisoformat(response.json()["occurred_at"]) == past

    slightly_ahead = datetime.now(UTC) + timedelta(minutes=2)  # phone clocks drift
    response = await client.post(
        logs_url(animal),
        json={"kind": "shed", "complete": True, "occurred_at": slightly_ahead.isoformat()},
        headers=world.headers("owner"),
    )
    assert response.status_code == 201, response.text

    tomorrow = datetime.now(UTC) + timedelta(hours=3)
    response = await client.post(
        logs_url(animal),
        json={"kind": "shed", "complete": True, "occurred_at": tomorrow.isoformat()},
        headers=world.headers("owner"),
    )
    problem = assert_problem(response, 422)
    assert problem["errors"][0]["field"].endswith("occurred_at")
    assert await count_logs(db_session, animal) == 2


async def test_archived_animal_is_read_only(
    client: httpx.AsyncClient, world: World, species: SpeciesFixture, make_animal: AnimalFactory
) -> None:
    archived = await make_animal(world.vivarium, species, archived_at=datetime.now(UTC))
    response = await client.post(
        logs_url(archived), json={"kind": "cleaning"}, headers=world.headers("owner")
    )
    assert_problem(response, 409)


async def test_unknown_animal_is_404(client: httpx.AsyncClient, world: World) -> None:
    response = await client.post(
        logs_url(uuid.uuid4()), json={"kind": "cleaning"}, headers=world.headers("owner")
    )
    assert_problem(response, 404)


@matrix(**ok_as(201, HANDLER_UP))
async def test_create_matrix(
    client: httpx.AsyncClient,
    world: World,
    animal: Animal,
    db_session: AsyncSession,
    actor: str,
    expected: int,
) -> None:
    response = await client.post(
        logs_url(animal), json={"kind": "cleaning"}, headers=world.headers(actor)
    )
    assert response.status_code == expected, response.text
    assert await count_logs(db_session, animal) == (1 if expected == 201 else 0)


@matrix(**READERS)
async def test_list_matrix(
    client: httpx.AsyncClient,
    world: World,
    animal: Animal,
    actor: str,
    expected: int,
) -> None:
    await client.post(logs_url(animal), json={"kind": "cleaning"}, headers=world.headers("owner"))
    response = await client.get(logs_url(animal), headers=world.headers(actor))
    assert response.status_code == expected, response.text
    if expected == 200:
        assert len(response.json()["items"]) == 1


async def post_log(
    client: httpx.AsyncClient, world: World, animal: Animal, body: dict[str, Any]
) -> dict[str, Any]:
    response = await client.post(logs_url(animal), json=body, headers=world.headers("owner"))
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def test_list_is_newest_first_with_filters_and_keyset_pages(
    client: httpx.AsyncClient, world: World, animal: Animal
) -> None:
    base = datetime(2025, 1, 1, 12, tzinfo=UTC)
    created = []
    # Logged out of order on purpose: the list follows occurred_at, not insertion.
    for day in (3, 1, 4, 2, 5):
        kind = {"kind": "weight", "grams": 100 + day} if day % 2 else {"kind": "cleaning"}
        body = {**kind, "occurred_at": (base + timedelta(days=day)).isoformat()}
        created.append(await post_log(client, world, animal, body))
    # Two at the same instant: the id breaks the tie, no row is skipped or repeated.
    same = (base + timedelta(days=3)).isoformat()
    created.append(
        await post_log(client, world, animal, {"kind": "note", "notes": "a", "occurred_at": same})
    )

    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = (
            await client.get(logs_url(animal), params=params, headers=world.headers("keeper"))
        ).json()
        seen.extend(item["occurred_at"] for item in page["items"])
        assert len(page["items"]) <= 2
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == 6
    assert seen == sorted(seen, reverse=True)

    weights = (
        await client.get(
            logs_url(animal), params={"kind": "weight"}, headers=world.headers("keeper")
        )
    ).json()["items"]
    assert [w["weight_grams"] for w in weights] == [105, 103, 101]

    window = (
        await client.get(
            logs_url(animal),
            params={
                "since": (base + timedelta(days=2)).isoformat(),
                "until": (base + timedelta(days=4)).isoformat(),
            },
            headers=world.headers("keeper"),
        )
    ).json()["items"]
    assert len(window) == 3  # day 2, day 3 and the note at day 3; day 4 is excluded

    bad = await client.get(
        logs_url(animal), params={"cursor": "not-a-cursor"}, headers=world.headers("keeper")
    )
    assert_problem(bad, 422)
    bad = await client.get(
        logs_url(animal), params={"kind": "dance"}, headers=world.headers("keeper")
    )
    assert_problem(bad, 422)
    bad = await client.get(
        logs_url(animal), params={"limit": 1000}, headers=world.headers("keeper")
    )
    assert_problem(bad, 422)


@matrix(**ok_as(204, HANDLER_UP))
async def test_delete_matrix(
    client: httpx.AsyncClient,
    world: World,
    animal: Animal,
    db_session: AsyncSession,
    actor: str,
    expected: int,
) -> None:
    log = await post_log(client, world, animal, {"kind": "cleaning"})
    response = await client.delete(f"/api/v1/logs/{log['id']}", headers=world.headers(actor))
    assert response.status_code == expected, response.text
    assert await count_logs(db_session, animal) == (0 if expected == 204 else 1)


async def test_delete_unknown_log_is_404_and_earlier_keepers_history_is_read_only(
    client: httpx.AsyncClient, world: World, animal: Animal, db_session: AsyncSession
) -> None:
    assert_problem(
        await client.delete(f"/api/v1/logs/{uuid.uuid4()}", headers=world.headers("owner")), 404
    )
    # A log written while the animal lived elsewhere (before a transfer) stays as history.
    earlier = HusbandryLog(
        animal_id=animal.id,
        vivarium_id=world.other.id,
        kind="note",
        occurred_at=datetime(2024, 1, 1, tzinfo=UTC),
        notes="From the breeder",
        details={},
    )
    db_session.add(earlier)
    await db_session.flush()
    response = await client.delete(f"/api/v1/logs/{earlier.id}", headers=world.headers("owner"))
    assert_problem(response, 409)
    # The previous keeper no longer sees the animal at all.
    response = await client.delete(f"/api/v1/logs/{earlier.id}", headers=world.headers("outsider"))
    assert_problem(response, 404)
    # ...but the history is part of the animal's log for its current keeper.
    items = (await client.get(logs_url(animal), headers=world.headers("keeper"))).json()["items"]
    assert [i["notes"] for i in items] == ["From the breeder"]


@matrix(**READERS)
async def test_weights_matrix_and_series(
    client: httpx.AsyncClient, world: World, animal: Animal, actor: str, expected: int
) -> None:
    base = datetime(2025, 2, 1, tzinfo=UTC)
    for day, grams in ((10, 80.5), (0, 60), (20, 95)):
        await post_log(
            client,
            world,
            animal,
            {
                "kind": "weight",
                "grams": grams,
                "occurred_at": (base + timedelta(days=day)).isoformat(),
            },
        )
    await post_log(client, world, animal, {"kind": "cleaning"})
    response = await client.get(
        f"/api/v1/animals/{animal.id}/weights", headers=world.headers(actor)
    )
    assert response.status_code == expected, response.text
    if expected == 200:
        points = response.json()["points"]
        assert [p["grams"] for p in points] == [60, 80.5, 95]
        assert points[0]["occurred_at"] < points[1]["occurred_at"] < points[2]["occurred_at"]
