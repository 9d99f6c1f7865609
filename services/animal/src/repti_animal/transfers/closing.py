"""Ending what depends on a record that goes away: a deleted vivarium, an archived animal.

Each closed transfer or lease records why (`close_reason`, `end_reason`) and emits its event
with the reason, so the other party is told what happened instead of a request that silently
never moves. Statements come from `repository` and run on either session kind:
the request's (archiving, a transfer touched after its sender was deleted) or the worker's
(the sweep of deleted vivariums in `jobs`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.transfers import repository
from repti_animal.transfers.events import emit_lease_event, emit_transfer_event
from repti_animal.transfers.exceptions import AnimalOnLoan
from reptidex_common.events.envelope import SYSTEM, Actor
from reptidex_common.models.animal import Animal, Lease, Transfer
from reptidex_common.models.animal_enums import LeaseStatus

ANIMAL_ARCHIVED = "The animal was archived by its vivarium."
DELETED_SIDE = ("The sending vivarium was deleted.", "The receiving vivarium was deleted.")


def emit_closed_transfers(session: Any, rows: Sequence[Any], actor: Actor) -> None:
    for transfer_id, animal_id, from_id, to_id, reason in rows:
        emit_transfer_event(
            session,
            "canceled",
            actor=actor,
            transfer_id=transfer_id,
            animal_id=animal_id,
            from_vivarium_id=from_id,
            to_vivarium_id=to_id,
            reason=reason,
        )


def emit_ended_leases(session: Any, leases: Sequence[Lease], actor: Actor) -> None:
    for lease in leases:
        emit_lease_event(session, lease, actor=actor)


async def end_lease(
    session: AsyncSession, lease: Lease, status: LeaseStatus, reason: str, actor: Actor
) -> Lease:
    """Return or cancel one lease: the animal is the lender's again, its reminders stop."""
    ended = (
        await session.scalars(
            repository.end_leases(Lease.id == lease.id, status, reason, datetime.now(UTC))
        )
    ).all()
    ids = [x.id for x in ended]
    await session.execute(repository.back_from_lease(ids))
    await session.execute(repository.stop_lease_reminders(ids))
    await session.refresh(lease)
    emit_ended_leases(session, [lease], actor)
    return lease


async def close_for_archived_animal(session: AsyncSession, animal: Animal, actor: Actor) -> None:
    """Archiving refuses while the animal is on loan (it lives with the borrower: end the lease
    first) and cancels a pending transfer, telling the receiver why."""
    if await repository.has_active_lease(session, animal.id):
        raise AnimalOnLoan(
            "This animal is on an active lease; record its return or cancel the lease before "
            "archiving it."
        )
    rows = (
        await session.execute(
            repository.cancel_pending_transfers(Transfer.animal_id == animal.id, ANIMAL_ARCHIVED)
        )
    ).all()
    emit_closed_transfers(session, rows, actor)


async def close_if_side_deleted(session: AsyncSession, transfer: Transfer) -> str | None:
    """Cancel a pending transfer one of whose vivariums is gone (before the sweep gets to it)."""
    side = await repository.deleted_side(
        session, transfer.from_vivarium_id, transfer.to_vivarium_id
    )
    if side is None:
        return None
    reason = DELETED_SIDE[side]
    rows = (
        await session.execute(
            repository.cancel_pending_transfers(Transfer.id == transfer.id, reason)
        )
    ).all()
    # Closed because a side is gone, not by whoever happened to touch it.
    emit_closed_transfers(session, rows, SYSTEM)
    await session.refresh(transfer)
    return reason
