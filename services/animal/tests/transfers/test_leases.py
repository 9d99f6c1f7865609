"""Leases through HTTP, the return reminder sweep, the matrix."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.reminders.firing import fire_due_batch
from reptidex_common.models.animal import Animal, Lease, Reminder
from reptidex_common.models.animal_enums import AnimalStatus, LeaseStatus
from reptidex_common.models.core import Vivarium
from reptidex_common.models.outbox import OUTBOX_MODELS

from ..conftest import AnimalFactory
from ..conftest import SpeciesFixture as SpeciesFixture
from .conftest import Party
from .test_transfers import send
from .world import ANY_MEMBER, CURATOR_UP, World, assert_problem, matrix, ok_as

AnimalOutbox = OUTBOX_MODELS["animal"]
API = "/api/v1/leases"


async def lend(
    client: httpx.AsyncClient,
    animal: Animal,
    to: Vivarium,
    headers: dict[str, str],
    **extra: Any,
) -> httpx.Response:
    body = {
        "animal_id": str(animal.id),
        "borrower_vivarium_id": str(to.id),
        "start_date": date.today().isoformat(),
        **extra,
    }
    return await client.post(API, json=body, headers=headers)


async def active_lease(
    client: httpx.AsyncClient, animal: Animal, to: Vivarium, headers: dict[str, str], **extra: Any
) -> str:
    response = await lend(client, animal, to, headers, **extra)
    assert response.status_code == 201, response.text
    lease_id: str = response.json()["id"]
    return lease_id


async def test_lease_flow(
    client: httpx.AsyncClient, world: World, third: Party, species: SpeciesFixture,
    make_animal: AnimalFactory, db_session: AsyncSession,
) -> None:  # fmt: skip
    animal = await make_animal(world.vivarium, species, name="Loaner")
    end = (date.today() + timedelta(days=30)).isoformat()
    created = await lend(client, animal, third.vivarium, world.headers("curator"),
                         end_date=end, terms="Half the clutch")  # fmt: skip
    assert created.status_code == 201, created.text
    lease_id = created.json()["id"]
    assert created.json()["status"] == "active"
    await db_session.refresh(animal)
    assert animal.status is AnimalStatus.lease
    assert animal.vivarium_id == world.vivarium.id

    seen = await client.get(f"{API}/{lease_id}", headers=third.headers)
    assert seen.status_code == 200
    assert seen.json()["animal"]["name"] == "Loaner"
    leased_in = await client.get(
        f"/api/v1/vivariums/{third.vivarium.id}/leased-in", headers=third.headers
    )
    assert [x["id"] for x in leased_in.json()["items"]] == [lease_id]
    leased_out = await client.get(
        f"/api/v1/vivariums/{world.vivarium.id}/leased-out", headers=world.headers("keeper")
    )
    assert [x["id"] for x in leased_out.json()["items"]] == [lease_id]

    # Busy: no second lease, no transfer while on loan.
    assert_problem(await lend(client, animal, third.vivarium, world.headers("owner")), 409)
    assert_problem(await send(client, animal, third.vivarium, world.headers("owner")), 409)

    returned = await client.post(f"{API}/{lease_id}/return", headers=third.headers)
    assert returned.status_code == 200, returned.text
    assert returned.json()["status"] == "returned"
    await db_session.refresh(animal)
    assert animal.status is AnimalStatus.active
    after = await client.get(f"{API}/{lease_id}", headers=third.headers)
    assert after.json()["animal"] is None  # the borrower's view ends with the lease
    lender_view = await client.get(f"{API}/{lease_id}", headers=world.headers("keeper"))
    assert lender_view.json()["animal"]["id"] == str(animal.id)
    assert_problem(await client.post(f"{API}/{lease_id}/return", headers=third.headers), 409)
    events = await db_session.scalars(
        select(AnimalOutbox.task_name)
        .where(AnimalOutbox.payload["data"]["lease_id"].astext == lease_id)
        .order_by(AnimalOutbox.created_at, AnimalOutbox.id)
    )
    assert list(events) == ["animal.lease.started", "animal.lease.returned"]


async def test_return_reminder_fires_on_both_sides_and_stops_with_the_lease(
    client: httpx.AsyncClient, world: World, third: Party, species: SpeciesFixture,
    make_animal: AnimalFactory, db_session: AsyncSession,
) -> None:  # fmt: skip
    animal = await make_animal(world.vivarium, species, name="Loaner")
    end = date.today() + timedelta(days=20)
    lease_id = await active_lease(client, animal, third.vivarium, world.headers("owner"),
                                  end_date=end.isoformat())  # fmt: skip
    due = datetime.combine(end - timedelta(days=7), time(9, tzinfo=UTC))
    assert (await client.get(f"{API}/{lease_id}", headers=third.headers)).json()[
        "return_reminder_due_at"
    ] == due.isoformat().replace("+00:00", "Z")

    # The scheduler that fires every care reminder fires these: nothing three weeks out...
    assert await db_session.run_sync(lambda s: fire_due_batch(s, due - timedelta(days=1))) == 0
    await db_session.run_sync(lambda s: fire_due_batch(s, due))
    # ...then each side finds its own in its due notifications (what Today and the bell show).
    for party, text in ((third, "Return"), (None, "due back")):
        headers = party.headers if party else world.headers("keeper")
        vivarium = party.vivarium if party else world.vivarium
        listed = await client.get(
            f"/api/v1/vivariums/{vivarium.id}/due-notifications", headers=headers
        )
        assert listed.status_code == 200, listed.text
        [notification] = listed.json()["items"]
        assert text in notification["title"]
        assert animal.display_id in notification["title"]

    # Ending the lease stops the reminders on both sides.
    end_later = date.today() + timedelta(days=40)
    other = await make_animal(world.vivarium, species)
    other_lease = await active_lease(client, other, third.vivarium, world.headers("owner"),
                                     end_date=end_later.isoformat())  # fmt: skip
    assert (await client.post(f"{API}/{other_lease}/return", headers=third.headers)).is_success
    reminders = (
        await db_session.scalars(
            select(Reminder).where(Reminder.lease_id == uuid.UUID(other_lease))
        )
    ).all()
    assert len(reminders) == 2
    assert not any(r.active for r in reminders)


async def test_only_active_animals_can_be_leased_and_dates_must_make_sense(
    client: httpx.AsyncClient, world: World, third: Party, species: SpeciesFixture,
    make_animal: AnimalFactory, db_session: AsyncSession,
) -> None:  # fmt: skip
    sold = await make_animal(world.vivarium, species, status=AnimalStatus.sold)
    assert_problem(await lend(client, sold, third.vivarium, world.headers("owner")), 409)
    animal = await make_animal(world.vivarium, species)
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    assert_problem(await lend(client, animal, third.vivarium, world.headers("owner"),
                              end_date=yesterday), 422)  # fmt: skip
    assert_problem(await lend(client, animal, world.vivarium, world.headers("owner")), 422)
    assert (await db_session.scalars(select(Lease).where(Lease.animal_id == animal.id))).all() == []
    await db_session.refresh(animal)
    assert animal.status is AnimalStatus.active


@matrix(ok_as(201, CURATOR_UP))
async def test_create_matrix(
    client: httpx.AsyncClient, world: World, third: Party, species: SpeciesFixture,
    make_animal: AnimalFactory, db_session: AsyncSession, actor: str, expected: int,
) -> None:  # fmt: skip
    animal = await make_animal(world.vivarium, species)
    response = await lend(client, animal, third.vivarium, world.headers(actor))
    assert response.status_code == expected, response.text
    written = (await db_session.scalars(select(Lease).where(Lease.animal_id == animal.id))).all()
    assert len(written) == (1 if expected == 201 else 0)


@matrix(ANY_MEMBER)
async def test_get_matrix(
    client: httpx.AsyncClient, world: World, third: Party, species: SpeciesFixture,
    make_animal: AnimalFactory, actor: str, expected: int,
) -> None:  # fmt: skip
    animal = await make_animal(world.vivarium, species)
    lease_id = await active_lease(client, animal, third.vivarium, world.headers("owner"))
    response = await client.get(f"{API}/{lease_id}", headers=world.headers(actor))
    assert response.status_code == expected, response.text


@matrix(CURATOR_UP)
async def test_return_matrix(
    client: httpx.AsyncClient, world: World, third: Party, species: SpeciesFixture,
    make_animal: AnimalFactory, db_session: AsyncSession, actor: str, expected: int,
) -> None:  # fmt: skip
    animal = await make_animal(world.vivarium, species)
    lease_id = await active_lease(client, animal, third.vivarium, world.headers("owner"))
    response = await client.post(f"{API}/{lease_id}/return", headers=world.headers(actor))
    assert response.status_code == expected, response.text
    lease = await db_session.get(Lease, uuid.UUID(lease_id))
    assert lease is not None
    await db_session.refresh(lease)
    assert (lease.status is LeaseStatus.returned) == (expected == 200)


@matrix(CURATOR_UP)
async def test_cancel_matrix(
    client: httpx.AsyncClient, world: World, third: Party, species: SpeciesFixture,
    make_animal: AnimalFactory, db_session: AsyncSession, actor: str, expected: int,
) -> None:  # fmt: skip
    animal = await make_animal(world.vivarium, species)
    lease_id = await active_lease(client, animal, third.vivarium, world.headers("owner"))
    response = await client.post(f"{API}/{lease_id}/cancel", headers=world.headers(actor))
    assert response.status_code == expected, response.text
    lease = await db_session.get(Lease, uuid.UUID(lease_id))
    assert lease is not None
    await db_session.refresh(lease)
    assert (lease.status is LeaseStatus.canceled) == (expected == 200)


@matrix(ANY_MEMBER)
async def test_leased_in_matrix(
    client: httpx.AsyncClient, world: World, third: Party, species: SpeciesFixture,
    make_animal: AnimalFactory, actor: str, expected: int,
) -> None:  # fmt: skip
    animal = await make_animal(third.vivarium, species)
    await active_lease(client, animal, world.vivarium, third.headers)
    response = await client.get(
        f"/api/v1/vivariums/{world.vivarium.id}/leased-in", headers=world.headers(actor)
    )
    assert response.status_code == expected, response.text
    if expected == 200:
        assert response.json()["items"][0]["animal"]["id"] == str(animal.id)
