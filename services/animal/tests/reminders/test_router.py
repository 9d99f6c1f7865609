"""Reminders and due notifications through HTTP."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import DueNotification, Enclosure, Reminder

from ..conftest import AnimalFactory
from ..conftest import SpeciesFixture as SpeciesFixture
from ..husbandry.world import HANDLER_UP, READERS, World, assert_problem, matrix, ok_as

DUE = (datetime.now(UTC) + timedelta(days=1)).replace(microsecond=0).isoformat()


async def make_reminder(db_session: AsyncSession, world: World, **fields: Any) -> Reminder:
    reminder = Reminder(
        vivarium_id=world.vivarium.id,
        title=fields.pop("title", "Change water"),
        next_due_at=fields.pop("next_due_at", datetime.now(UTC) + timedelta(days=1)),
        **fields,
    )
    db_session.add(reminder)
    await db_session.flush()
    return reminder


async def count(db_session: AsyncSession, model: type[Any]) -> int:
    return int(await db_session.scalar(select(func.count()).select_from(model)) or 0)


async def test_create_for_animal_enclosure_or_vivarium(
    client: httpx.AsyncClient,
    world: World,
    species: SpeciesFixture,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
) -> None:
    animal = await make_animal(world.vivarium, species)
    enclosure = Enclosure(vivarium_id=world.vivarium.id, name="Rack A")
    db_session.add(enclosure)
    await db_session.flush()
    bodies: list[dict[str, Any]] = [
        {"title": "Worm", "animal_id": str(animal.id), "kind": "medication", "interval_days": 90, "next_due_at": DUE},
        {"title": "Deep clean", "enclosure_id": str(enclosure.id), "kind": "cleaning", "interval_days": 30, "next_due_at": DUE},
        {"title": "Order rats", "next_due_at": DUE},
    ]  # fmt: skip
    for body in bodies:
        response = await client.post(
            f"{world.url}/reminders", json=body, headers=world.headers("handler")
        )
        assert response.status_code == 201, response.text
        created = response.json()
        assert created["active"] is True
        assert created["created_by_id"] == str(world.users["handler"].id)
        assert created["title"] == body["title"]
    listed = (await client.get(f"{world.url}/reminders", headers=world.headers("keeper"))).json()
    assert [r["title"] for r in listed["items"]] == ["Order rats", "Deep clean", "Worm"]
    by_animal = (
        await client.get(
            f"{world.url}/reminders",
            params={"animal_id": str(animal.id)},
            headers=world.headers("keeper"),
        )
    ).json()
    assert [r["title"] for r in by_animal["items"]] == ["Worm"]


@pytest.mark.parametrize(
    "body",
    [
        {"next_due_at": DUE},
        {"title": "", "next_due_at": DUE},
        {"title": "x"},
        {"title": "x", "next_due_at": "2025-01-01T10:00:00"},
        {"title": "x", "next_due_at": DUE, "interval_days": 0},
        {"title": "x", "next_due_at": DUE, "kind": "dance"},
        {
            "title": "x",
            "next_due_at": DUE,
            "animal_id": str(uuid.uuid4()),
            "enclosure_id": str(uuid.uuid4()),
        },
        {"title": "x", "next_due_at": DUE, "animal_id": str(uuid.uuid4())},
        {"title": "x", "next_due_at": DUE, "enclosure_id": str(uuid.uuid4())},
        {"title": "x", "next_due_at": DUE, "colour": "red"},
    ],
)
async def test_bad_reminders_are_422_and_write_nothing(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, body: dict[str, Any]
) -> None:
    response = await client.post(
        f"{world.url}/reminders", json=body, headers=world.headers("owner")
    )
    assert_problem(response, 422)
    assert await count(db_session, Reminder) == 0


async def test_animal_of_another_vivarium_is_refused(
    client: httpx.AsyncClient, world: World, species: SpeciesFixture, make_animal: AnimalFactory
) -> None:
    foreign = await make_animal(world.other, species)
    body = {"title": "x", "next_due_at": DUE, "animal_id": str(foreign.id)}
    problem = assert_problem(
        await client.post(f"{world.url}/reminders", json=body, headers=world.headers("owner")), 422
    )
    assert problem["errors"][0]["field"] == "body.animal_id"


@matrix(**ok_as(201, HANDLER_UP))
async def test_create_matrix(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, actor: str, expected: int
) -> None:
    body = {"title": "Mist", "next_due_at": DUE, "interval_days": 1}
    response = await client.post(f"{world.url}/reminders", json=body, headers=world.headers(actor))
    assert response.status_code == expected, response.text
    assert await count(db_session, Reminder) == (1 if expected == 201 else 0)


@matrix(**READERS)
async def test_list_and_read_matrix(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, actor: str, expected: int
) -> None:
    reminder = await make_reminder(db_session, world)
    response = await client.get(f"{world.url}/reminders", headers=world.headers(actor))
    assert response.status_code == expected, response.text
    response = await client.get(f"/api/v1/reminders/{reminder.id}", headers=world.headers(actor))
    assert response.status_code == expected, response.text


@matrix(**HANDLER_UP)
async def test_update_matrix(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, actor: str, expected: int
) -> None:
    reminder = await make_reminder(db_session, world, interval_days=7)
    response = await client.patch(
        f"/api/v1/reminders/{reminder.id}",
        json={"title": "Change water bowls", "interval_days": None, "active": False},
        headers=world.headers(actor),
    )
    assert response.status_code == expected, response.text
    await db_session.refresh(reminder)
    if expected == 200:
        assert (reminder.title, reminder.interval_days, reminder.active) == (
            "Change water bowls",
            None,
            False,
        )
    else:
        assert (reminder.title, reminder.interval_days, reminder.active) == (
            "Change water",
            7,
            True,
        )


@pytest.mark.parametrize(
    "body",
    [
        {"title": None},
        {"next_due_at": None},
        {"active": None},
        {"interval_days": -1},
        {"vivarium_id": "x"},
    ],
)
async def test_bad_updates_are_422(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, body: dict[str, Any]
) -> None:
    reminder = await make_reminder(db_session, world)
    response = await client.patch(
        f"/api/v1/reminders/{reminder.id}", json=body, headers=world.headers("owner")
    )
    assert_problem(response, 422)


@matrix(**ok_as(204, HANDLER_UP))
async def test_delete_matrix(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, actor: str, expected: int
) -> None:
    reminder = await make_reminder(db_session, world)
    response = await client.delete(f"/api/v1/reminders/{reminder.id}", headers=world.headers(actor))
    assert response.status_code == expected, response.text
    assert await count(db_session, Reminder) == (0 if expected == 204 else 1)


async def test_unknown_reminder_is_404(client: httpx.AsyncClient, world: World) -> None:
    for method in ("GET", "PATCH", "DELETE"):
        response = await client.request(
            method,
            f"/api/v1/reminders/{uuid.uuid4()}",
            json={"title": "x"},
            headers=world.headers("owner"),
        )
        assert_problem(response, 404)


async def notifications(
    db_session: AsyncSession, world: World, n: int, acked: set[int]
) -> list[DueNotification]:
    reminder = await make_reminder(db_session, world)
    base = datetime(2025, 1, 1, tzinfo=UTC)
    rows = []
    for i in range(n):
        row = DueNotification(
            reminder_id=reminder.id, vivarium_id=world.vivarium.id, title=f"N{i}",
            due_at=base + timedelta(days=i), acknowledged_at=base if i in acked else None,
        )  # fmt: skip
        db_session.add(row)
        await db_session.flush()
        rows.append(row)
    return rows


async def test_due_notifications_unacknowledged_first_in_keyset_pages(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    await notifications(db_session, world, 7, acked={0, 2, 5})
    titles: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = (
            await client.get(
                f"{world.url}/due-notifications", params=params, headers=world.headers("keeper")
            )
        ).json()
        titles += [n["title"] for n in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert titles == ["N6", "N4", "N3", "N1", "N5", "N2", "N0"]
    open_only = (
        await client.get(
            f"{world.url}/due-notifications",
            params={"acknowledged": "false"},
            headers=world.headers("keeper"),
        )
    ).json()
    assert [n["title"] for n in open_only["items"]] == ["N6", "N4", "N3", "N1"]
    bad = await client.get(
        f"{world.url}/due-notifications", params={"cursor": "abc"}, headers=world.headers("keeper")
    )
    assert_problem(bad, 422)


@matrix(**READERS)
async def test_due_notifications_list_matrix(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, actor: str, expected: int
) -> None:
    await notifications(db_session, world, 1, acked=set())
    response = await client.get(f"{world.url}/due-notifications", headers=world.headers(actor))
    assert response.status_code == expected, response.text


@matrix(**HANDLER_UP)
async def test_acknowledge_matrix(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, actor: str, expected: int
) -> None:
    [row] = await notifications(db_session, world, 1, acked=set())
    url = f"/api/v1/due-notifications/{row.id}/acknowledge"
    response = await client.post(url, headers=world.headers(actor))
    assert response.status_code == expected, response.text
    await db_session.refresh(row)
    assert (row.acknowledged_at is not None) == (expected == 200)
    if expected == 200:
        first = response.json()["acknowledged_at"]
        again = await client.post(url, headers=world.headers(actor))
        assert again.json()["acknowledged_at"] == first  # idempotent


async def test_acknowledge_unknown_is_404(client: httpx.AsyncClient, world: World) -> None:
    response = await client.post(
        f"/api/v1/due-notifications/{uuid.uuid4()}/acknowledge", headers=world.headers("owner")
    )
    assert_problem(response, 404)
