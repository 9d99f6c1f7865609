"""Transfers through HTTP: the accept flow, decline, cancel, expiry, conflicts, the matrix."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.transfers.jobs import expire_due_transfers
from reptidex_common.models.animal import Animal, Genotype, HusbandryLog, Transfer
from reptidex_common.models.animal_enums import (
    GenotypeState,
    LogKind,
    Sex,
    TransferStatus,
    Visibility,
)
from reptidex_common.models.core import Vivarium
from reptidex_common.models.outbox import OUTBOX_MODELS

from ..conftest import AnimalFactory
from ..conftest import SpeciesFixture as SpeciesFixture
from ..events import by_user, emitted
from .conftest import Party
from .world import ANY_MEMBER, CURATOR_UP, World, assert_problem, matrix

AnimalOutbox = OUTBOX_MODELS["animal"]
API = "/api/v1/transfers"


async def send(
    client: httpx.AsyncClient, animal: Animal, to: Vivarium, headers: dict[str, str]
) -> httpx.Response:
    return await client.post(
        API, json={"animal_id": str(animal.id), "to_vivarium_id": str(to.id)}, headers=headers
    )


async def pending(
    client: httpx.AsyncClient, animal: Animal, to: Vivarium, headers: dict[str, str]
) -> str:
    response = await send(client, animal, to, headers)
    assert response.status_code == 201, response.text
    transfer_id: str = response.json()["id"]
    return transfer_id


async def outbox_events(db_session: AsyncSession, transfer_id: str) -> list[str]:
    """The steps of the transfer's events, in the order they were emitted."""
    rows = await db_session.scalars(
        select(AnimalOutbox.task_name)
        .where(
            AnimalOutbox.task_name.startswith("animal.transfer."),
            AnimalOutbox.payload["data"]["transfer_id"].astext == transfer_id,
        )
        .order_by(AnimalOutbox.created_at, AnimalOutbox.id)
    )
    return [name.rsplit(".", 1)[1] for name in rows]


async def test_accept_moves_the_animal_with_its_history(
    client: httpx.AsyncClient,
    world: World,
    third: Party,
    species: SpeciesFixture,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
) -> None:
    sire = await make_animal(world.vivarium, species, sex=Sex.male, hatch_date=date(2015, 1, 1))
    animal = await make_animal(
        world.vivarium, species, display_id="CLASH-1", sire=sire, hatch_date=date(2020, 1, 1)
    )
    await make_animal(third.vivarium, species, display_id="CLASH-1")
    db_session.add_all(
        [
            Genotype(animal_id=animal.id, trait_id=species.traits["Clown"].id, state=GenotypeState.visual),
            HusbandryLog(animal_id=animal.id, vivarium_id=world.vivarium.id, kind=LogKind.shed,
                         occurred_at=datetime(2024, 1, 1, tzinfo=UTC)),
            HusbandryLog(animal_id=animal.id, vivarium_id=world.vivarium.id, kind=LogKind.note,
                         occurred_at=datetime(2024, 2, 1, tzinfo=UTC)),
        ]
    )  # fmt: skip
    await db_session.flush()
    created = await send(client, animal, third.vivarium, world.headers("curator"))
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["status"] == "pending"
    expires = datetime.fromisoformat(body["expires_at"])
    assert timedelta(days=13) < expires - datetime.now(UTC) <= timedelta(days=14)
    transfer_id = body["id"]

    incoming = await client.get(
        API, params={"vivarium_id": str(third.vivarium.id), "direction": "incoming"},
        headers=third.headers,
    )  # fmt: skip
    assert [t["id"] for t in incoming.json()["items"]] == [transfer_id]
    assert incoming.json()["items"][0]["snapshot"]["animal"]["display_id"] == "CLASH-1"

    accepted = await client.post(f"{API}/{transfer_id}/accept", headers=third.headers)
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "accepted"

    await db_session.refresh(animal)
    assert animal.vivarium_id == third.vivarium.id
    assert animal.display_id != "CLASH-1"
    assert animal.sire_id == sire.id
    logs = (
        await db_session.scalars(select(HusbandryLog).where(HusbandryLog.animal_id == animal.id))
    ).all()
    assert len(logs) == 2
    assert {log.vivarium_id for log in logs} == {world.vivarium.id}
    genotype = (
        await db_session.scalars(select(Genotype).where(Genotype.animal_id == animal.id))
    ).one()
    assert genotype.trait_id == species.traits["Clown"].id

    # The sender's read-only record.
    record = await client.get(f"{API}/{transfer_id}", headers=world.headers("keeper"))
    assert record.status_code == 200
    snapshot = record.json()["snapshot"]
    assert snapshot["animal"]["display_id"] == "CLASH-1"
    assert snapshot["new_display_id"] == animal.display_id
    assert snapshot["log_count"] == 2
    assert snapshot["genotype"][0]["trait"] == "Clown"
    assert snapshot["parents"]["sire"]["id"] == str(sire.id)
    kept = await client.get(
        f"/api/v1/vivariums/{world.vivarium.id}/transferred-animals",
        headers=world.headers("keeper"),
    )
    assert [t["id"] for t in kept.json()["items"]] == [transfer_id]
    assert await outbox_events(db_session, transfer_id) == ["offered", "accepted"]
    [accepted] = await emitted(db_session, "animal.transfer.accepted", transfer_id=transfer_id)
    assert by_user(accepted, third.owner.id)
    assert accepted.vivarium_id == world.vivarium.id
    assert accepted.data == {
        "transfer_id": transfer_id,
        "animal_id": str(animal.id),
        "from_vivarium_id": str(world.vivarium.id),
        "to_vivarium_id": str(third.vivarium.id),
        "reason": None,
    }
    again = await client.post(f"{API}/{transfer_id}/accept", headers=third.headers)
    assert_problem(again, 409)


async def test_receiver_never_sees_the_senders_private_parents_in_the_snapshot(
    client: httpx.AsyncClient, world: World, third: Party, species: SpeciesFixture,
    make_animal: AnimalFactory,
) -> None:  # fmt: skip
    """The snapshot names a parent only to those who may see it, before and after accepting."""
    sire = await make_animal(
        world.vivarium, species, sex=Sex.male, display_id="SECRET-SIRE", name="Secret sire"
    )
    dam = await make_animal(
        world.vivarium, species, sex=Sex.female, display_id="SHOWN-DAM",
        visibility=Visibility.lineage_only,
    )  # fmt: skip
    animal = await make_animal(world.vivarium, species, sire=sire, dam=dam)
    transfer_id = await pending(client, animal, third.vivarium, world.headers("owner"))

    def parents(response: httpx.Response) -> dict[str, Any]:
        assert response.status_code == 200, response.text
        assert str(sire.id) not in response.text
        assert "SECRET-SIRE" not in response.text
        assert "Secret sire" not in response.text
        found: dict[str, Any] = response.json()["snapshot"]["parents"]
        return found

    before = parents(await client.get(f"{API}/{transfer_id}", headers=third.headers))
    assert before["sire"] == {"private": True, "label": "private ancestor"}
    assert before["dam"]["display_id"] == "SHOWN-DAM"
    incoming = await client.get(
        API, params={"vivarium_id": str(third.vivarium.id)}, headers=third.headers
    )
    assert incoming.status_code == 200
    assert "SECRET-SIRE" not in incoming.text
    assert str(sire.id) not in incoming.text

    accepted = await client.post(f"{API}/{transfer_id}/accept", headers=third.headers)
    parents(accepted)
    parents(await client.get(f"{API}/{transfer_id}", headers=third.headers))
    # The sender's own record still names its own animals.
    kept = await client.get(f"{API}/{transfer_id}", headers=world.headers("keeper"))
    assert kept.json()["snapshot"]["parents"]["sire"]["display_id"] == "SECRET-SIRE"


async def test_display_id_is_kept_when_free(
    client: httpx.AsyncClient, world: World, third: Party, species: SpeciesFixture,
    make_animal: AnimalFactory, db_session: AsyncSession,
) -> None:  # fmt: skip
    animal = await make_animal(world.vivarium, species, display_id="FREE-1")
    transfer_id = await pending(client, animal, third.vivarium, world.headers("owner"))
    assert (
        await client.post(f"{API}/{transfer_id}/accept", headers=third.headers)
    ).status_code == 200
    await db_session.refresh(animal)
    assert animal.display_id == "FREE-1"


async def test_decline_and_cancel_only_from_pending(
    client: httpx.AsyncClient, world: World, third: Party, species: SpeciesFixture,
    make_animal: AnimalFactory, db_session: AsyncSession,
) -> None:  # fmt: skip
    animal = await make_animal(world.vivarium, species)
    first = await pending(client, animal, third.vivarium, world.headers("owner"))
    declined = await client.post(f"{API}/{first}/decline", headers=third.headers)
    assert declined.json()["status"] == "declined"
    assert_problem(await client.post(f"{API}/{first}/cancel", headers=world.headers("owner")), 409)
    second = await pending(client, animal, third.vivarium, world.headers("owner"))
    canceled = await client.post(f"{API}/{second}/cancel", headers=world.headers("curator"))
    assert canceled.json()["status"] == "canceled"
    assert_problem(await client.post(f"{API}/{second}/accept", headers=third.headers), 409)
    # The sender cannot accept for the receiver, and the receiver cannot cancel.
    third_id = await pending(client, animal, third.vivarium, world.headers("owner"))
    assert_problem(
        await client.post(f"{API}/{third_id}/accept", headers=world.headers("owner")), 403
    )
    assert_problem(await client.post(f"{API}/{third_id}/cancel", headers=third.headers), 403)
    await db_session.refresh(animal)
    assert animal.vivarium_id == world.vivarium.id


async def test_expiry_sweep_is_idempotent_and_expired_cannot_be_accepted(
    client: httpx.AsyncClient, world: World, third: Party, species: SpeciesFixture,
    make_animal: AnimalFactory, db_session: AsyncSession,
) -> None:  # fmt: skip
    animal = await make_animal(world.vivarium, species)
    transfer_id = await pending(client, animal, third.vivarium, world.headers("owner"))
    transfer = await db_session.get(Transfer, uuid.UUID(transfer_id))
    assert transfer is not None
    transfer.expires_at = datetime.now(UTC) - timedelta(minutes=1)
    await db_session.flush()
    now = datetime.now(UTC)
    assert await db_session.run_sync(lambda s: expire_due_transfers(s, now)) == 1
    assert await db_session.run_sync(lambda s: expire_due_transfers(s, now)) == 0
    await db_session.refresh(transfer)
    assert transfer.status is TransferStatus.expired
    assert await outbox_events(db_session, transfer_id) == ["offered", "expired"]
    assert_problem(await client.post(f"{API}/{transfer_id}/accept", headers=third.headers), 410)
    # Expired frees the animal for a new transfer.
    await pending(client, animal, third.vivarium, world.headers("owner"))


async def test_accepting_past_expiry_before_the_sweep_is_410_and_recorded(
    client: httpx.AsyncClient, world: World, third: Party, species: SpeciesFixture,
    make_animal: AnimalFactory, db_session: AsyncSession,
) -> None:  # fmt: skip
    animal = await make_animal(world.vivarium, species)
    transfer_id = await pending(client, animal, third.vivarium, world.headers("owner"))
    transfer = await db_session.get(Transfer, uuid.UUID(transfer_id))
    assert transfer is not None
    transfer.expires_at = datetime.now(UTC) - timedelta(seconds=1)
    await db_session.flush()
    assert_problem(await client.post(f"{API}/{transfer_id}/accept", headers=third.headers), 410)
    await db_session.refresh(transfer)
    assert transfer.status is TransferStatus.expired


async def test_second_pending_transfer_is_409(
    client: httpx.AsyncClient, world: World, third: Party, species: SpeciesFixture,
    make_animal: AnimalFactory,
) -> None:  # fmt: skip
    animal = await make_animal(world.vivarium, species)
    await pending(client, animal, third.vivarium, world.headers("owner"))
    problem = assert_problem(
        await send(client, animal, third.vivarium, world.headers("owner")), 409
    )
    assert "pending transfer" in problem["detail"]


async def test_plan_limit_of_the_receiver_is_402(
    client: httpx.AsyncClient, world: World, third: Party, species: SpeciesFixture,
    make_animal: AnimalFactory, db_session: AsyncSession,
) -> None:  # fmt: skip
    animal = await make_animal(world.vivarium, species)
    third.vivarium.entitlement_overrides = {"max_animals": 0}
    await db_session.flush()
    transfer_id = await pending(client, animal, third.vivarium, world.headers("owner"))
    assert_problem(await client.post(f"{API}/{transfer_id}/accept", headers=third.headers), 402)
    transfer = await db_session.get(Transfer, uuid.UUID(transfer_id))
    assert transfer is not None
    await db_session.refresh(transfer)
    await db_session.refresh(animal)
    assert transfer.status is TransferStatus.pending
    assert animal.vivarium_id == world.vivarium.id


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"to_vivarium_id": "self"}, "to_vivarium_id"),
        ({"to_vivarium_id": str(uuid.uuid4())}, "to_vivarium_id"),
        ({"to_vivarium_id": "not-a-uuid"}, "body.to_vivarium_id"),
        ({"message": "x" * 2001}, "body.message"),
    ],
)
async def test_bad_input_is_422_and_writes_nothing(
    client: httpx.AsyncClient, world: World, third: Party, species: SpeciesFixture,
    make_animal: AnimalFactory, db_session: AsyncSession, body: dict[str, Any], field: str,
) -> None:  # fmt: skip
    animal = await make_animal(world.vivarium, species)
    payload: dict[str, Any] = {
        "animal_id": str(animal.id),
        "to_vivarium_id": str(third.vivarium.id),
    }
    payload.update(body)
    if payload["to_vivarium_id"] == "self":
        payload["to_vivarium_id"] = str(world.vivarium.id)
    problem = assert_problem(
        await client.post(API, json=payload, headers=world.headers("owner")), 422
    )
    assert problem["errors"][0]["field"] == field
    assert (
        await db_session.scalars(select(Transfer).where(Transfer.animal_id == animal.id))
    ).all() == []


async def test_unknown_animal_is_404(client: httpx.AsyncClient, world: World, third: Party) -> None:
    response = await client.post(
        API, json={"animal_id": str(uuid.uuid4()), "to_vivarium_id": str(third.vivarium.id)},
        headers=world.headers("owner"),
    )  # fmt: skip
    assert_problem(response, 404)


# --- the authorization matrix ------------------------------------------------------------


@matrix({**CURATOR_UP, "owner": 201, "curator": 201, "admin": 201})
async def test_create_matrix(
    client: httpx.AsyncClient, world: World, third: Party, species: SpeciesFixture,
    make_animal: AnimalFactory, db_session: AsyncSession, actor: str, expected: int,
) -> None:  # fmt: skip
    animal = await make_animal(world.vivarium, species)
    response = await send(client, animal, third.vivarium, world.headers(actor))
    assert response.status_code == expected, response.text
    written = (
        await db_session.scalars(select(Transfer).where(Transfer.animal_id == animal.id))
    ).all()
    assert len(written) == (1 if expected == 201 else 0)


@matrix(ANY_MEMBER)
async def test_get_matrix(
    client: httpx.AsyncClient, world: World, third: Party, species: SpeciesFixture,
    make_animal: AnimalFactory, actor: str, expected: int,
) -> None:  # fmt: skip
    animal = await make_animal(world.vivarium, species)
    transfer_id = await pending(client, animal, third.vivarium, world.headers("owner"))
    response = await client.get(f"{API}/{transfer_id}", headers=world.headers(actor))
    assert response.status_code == expected, response.text
    assert (await client.get(f"{API}/{transfer_id}", headers=third.headers)).status_code == 200


@matrix(ANY_MEMBER)
async def test_list_matrix(
    client: httpx.AsyncClient, world: World, actor: str, expected: int
) -> None:
    response = await client.get(
        API, params={"vivarium_id": str(world.vivarium.id), "direction": "outgoing"},
        headers=world.headers(actor),
    )  # fmt: skip
    assert response.status_code == expected, response.text


@matrix(ANY_MEMBER)
async def test_transferred_animals_matrix(
    client: httpx.AsyncClient, world: World, actor: str, expected: int
) -> None:
    response = await client.get(
        f"/api/v1/vivariums/{world.vivarium.id}/transferred-animals", headers=world.headers(actor)
    )
    assert response.status_code == expected, response.text


@pytest.mark.parametrize("action", ["accept", "decline"])
@matrix(CURATOR_UP)
async def test_receiver_actions_matrix(
    client: httpx.AsyncClient, world: World, third: Party, species: SpeciesFixture,
    make_animal: AnimalFactory, db_session: AsyncSession, action: str, actor: str, expected: int,
) -> None:  # fmt: skip
    animal = await make_animal(third.vivarium, species)
    transfer_id = await pending(client, animal, world.vivarium, third.headers)
    response = await client.post(f"{API}/{transfer_id}/{action}", headers=world.headers(actor))
    assert response.status_code == expected, response.text
    transfer = await db_session.get(Transfer, uuid.UUID(transfer_id))
    assert transfer is not None
    await db_session.refresh(transfer)
    assert (transfer.status is TransferStatus.pending) == (expected != 200)


@matrix(CURATOR_UP)
async def test_cancel_matrix(
    client: httpx.AsyncClient, world: World, third: Party, species: SpeciesFixture,
    make_animal: AnimalFactory, actor: str, expected: int,
) -> None:  # fmt: skip
    animal = await make_animal(world.vivarium, species)
    transfer_id = await pending(client, animal, third.vivarium, world.headers("owner"))
    response = await client.post(f"{API}/{transfer_id}/cancel", headers=world.headers(actor))
    assert response.status_code == expected, response.text
