"""The domain events of transfers and leases (`animal.transfer.*`, `animal.lease.*`).

Written to the outbox in the transaction of the change; the notifications service tells both
sides (its WebSockets, its emails) from them.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from reptidex_common.events.emitting import emit
from reptidex_common.events.envelope import SYSTEM, Actor
from reptidex_common.events.types.animal import (
    LeaseCanceled,
    LeaseData,
    LeaseReturned,
    LeaseStarted,
    TransferAccepted,
    TransferCanceled,
    TransferData,
    TransferDeclined,
    TransferExpired,
    TransferExpiring,
    TransferOffered,
)
from reptidex_common.models.animal import Lease
from reptidex_common.models.animal_enums import LeaseStatus

TRANSFER_EVENTS: dict[str, type[TransferData]] = {
    "offered": TransferOffered,
    "accepted": TransferAccepted,
    "declined": TransferDeclined,
    "canceled": TransferCanceled,
    "expired": TransferExpired,
}
LEASE_EVENTS: dict[LeaseStatus, type[LeaseData]] = {
    LeaseStatus.active: LeaseStarted,
    LeaseStatus.returned: LeaseReturned,
    LeaseStatus.canceled: LeaseCanceled,
}


def emit_transfer_event(
    session: AsyncSession | Session,
    step: str,
    *,
    actor: Actor,
    transfer_id: uuid.UUID,
    animal_id: uuid.UUID,
    from_vivarium_id: uuid.UUID,
    to_vivarium_id: uuid.UUID,
    reason: str | None = None,
) -> None:
    data = TRANSFER_EVENTS[step](
        transfer_id=transfer_id,
        animal_id=animal_id,
        from_vivarium_id=from_vivarium_id,
        to_vivarium_id=to_vivarium_id,
        reason=reason,
    )
    emit(session, data, actor=actor, vivarium_id=from_vivarium_id)


def emit_transfer_expiring(
    session: AsyncSession | Session,
    *,
    transfer_id: uuid.UUID,
    animal_id: uuid.UUID,
    from_vivarium_id: uuid.UUID,
    to_vivarium_id: uuid.UUID,
    expires_at: datetime,
) -> None:
    """A reminder to the receiver before the offer lapses; time, not a person, says so."""
    data = TransferExpiring(
        transfer_id=transfer_id,
        animal_id=animal_id,
        from_vivarium_id=from_vivarium_id,
        to_vivarium_id=to_vivarium_id,
        expires_at=expires_at,
    )
    emit(session, data, actor=SYSTEM, vivarium_id=from_vivarium_id)


def emit_lease_event(session: AsyncSession | Session, lease: Lease, *, actor: Actor) -> None:
    """The event of the lease's current status: started while active, else how it ended."""
    data = LEASE_EVENTS[lease.status](
        lease_id=lease.id,
        animal_id=lease.animal_id,
        lender_vivarium_id=lease.lender_vivarium_id,
        borrower_vivarium_id=lease.borrower_vivarium_id,
        start_date=lease.start_date,
        end_date=lease.end_date,
        reason=lease.end_reason,
    )
    emit(session, data, actor=actor, vivarium_id=lease.lender_vivarium_id)
