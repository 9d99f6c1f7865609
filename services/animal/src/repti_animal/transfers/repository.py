"""All SQL of transfers and leases."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import (
    Animal,
    Genotype,
    HusbandryLog,
    Lease,
    Reminder,
    Species,
    Trait,
    Transfer,
)
from reptidex_common.models.animal_enums import AnimalStatus, LeaseStatus, TransferStatus
from reptidex_common.models.core import Vivarium


async def get_transfer(
    session: AsyncSession, transfer_id: uuid.UUID, *, for_update: bool = False
) -> Transfer | None:
    return await session.get(Transfer, transfer_id, with_for_update=for_update)


async def get_lease(
    session: AsyncSession, lease_id: uuid.UUID, *, for_update: bool = False
) -> Lease | None:
    return await session.get(Lease, lease_id, with_for_update=for_update)


async def live_vivarium(session: AsyncSession, vivarium_id: uuid.UUID) -> Vivarium | None:
    return await session.scalar(
        select(Vivarium).where(Vivarium.id == vivarium_id, Vivarium.deleted_at.is_(None))
    )


async def vivariums_by_id(session: AsyncSession, ids: set[uuid.UUID]) -> dict[uuid.UUID, Vivarium]:
    if not ids:
        return {}
    return {v.id: v for v in await session.scalars(select(Vivarium).where(Vivarium.id.in_(ids)))}


async def has_pending_transfer(session: AsyncSession, animal_id: uuid.UUID) -> bool:
    found = await session.scalar(
        select(Transfer.id).where(
            Transfer.animal_id == animal_id, Transfer.status == TransferStatus.pending
        )
    )
    return found is not None


async def has_active_lease(session: AsyncSession, animal_id: uuid.UUID) -> bool:
    found = await session.scalar(
        select(Lease.id).where(Lease.animal_id == animal_id, Lease.status == LeaseStatus.active)
    )
    return found is not None


def transfers_of(vivarium_id: uuid.UUID, *, incoming: bool) -> Select[Any]:
    column = Transfer.to_vivarium_id if incoming else Transfer.from_vivarium_id
    return select(Transfer).where(column == vivarium_id)


def accepted_transfers_from(vivarium_id: uuid.UUID) -> Select[Any]:
    return select(Transfer).where(
        Transfer.from_vivarium_id == vivarium_id, Transfer.status == TransferStatus.accepted
    )


def active_leases_into(vivarium_id: uuid.UUID) -> Select[Any]:
    return select(Lease).where(
        Lease.borrower_vivarium_id == vivarium_id, Lease.status == LeaseStatus.active
    )


def active_leases_out_of(vivarium_id: uuid.UUID) -> Select[Any]:
    return select(Lease).where(
        Lease.lender_vivarium_id == vivarium_id, Lease.status == LeaseStatus.active
    )


async def species_names(session: AsyncSession, ids: set[uuid.UUID]) -> dict[uuid.UUID, Species]:
    if not ids:
        return {}
    return {s.id: s for s in await session.scalars(select(Species).where(Species.id.in_(ids)))}


async def genotypes_of(
    session: AsyncSession, animal_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[dict[str, Any]]]:
    found: dict[uuid.UUID, list[dict[str, Any]]] = {animal_id: [] for animal_id in animal_ids}
    if not animal_ids:
        return found
    rows = await session.execute(
        select(Genotype, Trait.name)
        .join(Trait, Trait.id == Genotype.trait_id)
        .where(Genotype.animal_id.in_(animal_ids))
        .order_by(Trait.name)
    )
    for genotype, trait_name in rows:
        found[genotype.animal_id].append(
            {
                "trait_id": str(genotype.trait_id),
                "trait": trait_name,
                "state": genotype.state.value,
                "het_percent": genotype.het_percent,
                "proof": genotype.proof.value,
            }
        )
    return found


async def animals_by_id(session: AsyncSession, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Animal]:
    if not ids:
        return {}
    return {a.id: a for a in await session.scalars(select(Animal).where(Animal.id.in_(ids)))}


async def log_count(session: AsyncSession, animal_id: uuid.UUID) -> int:
    count = await session.scalar(
        select(func.count()).select_from(HusbandryLog).where(HusbandryLog.animal_id == animal_id)
    )
    return int(count or 0)


async def display_id_taken(session: AsyncSession, vivarium_id: uuid.UUID, display_id: str) -> bool:
    found = await session.scalar(
        select(Animal.id).where(Animal.vivarium_id == vivarium_id, Animal.display_id == display_id)
    )
    return found is not None


async def stop_reminders(
    session: AsyncSession, animal_id: uuid.UUID, vivarium_id: uuid.UUID
) -> None:
    """The sender no longer keeps the animal: its care reminders there stop firing."""
    await session.execute(
        update(Reminder)
        .where(Reminder.animal_id == animal_id, Reminder.vivarium_id == vivarium_id)
        .values(active=False)
    )


def pending_transfers_expiring(now: datetime, within: timedelta) -> Any:
    """Mark pending transfers that expire within `within` and were not noticed yet."""
    return (
        update(Transfer)
        .where(
            Transfer.status == TransferStatus.pending,
            Transfer.expires_at > now,
            Transfer.expires_at <= now + within,
            Transfer.expiring_noticed_at.is_(None),
        )
        .values(expiring_noticed_at=now)
        .returning(
            Transfer.id,
            Transfer.animal_id,
            Transfer.from_vivarium_id,
            Transfer.to_vivarium_id,
            Transfer.expires_at,
        )
    )


def pending_transfers_past(now: datetime) -> Any:
    return (
        update(Transfer)
        .where(Transfer.status == TransferStatus.pending, Transfer.expires_at <= now)
        .values(status=TransferStatus.expired)
        .returning(
            Transfer.id, Transfer.animal_id, Transfer.from_vivarium_id, Transfer.to_vivarium_id
        )
    )


def deleted_vivariums() -> Select[Any]:
    # Read from core's table: a deleted vivarium answers 404 everywhere, and what hangs off it
    # here must stop too (core never writes this schema).
    return select(Vivarium.id).where(Vivarium.deleted_at.is_not(None))


def cancel_pending_transfers(condition: ColumnElement[bool], reason: Any) -> Any:
    """Cancel the pending transfers matching `condition`, recording why (a text or SQL)."""
    return (
        update(Transfer)
        .where(Transfer.status == TransferStatus.pending, condition)
        .values(status=TransferStatus.canceled, close_reason=reason)
        .returning(
            Transfer.id,
            Transfer.animal_id,
            Transfer.from_vivarium_id,
            Transfer.to_vivarium_id,
            Transfer.close_reason,
        )
        .execution_options(synchronize_session=False)
    )


def deleted_vivariums_left_open() -> Select[Any]:
    """Deleted vivariums that still have a pending transfer, an active lease or reminder."""
    vivarium = Vivarium.id
    return select(vivarium).where(
        Vivarium.deleted_at.is_not(None),
        or_(
            select(Transfer.id)
            .where(
                Transfer.status == TransferStatus.pending,
                (Transfer.from_vivarium_id == vivarium) | (Transfer.to_vivarium_id == vivarium),
            )
            .exists(),
            select(Lease.id)
            .where(
                Lease.status == LeaseStatus.active,
                (Lease.lender_vivarium_id == vivarium) | (Lease.borrower_vivarium_id == vivarium),
            )
            .exists(),
            select(Reminder.id).where(Reminder.active, Reminder.vivarium_id == vivarium).exists(),
        ),
    )


def transfers_of_deleted_vivariums(gone: Any = None) -> Any:
    """Cancel the pending transfers of the deleted vivariums `gone` (default: all of them)."""
    gone = deleted_vivariums() if gone is None else gone
    return cancel_pending_transfers(
        Transfer.from_vivarium_id.in_(gone) | Transfer.to_vivarium_id.in_(gone),
        case(
            (Transfer.from_vivarium_id.in_(gone), "The sending vivarium was deleted."),
            else_="The receiving vivarium was deleted.",
        ),
    )


def end_leases(
    condition: ColumnElement[bool], status: LeaseStatus, reason: Any, now: datetime
) -> Any:
    """End the active leases matching `condition`; returns the ended leases."""
    return (
        update(Lease)
        .where(Lease.status == LeaseStatus.active, condition)
        .values(status=status, ended_at=now, end_reason=reason)
        .returning(Lease)
        .execution_options(synchronize_session=False)
    )


def leases_of_deleted_vivariums(now: datetime, gone: Any = None) -> Any:
    gone = deleted_vivariums() if gone is None else gone
    return end_leases(
        Lease.lender_vivarium_id.in_(gone) | Lease.borrower_vivarium_id.in_(gone),
        LeaseStatus.canceled,
        case(
            (Lease.lender_vivarium_id.in_(gone), "The lending vivarium was deleted."),
            else_="The borrowing vivarium was deleted.",
        ),
        now,
    )


def back_from_lease(lease_ids: Sequence[uuid.UUID]) -> Any:
    """The loaned animals are the lender's own again (status `lease` only while on loan)."""
    on_loan = select(Lease.animal_id).where(Lease.id.in_(lease_ids))
    return (
        update(Animal)
        .where(Animal.id.in_(on_loan), Animal.status == AnimalStatus.lease)
        .values(status=AnimalStatus.active)
        .execution_options(synchronize_session=False)
    )


def stop_lease_reminders(lease_ids: Sequence[uuid.UUID]) -> Any:
    return (
        update(Reminder)
        .where(Reminder.lease_id.in_(lease_ids), Reminder.active)
        .values(active=False)
        .execution_options(synchronize_session=False)
    )


def reminders_of_deleted_vivariums(gone: Any = None) -> Any:
    gone = deleted_vivariums() if gone is None else gone
    return (
        update(Reminder)
        .where(Reminder.active, Reminder.vivarium_id.in_(gone))
        .values(active=False)
        .execution_options(synchronize_session=False)
    )


async def deleted_side(session: AsyncSession, first: uuid.UUID, second: uuid.UUID) -> int | None:
    """0 or 1 for whichever of the two vivariums is deleted (the first checked first)."""
    gone = set(
        await session.scalars(
            select(Vivarium.id).where(
                Vivarium.id.in_([first, second]), Vivarium.deleted_at.is_not(None)
            )
        )
    )
    if first in gone:
        return 0
    if second in gone:
        return 1
    return None
