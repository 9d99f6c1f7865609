"""The events of transfers and leases: one per change, by who made it, none when refused."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.transfers.jobs import (
    close_for_deleted_vivariums,
    expire_due_transfers,
    warn_expiring_transfers,
)
from reptidex_common.events.envelope import EventEnvelope
from reptidex_common.models.animal import Transfer
from reptidex_common.models.animal_enums import TransferStatus

from ..conftest import AnimalFactory
from ..conftest import SpeciesFixture as SpeciesFixture
from ..events import by_system, by_user, emitted
from .conftest import Party
from .test_leases import active_lease, lend
from .test_transfers import pending, send
from .world import World, assert_problem

# The event types these tests see emitted (see `tests/test_event_catalogue.py`).
EMITTED = {
    "animal.transfer.offered",
    "animal.transfer.accepted",
    "animal.transfer.declined",
    "animal.transfer.canceled",
    "animal.transfer.expired",
    "animal.transfer.expiring",
    "animal.lease.started",
    "animal.lease.returned",
    "animal.lease.canceled",
}


@dataclass
class Scene:
    client: httpx.AsyncClient
    world: World
    third: Party
    db: AsyncSession
    species: SpeciesFixture
    make_animal: AnimalFactory


@pytest.fixture
def scene(
    client: httpx.AsyncClient, world: World, third: Party, db_session: AsyncSession,
    species: SpeciesFixture, make_animal: AnimalFactory,
) -> Scene:  # fmt: skip
    return Scene(client, world, third, db_session, species, make_animal)


async def only(db: AsyncSession, event_type: str, **match: object) -> EventEnvelope:
    events = await emitted(db, event_type, **match)
    assert len(events) == 1, [e.type for e in events]
    return events[0]


# Each step: a refused attempt (nothing emitted), then the change; both return the transfer.
Step = Callable[[Scene, str], Awaitable[httpx.Response]]


def post(action: str, who: str) -> Step:
    async def step(s: Scene, transfer_id: str) -> httpx.Response:
        headers = s.third.headers if who == "receiver" else s.world.headers(who)
        return await s.client.post(f"/api/v1/transfers/{transfer_id}/{action}", headers=headers)

    return step


TRANSFER_STEPS = {
    # event: (refused attempt, expected status, the change, the acting user)
    "accepted": (post("accept", "owner"), 403, post("accept", "receiver"), "receiver"),
    "declined": (post("decline", "keeper"), 403, post("decline", "receiver"), "receiver"),
    "canceled": (post("cancel", "receiver"), 403, post("cancel", "owner"), "owner"),
}


@pytest.mark.parametrize("step", list(TRANSFER_STEPS))
async def test_each_answer_to_a_transfer_emits_one_event(scene: Scene, step: str) -> None:
    s = scene
    animal = await s.make_animal(s.world.vivarium, s.species)
    # Offering: refused to its own vivarium, then sent.
    assert_problem(await send(s.client, animal, s.world.vivarium, s.world.owner), 422)
    assert await emitted(s.db, "animal.transfer.offered", animal_id=animal.id) == []
    transfer_id = await pending(s.client, animal, s.third.vivarium, s.world.owner)
    offered = await only(s.db, "animal.transfer.offered", transfer_id=transfer_id)
    assert by_user(offered, s.world.users["owner"].id)
    assert offered.vivarium_id == s.world.vivarium.id
    assert offered.data == {
        "transfer_id": transfer_id,
        "animal_id": str(animal.id),
        "from_vivarium_id": str(s.world.vivarium.id),
        "to_vivarium_id": str(s.third.vivarium.id),
        "reason": None,
    }

    refused, refused_status, change, who = TRANSFER_STEPS[step]
    assert_problem(await refused(s, transfer_id), refused_status)
    assert await emitted(s.db, f"animal.transfer.{step}", transfer_id=transfer_id) == []
    response = await change(s, transfer_id)
    assert response.status_code == 200, response.text
    answered = await only(s.db, f"animal.transfer.{step}", transfer_id=transfer_id)
    user = s.third.owner if who == "receiver" else s.world.users[who]
    assert by_user(answered, user.id)
    assert answered.vivarium_id == s.world.vivarium.id
    assert answered.data == offered.data
    # Answered once: a second answer is refused and emits nothing more.
    assert_problem(await change(s, transfer_id), 409)
    assert len(await emitted(s.db, f"animal.transfer.{step}", transfer_id=transfer_id)) == 1


async def test_the_sweep_expires_a_transfer_once_as_the_system(scene: Scene) -> None:
    s = scene
    animal = await s.make_animal(s.world.vivarium, s.species)
    transfer_id = await pending(s.client, animal, s.third.vivarium, s.world.owner)
    transfer = await s.db.get_one(Transfer, uuid.UUID(transfer_id))
    transfer.expires_at = datetime.now(UTC) - timedelta(minutes=1)
    await s.db.flush()
    now = datetime.now(UTC)
    assert await s.db.run_sync(lambda x: expire_due_transfers(x, now)) == 1
    assert await s.db.run_sync(lambda x: expire_due_transfers(x, now)) == 0
    expired = await only(s.db, "animal.transfer.expired", transfer_id=transfer_id)
    assert by_system(expired)
    assert expired.data["to_vivarium_id"] == str(s.third.vivarium.id)


async def test_answering_an_expired_transfer_records_the_expiry_and_its_event(
    scene: Scene,
) -> None:
    """Before the sweep: the answer is 410 and the expiry (with its event) is kept, not rolled
    back with the refused answer."""
    s = scene
    animal = await s.make_animal(s.world.vivarium, s.species)
    transfer_id = await pending(s.client, animal, s.third.vivarium, s.world.owner)
    transfer = await s.db.get_one(Transfer, uuid.UUID(transfer_id))
    transfer.expires_at = datetime.now(UTC) - timedelta(minutes=1)
    await s.db.flush()
    accept = await s.client.post(f"/api/v1/transfers/{transfer_id}/accept", headers=s.third.headers)
    assert_problem(accept, 410)
    await s.db.refresh(transfer)
    assert transfer.status is TransferStatus.expired
    expired = await only(s.db, "animal.transfer.expired", transfer_id=transfer_id)
    assert by_system(expired)
    assert await emitted(s.db, "animal.transfer.accepted", transfer_id=transfer_id) == []
    # The sweep finds nothing left to expire: still one event.
    now = datetime.now(UTC)
    assert await s.db.run_sync(lambda x: expire_due_transfers(x, now)) == 0
    assert len(await emitted(s.db, "animal.transfer.expired", transfer_id=transfer_id)) == 1


async def test_archiving_the_animal_cancels_its_transfer_with_the_reason(scene: Scene) -> None:
    s = scene
    animal = await s.make_animal(s.world.vivarium, s.species)
    transfer_id = await pending(s.client, animal, s.third.vivarium, s.world.owner)
    # A keeper may not archive: nothing is canceled.
    refused = await s.client.delete(
        f"/api/v1/animals/{animal.id}", headers=s.world.headers("keeper")
    )
    assert_problem(refused, 403)
    assert await emitted(s.db, "animal.transfer.canceled", transfer_id=transfer_id) == []
    archived = await s.client.delete(f"/api/v1/animals/{animal.id}", headers=s.world.owner)
    assert archived.status_code == 204, archived.text
    canceled = await only(s.db, "animal.transfer.canceled", transfer_id=transfer_id)
    assert by_user(canceled, s.world.users["owner"].id)
    assert canceled.data["reason"] == "The animal was archived by its vivarium."


@pytest.mark.parametrize("end", ["returned", "canceled"])
async def test_a_lease_emits_started_then_how_it_ended(scene: Scene, end: str) -> None:
    s = scene
    animal = await s.make_animal(s.world.vivarium, s.species)
    assert_problem(await lend(s.client, animal, s.world.vivarium, s.world.owner), 422)
    assert await emitted(s.db, "animal.lease.started", animal_id=animal.id) == []
    lease_id = await active_lease(s.client, animal, s.third.vivarium, s.world.owner)
    started = await only(s.db, "animal.lease.started", lease_id=lease_id)
    assert by_user(started, s.world.users["owner"].id)
    assert started.vivarium_id == s.world.vivarium.id
    assert started.data["borrower_vivarium_id"] == str(s.third.vivarium.id)
    assert started.data["reason"] is None

    action = "return" if end == "returned" else "cancel"
    url = f"/api/v1/leases/{lease_id}/{action}"
    assert_problem(await s.client.post(url, headers=s.world.headers("keeper")), 403)
    assert await emitted(s.db, f"animal.lease.{end}", lease_id=lease_id) == []
    ended = await s.client.post(url, headers=s.third.headers)
    assert ended.status_code == 200, ended.text
    event = await only(s.db, f"animal.lease.{end}", lease_id=lease_id)
    assert by_user(event, s.third.owner.id)
    assert event.data["reason"] == ended.json()["end_reason"]
    assert_problem(await s.client.post(url, headers=s.third.headers), 409)
    assert len(await emitted(s.db, f"animal.lease.{end}", lease_id=lease_id)) == 1


async def test_a_deleted_vivarium_closes_its_transfers_and_leases_as_the_system(
    scene: Scene,
) -> None:
    s = scene
    sent = await s.make_animal(s.world.vivarium, s.species)
    lent = await s.make_animal(s.world.vivarium, s.species)
    transfer_id = await pending(s.client, sent, s.third.vivarium, s.world.owner)
    lease_id = await active_lease(s.client, lent, s.third.vivarium, s.world.owner)
    s.world.vivarium.deleted_at = datetime.now(UTC)
    await s.db.flush()
    await s.db.run_sync(lambda x: close_for_deleted_vivariums(x, datetime.now(UTC)))
    canceled = await only(s.db, "animal.transfer.canceled", transfer_id=transfer_id)
    assert by_system(canceled)
    assert canceled.data["reason"] == "The sending vivarium was deleted."
    lease = await only(s.db, "animal.lease.canceled", lease_id=lease_id)
    assert by_system(lease)
    assert lease.data["reason"] == "The lending vivarium was deleted."


async def test_the_sweep_announces_a_transfer_about_to_expire_once(scene: Scene) -> None:
    s = scene
    soon = await s.make_animal(s.world.vivarium, s.species)
    later = await s.make_animal(s.world.vivarium, s.species)
    soon_id = await pending(s.client, soon, s.third.vivarium, s.world.owner)
    later_id = await pending(s.client, later, s.third.vivarium, s.world.owner)
    now = datetime.now(UTC)
    for transfer_id, left in ((soon_id, timedelta(days=1)), (later_id, timedelta(days=5))):
        transfer = await s.db.get_one(Transfer, uuid.UUID(transfer_id))
        transfer.expires_at = now + left
    await s.db.flush()
    assert await s.db.run_sync(lambda x: warn_expiring_transfers(x, now)) == 1
    assert await s.db.run_sync(lambda x: warn_expiring_transfers(x, now)) == 0
    expiring = await only(s.db, "animal.transfer.expiring", transfer_id=soon_id)
    assert by_system(expiring)
    assert expiring.vivarium_id == s.world.vivarium.id
    assert expiring.data["to_vivarium_id"] == str(s.third.vivarium.id)
    assert expiring.data["expires_at"] == (now + timedelta(days=1)).isoformat().replace(
        "+00:00", "Z"
    )
    assert await emitted(s.db, "animal.transfer.expiring", transfer_id=later_id) == []
    # Three days on, the later one is announced, and the first (now expired) is not again.
    then = now + timedelta(days=3, hours=1)
    assert await s.db.run_sync(lambda x: warn_expiring_transfers(x, then)) == 1
    assert len(await emitted(s.db, "animal.transfer.expiring", transfer_id=soon_id)) == 1
    assert len(await emitted(s.db, "animal.transfer.expiring", transfer_id=later_id)) == 1
