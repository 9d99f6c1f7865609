"""Dead records stop acting: a deleted vivarium's and an archived animal's dependents end.

Core marks a vivarium deleted (`deleted_at`); this service reads that and closes its own rows
(transfers, leases, reminders), so the tests set `deleted_at` as core's deletion does.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.reminders.firing import fire_due_batch
from repti_animal.transfers.jobs import close_for_deleted_vivariums
from reptidex_common.models.animal import Animal, DueNotification, Lease, Reminder, Transfer
from reptidex_common.models.animal_enums import AnimalStatus, LeaseStatus, Sex, TransferStatus
from reptidex_common.models.core import Vivarium
from reptidex_common.models.outbox import OUTBOX_MODELS

from ..conftest import AnimalFactory
from ..conftest import SpeciesFixture as SpeciesFixture
from .conftest import Party
from .test_leases import active_lease
from .test_transfers import pending, send
from .world import World, assert_problem

AnimalOutbox = OUTBOX_MODELS["animal"]


async def delete_vivarium(db_session: AsyncSession, vivarium: Vivarium) -> None:
    vivarium.deleted_at = datetime.now(UTC)
    await db_session.flush()


def reminder(vivarium: Vivarium, animal_id: uuid.UUID | None = None) -> Reminder:
    due = datetime.now(UTC) - timedelta(minutes=1)
    return Reminder(vivarium_id=vivarium.id, animal_id=animal_id, title="Mist", next_due_at=due,
                    interval_days=1)  # fmt: skip


async def emitted_data(db_session: AsyncSession, key: str, value: str) -> list[dict[str, str]]:
    """The data of every event about one transfer or lease, with its type's last part."""
    rows = await db_session.scalars(
        select(AnimalOutbox.payload).where(AnimalOutbox.payload["data"][key].astext == value)
    )
    return [{**row["data"], "event": row["type"].rsplit(".", 1)[1]} for row in rows]


async def test_deleting_a_vivarium_closes_its_transfers_leases_and_reminders(
    client: httpx.AsyncClient, world: World, third: Party, species: SpeciesFixture,
    make_animal: AnimalFactory, db_session: AsyncSession,
) -> None:  # fmt: skip
    outgoing_animal = await make_animal(world.vivarium, species)
    incoming_animal = await make_animal(third.vivarium, species)
    lent_out = await make_animal(world.vivarium, species)
    lent_in = await make_animal(third.vivarium, species)
    outgoing = await pending(client, outgoing_animal, third.vivarium, world.owner)
    incoming = await pending(client, incoming_animal, world.vivarium, third.headers)
    lease_out = await active_lease(client, lent_out, third.vivarium, world.owner)
    lease_in = await active_lease(client, lent_in, world.vivarium, third.headers)
    care = reminder(world.vivarium, outgoing_animal.id)
    db_session.add(care)
    await db_session.flush()

    await delete_vivarium(db_session, world.vivarium)
    closed = await db_session.run_sync(lambda s: close_for_deleted_vivariums(s, datetime.now(UTC)))
    assert (closed.transfers, closed.leases) == (2, 2)

    # The other party sees what happened and why, on the record and in its notifications.
    for transfer_id, reason in ((outgoing, "sending"), (incoming, "receiving")):
        seen = await client.get(f"/api/v1/transfers/{transfer_id}", headers=third.headers)
        assert seen.json()["status"] == "canceled"
        assert seen.json()["close_reason"] == f"The {reason} vivarium was deleted."
        [event] = [
            e for e in await emitted_data(db_session, "transfer_id", transfer_id)
            if e["event"] == "canceled"
        ]  # fmt: skip
        assert event["reason"] == f"The {reason} vivarium was deleted."
    for lease_id, reason in ((lease_out, "lending"), (lease_in, "borrowing")):
        seen = await client.get(f"/api/v1/leases/{lease_id}", headers=third.headers)
        assert seen.json()["status"] == "canceled"
        assert seen.json()["end_reason"] == f"The {reason} vivarium was deleted."
    await db_session.refresh(lent_in)
    assert lent_in.status is AnimalStatus.active  # the lender's own again
    await db_session.refresh(care)
    assert care.active is False
    # A second sweep finds nothing left to close.
    again = await db_session.run_sync(lambda s: close_for_deleted_vivariums(s, datetime.now(UTC)))
    assert (again.transfers, again.leases, again.reminders) == (0, 0, 0)


async def test_a_deleted_vivariums_reminders_never_fire(
    world: World, third: Party, db_session: AsyncSession
) -> None:
    gone, kept = reminder(world.vivarium), reminder(third.vivarium)
    db_session.add_all([gone, kept])
    await db_session.flush()
    await delete_vivarium(db_session, world.vivarium)
    await db_session.run_sync(lambda s: fire_due_batch(s, datetime.now(UTC)))
    fired = set(
        await db_session.scalars(
            select(DueNotification.reminder_id).where(
                DueNotification.reminder_id.in_([gone.id, kept.id])
            )
        )
    )
    assert fired == {kept.id}


async def test_a_transfer_from_a_deleted_vivarium_cannot_be_accepted(
    client: httpx.AsyncClient, world: World, third: Party, species: SpeciesFixture,
    make_animal: AnimalFactory, db_session: AsyncSession,
) -> None:  # fmt: skip
    animal = await make_animal(world.vivarium, species)
    transfer_id = await pending(client, animal, third.vivarium, world.owner)
    await delete_vivarium(db_session, world.vivarium)
    # Before the sweep runs: the answer says why, and the cancellation is recorded.
    body = assert_problem(
        await client.post(f"/api/v1/transfers/{transfer_id}/accept", headers=third.headers), 409
    )
    assert "sending vivarium was deleted" in body["detail"]
    transfer = await db_session.get(Transfer, uuid.UUID(transfer_id))
    assert transfer is not None
    await db_session.refresh(transfer)
    assert transfer.status is TransferStatus.canceled
    await db_session.refresh(animal)
    assert animal.vivarium_id == world.vivarium.id


async def test_archiving_cancels_the_pending_transfer_and_stops_reminders(
    client: httpx.AsyncClient, world: World, third: Party, species: SpeciesFixture,
    make_animal: AnimalFactory, db_session: AsyncSession,
) -> None:  # fmt: skip
    animal = await make_animal(world.vivarium, species)
    transfer_id = await pending(client, animal, third.vivarium, world.owner)
    care = reminder(world.vivarium, animal.id)
    db_session.add(care)
    await db_session.flush()
    archived = await client.delete(f"/api/v1/animals/{animal.id}", headers=world.owner)
    assert archived.status_code == 204, archived.text
    seen = await client.get(f"/api/v1/transfers/{transfer_id}", headers=third.headers)
    assert seen.json()["status"] == "canceled"
    assert seen.json()["close_reason"] == "The animal was archived by its vivarium."
    assert_problem(
        await client.post(f"/api/v1/transfers/{transfer_id}/accept", headers=third.headers), 409
    )
    await db_session.refresh(care)
    assert care.active is False
    # And an archived animal is not offered again.
    assert_problem(await pending_response(client, animal, third, world), 409)


async def pending_response(
    client: httpx.AsyncClient, animal: Animal, third: Party, world: World
) -> httpx.Response:
    return await send(client, animal, third.vivarium, world.owner)


async def test_an_animal_on_loan_cannot_be_archived(
    client: httpx.AsyncClient, world: World, third: Party, species: SpeciesFixture,
    make_animal: AnimalFactory, db_session: AsyncSession,
) -> None:  # fmt: skip
    animal = await make_animal(world.vivarium, species)
    lease_id = await active_lease(client, animal, third.vivarium, world.owner)
    body = assert_problem(
        await client.delete(f"/api/v1/animals/{animal.id}", headers=world.owner), 409
    )
    assert "lease" in body["detail"]
    await db_session.refresh(animal)
    assert animal.archived_at is None
    lease = await db_session.get(Lease, uuid.UUID(lease_id))
    assert lease is not None
    assert lease.status is LeaseStatus.active


async def test_pickers_offer_living_animals_and_deceased_ones_cannot_be_sent(
    client: httpx.AsyncClient, world: World, third: Party, species: SpeciesFixture,
    make_animal: AnimalFactory,
) -> None:  # fmt: skip
    alive = await make_animal(world.vivarium, species, sex=Sex.male)
    dead = await make_animal(world.vivarium, species, sex=Sex.male, status=AnimalStatus.deceased)
    params = {"vivarium_id": str(world.vivarium.id), "living": "true"}
    listed = await client.get("/api/v1/animals", params=params, headers=world.owner)
    ids = [a["id"] for a in listed.json()["items"]]
    assert str(alive.id) in ids
    assert str(dead.id) not in ids
    # Without the filter (the collection, and a parent picker) the deceased animal stays.
    everything = await client.get(
        "/api/v1/animals", params={"vivarium_id": str(world.vivarium.id)}, headers=world.owner
    )
    assert str(dead.id) in [a["id"] for a in everything.json()["items"]]
    body = assert_problem(await pending_response(client, dead, third, world), 409)
    assert "deceased" in body["detail"]
