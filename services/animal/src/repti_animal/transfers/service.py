"""Transfers: `pending → accepted | declined | canceled | expired`.

On acceptance only `animal.vivarium_id` changes (and the display id, if the receiver already
uses it): genotype, husbandry logs (which keep the vivarium they were written in), sire/dam
links and media references all hang off the animal's id, so they move intact. The sender
keeps the transfer's snapshot as its read-only record.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any, TypedDict

from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.animals.access import load_animal
from repti_animal.animals.display_ids import next_display_id
from repti_animal.animals.limits import ensure_room_for_animals
from repti_animal.animals.visibility import SeenAnimal, seen_animals
from repti_animal.lineage.pedigree import PRIVATE_ANCESTOR
from repti_animal.transfers import repository
from repti_animal.transfers.access import require_role, visible_sides
from repti_animal.transfers.closing import close_if_side_deleted
from repti_animal.transfers.events import emit_transfer_event
from repti_animal.transfers.exceptions import (
    AnimalBusy,
    BadCounterparty,
    NotPending,
    TransferClosed,
    TransferExpired,
    TransferNotFound,
)
from repti_animal.transfers.schemas import (
    Direction,
    TransferCreate,
    TransferPage,
    TransferRead,
    VivariumSummary,
)
from repti_animal.transfers.snapshot import take_snapshot
from reptidex_common.auth.dependencies import VivariumAccess
from reptidex_common.auth.principal import Principal
from reptidex_common.db.pagination import PageParams, keyset_page
from reptidex_common.events.actors import actor_of
from reptidex_common.events.envelope import SYSTEM
from reptidex_common.models.animal import Animal, Species, Transfer
from reptidex_common.models.animal_enums import AnimalStatus, TransferStatus
from reptidex_common.models.enums import VivariumRole

TRANSFER_TTL = timedelta(days=14)


def _snapshot_parents(snapshot: dict[str, Any]) -> dict[str, Any]:
    parents: dict[str, Any] = snapshot.get("parents") or {}
    return parents


def _shown_snapshot(snapshot: dict[str, Any], seen: dict[uuid.UUID, SeenAnimal]) -> dict[str, Any]:
    """The snapshot with each parent the caller may not see as a "private ancestor".

    Both sides read the snapshot: the receiver must not learn the sender's private animals
    from it, before accepting or after.
    """
    parents = _snapshot_parents(snapshot)
    if not parents:
        return snapshot

    def shown(parent: dict[str, Any] | None) -> dict[str, Any] | None:
        if parent is None:
            return None
        found = seen.get(uuid.UUID(parent["id"]))
        if found is None or not found.visible:
            return {"private": True, "label": PRIVATE_ANCESTOR}
        return parent

    return {**snapshot, "parents": {role: shown(p) for role, p in parents.items()}}


async def _read_many(
    session: AsyncSession, principal: Principal, transfers: list[Transfer]
) -> list[TransferRead]:
    ids = {t.from_vivarium_id for t in transfers} | {t.to_vivarium_id for t in transfers}
    vivariums = await repository.vivariums_by_id(session, ids)
    seen = await seen_animals(
        session,
        principal,
        (
            uuid.UUID(p["id"])
            for t in transfers
            for p in _snapshot_parents(t.snapshot or {}).values()
            if p is not None
        ),
    )

    def summary(vivarium_id: uuid.UUID) -> VivariumSummary:
        v = vivariums[vivarium_id]
        return VivariumSummary(id=v.id, slug=v.slug, name=v.name)

    return [
        TransferRead(
            id=t.id,
            animal_id=t.animal_id,
            status=t.status,
            from_vivarium=summary(t.from_vivarium_id),
            to_vivarium=summary(t.to_vivarium_id),
            message=t.message,
            created_at=t.created_at,
            expires_at=t.expires_at,
            responded_at=t.responded_at,
            snapshot=_shown_snapshot(t.snapshot or {}, seen),
            close_reason=t.close_reason,
        )
        for t in transfers
    ]


async def _read(session: AsyncSession, principal: Principal, transfer: Transfer) -> TransferRead:
    await session.refresh(transfer)  # server-side timestamps
    return (await _read_many(session, principal, [transfer]))[0]


async def check_animal_free(session: AsyncSession, animal: Animal) -> None:
    if animal.archived_at is not None:
        raise AnimalBusy("An archived animal cannot be transferred or leased.")
    if animal.status is AnimalStatus.deceased:
        raise AnimalBusy("A deceased animal cannot be transferred or leased.")
    if await repository.has_pending_transfer(session, animal.id):
        raise AnimalBusy("This animal already has a pending transfer; cancel it first.")
    if await repository.has_active_lease(session, animal.id):
        raise AnimalBusy("This animal is on an active lease; end the lease first.")


async def check_counterparty(
    session: AsyncSession, own_vivarium_id: uuid.UUID, other_id: uuid.UUID, field: str
) -> None:
    # Addressed by id, which the other breeder shares; existence is all the sender learns.
    if other_id == own_vivarium_id:
        raise BadCounterparty(field, "The animal is already in this vivarium.")
    if await repository.live_vivarium(session, other_id) is None:
        raise BadCounterparty(field, "No vivarium with this id.")


async def create(session: AsyncSession, principal: Principal, body: TransferCreate) -> TransferRead:
    found = await load_animal(
        session, principal, body.animal_id, VivariumRole.curator, for_update=True
    )
    animal = found.animal
    await check_counterparty(session, animal.vivarium_id, body.to_vivarium_id, "to_vivarium_id")
    await check_animal_free(session, animal)
    transfer = Transfer(
        animal_id=animal.id,
        from_vivarium_id=animal.vivarium_id,
        to_vivarium_id=body.to_vivarium_id,
        message=body.message,
        initiated_by_id=principal.user_id,
        expires_at=datetime.now(UTC) + TRANSFER_TTL,
        # The receiver reviews this before accepting; acceptance replaces it.
        snapshot=await take_snapshot(session, animal),
    )
    session.add(transfer)
    await session.flush()
    emit_transfer_event(session, "offered", actor=actor_of(principal), **_event_keys(transfer))
    return await _read(session, principal, transfer)


class _EventKeys(TypedDict):
    transfer_id: uuid.UUID
    animal_id: uuid.UUID
    from_vivarium_id: uuid.UUID
    to_vivarium_id: uuid.UUID


def _event_keys(transfer: Transfer) -> _EventKeys:
    return {
        "transfer_id": transfer.id,
        "animal_id": transfer.animal_id,
        "from_vivarium_id": transfer.from_vivarium_id,
        "to_vivarium_id": transfer.to_vivarium_id,
    }


async def get(session: AsyncSession, principal: Principal, transfer_id: uuid.UUID) -> TransferRead:
    transfer = await repository.get_transfer(session, transfer_id)
    if transfer is None:
        raise TransferNotFound()
    await visible_sides(
        session, principal, transfer.from_vivarium_id, transfer.to_vivarium_id, TransferNotFound()
    )
    return (await _read_many(session, principal, [transfer]))[0]


async def list_for(
    session: AsyncSession, access: VivariumAccess, direction: Direction, page: PageParams
) -> TransferPage:
    statement = repository.transfers_of(
        access.vivarium.id, incoming=direction is Direction.incoming
    )
    rows, cursor = await keyset_page(session, statement, Transfer.id, page)
    return TransferPage(
        items=await _read_many(session, access.principal, list(rows)), next_cursor=cursor
    )


async def transferred_animals(
    session: AsyncSession, access: VivariumAccess, page: PageParams
) -> TransferPage:
    statement = repository.accepted_transfers_from(access.vivarium.id)
    rows, cursor = await keyset_page(session, statement, Transfer.id, page)
    return TransferPage(
        items=await _read_many(session, access.principal, list(rows)), next_cursor=cursor
    )


async def _pending_for_action(
    session: AsyncSession, principal: Principal, transfer_id: uuid.UUID, *, receiving: bool
) -> tuple[Transfer, VivariumAccess]:
    transfer = await repository.get_transfer(session, transfer_id, for_update=True)
    if transfer is None:
        raise TransferNotFound()
    sides = await visible_sides(
        session, principal, transfer.from_vivarium_id, transfer.to_vivarium_id, TransferNotFound()
    )
    side = sides.second if receiving else sides.first
    access = require_role(side, VivariumRole.curator, "receiving" if receiving else "sending")
    if transfer.status is TransferStatus.expired:
        raise TransferExpired("This transfer has expired; ask the sender to send it again.")
    if transfer.status is not TransferStatus.pending:
        raise NotPending(f"This transfer is already {transfer.status.value}.")
    closed = await close_if_side_deleted(session, transfer)
    if closed is not None:
        raise TransferClosed(f"This transfer was canceled: {closed}")
    if transfer.expires_at <= datetime.now(UTC):
        # The beat sweep may not have run yet; record the expiry now (kept although the
        # request fails: `TransferExpired.keeps_changes`). Time expired it, not the caller.
        transfer.status = TransferStatus.expired
        emit_transfer_event(session, "expired", actor=SYSTEM, **_event_keys(transfer))
        raise TransferExpired(
            f"This transfer expired on {transfer.expires_at.date().isoformat()}; ask the sender "
            "to send it again."
        )
    return transfer, access


def _respond(transfer: Transfer, principal: Principal, status: TransferStatus) -> None:
    transfer.status = status
    transfer.responded_by_id = principal.user_id
    transfer.responded_at = datetime.now(UTC)


async def accept(
    session: AsyncSession, principal: Principal, transfer_id: uuid.UUID
) -> TransferRead:
    transfer, receiver = await _pending_for_action(session, principal, transfer_id, receiving=True)
    receiver_id = receiver.vivarium.id
    # Before the animal's row lock, as creation checks it before linking (and key-share
    # locking) a parent.
    await ensure_room_for_animals(session, receiver_id)
    animal = await session.get(Animal, transfer.animal_id, with_for_update=True)
    assert animal is not None  # animals are archived, never deleted
    transfer.snapshot = await take_snapshot(session, animal)
    display_id = animal.display_id
    if await repository.display_id_taken(session, receiver_id, display_id):
        species = await session.get(Species, animal.species_id)
        assert species is not None
        display_id = await next_display_id(
            session, receiver_id, prefix=species.code_prefix, hatch_date=animal.hatch_date
        )
    await repository.stop_reminders(session, animal.id, transfer.from_vivarium_id)
    # Both together: the new id may be taken in the sender's vivarium.
    animal.vivarium_id, animal.display_id = receiver_id, display_id
    # Enclosures belong to the sender's rooms.
    animal.enclosure_id = None
    _respond(transfer, principal, TransferStatus.accepted)
    transfer.snapshot = {**transfer.snapshot, "new_display_id": animal.display_id}
    emit_transfer_event(session, "accepted", actor=actor_of(principal), **_event_keys(transfer))
    await session.flush()
    return await _read(session, principal, transfer)


async def decline(
    session: AsyncSession, principal: Principal, transfer_id: uuid.UUID
) -> TransferRead:
    transfer, _ = await _pending_for_action(session, principal, transfer_id, receiving=True)
    _respond(transfer, principal, TransferStatus.declined)
    emit_transfer_event(session, "declined", actor=actor_of(principal), **_event_keys(transfer))
    await session.flush()
    return await _read(session, principal, transfer)


async def cancel(
    session: AsyncSession, principal: Principal, transfer_id: uuid.UUID
) -> TransferRead:
    transfer, _ = await _pending_for_action(session, principal, transfer_id, receiving=False)
    _respond(transfer, principal, TransferStatus.canceled)
    emit_transfer_event(session, "canceled", actor=actor_of(principal), **_event_keys(transfer))
    await session.flush()
    return await _read(session, principal, transfer)
