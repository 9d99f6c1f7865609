"""The scheduled sweeps behind beat: warn of transfers about to expire, expire stale ones,
close what deleted vivariums left.

Synchronous (Celery workers run outside the event loop) and idempotent: a second run in the
same state changes nothing and queues nothing, so beat may fire twice without harm.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from repti_animal.transfers import repository
from repti_animal.transfers.closing import emit_closed_transfers, emit_ended_leases
from repti_animal.transfers.events import emit_transfer_event, emit_transfer_expiring
from reptidex_common.events.envelope import SYSTEM

logger = logging.getLogger(__name__)


# How long before its expiry an unanswered transfer is announced as expiring.
EXPIRING_WITHIN = timedelta(days=2)


def warn_expiring_transfers(session: Session, now: datetime) -> int:
    """Emit `animal.transfer.expiring` once for each pending transfer expiring soon."""
    rows = session.execute(repository.pending_transfers_expiring(now, EXPIRING_WITHIN)).all()
    for transfer_id, animal_id, from_vivarium_id, to_vivarium_id, expires_at in rows:
        emit_transfer_expiring(
            session,
            transfer_id=transfer_id,
            animal_id=animal_id,
            from_vivarium_id=from_vivarium_id,
            to_vivarium_id=to_vivarium_id,
            expires_at=expires_at,
        )
    return len(rows)


def expire_due_transfers(session: Session, now: datetime) -> int:
    """Mark pending transfers past `expires_at` as expired and tell both sides."""
    rows = session.execute(repository.pending_transfers_past(now)).all()
    for transfer_id, animal_id, from_vivarium_id, to_vivarium_id in rows:
        emit_transfer_event(
            session,
            "expired",
            actor=SYSTEM,
            transfer_id=transfer_id,
            animal_id=animal_id,
            from_vivarium_id=from_vivarium_id,
            to_vivarium_id=to_vivarium_id,
        )
    return len(rows)


@dataclass(frozen=True)
class Closed:
    transfers: int
    leases: int
    reminders: int


def close_for_deleted_vivariums(session: Session, now: datetime) -> Closed:
    """End what a deleted vivarium leaves open: its pending transfers (either direction), its
    leases (either side) and its reminders, each transfer and lease with the reason recorded.

    Core owns vivariums and never writes this schema; this service reads `deleted_at` and
    closes its own rows (reminders also stop firing at once: `reminders.firing` skips deleted
    vivariums).

    Each vivarium is closed in its own savepoint: one whose rows cannot be read or closed is
    logged with its id and left for the next sweep, and the others are still closed.
    """
    totals = Closed(0, 0, 0)
    failed: list[uuid.UUID] = []
    for vivarium_id in session.scalars(repository.deleted_vivariums_left_open()).all():
        try:
            with session.begin_nested():
                closed = _close_for(session, [vivarium_id], now)
        except Exception:
            # Any error of one vivarium's rows: the sweep serves every other vivarium too.
            logger.exception("could not close what deleted vivarium %s left open", vivarium_id)
            failed.append(vivarium_id)
            continue
        totals = Closed(
            totals.transfers + closed.transfers,
            totals.leases + closed.leases,
            totals.reminders + closed.reminders,
        )
    if failed:
        logger.warning(
            "%d deleted vivariums could not be closed: %s",
            len(failed),
            ", ".join(str(vivarium_id) for vivarium_id in failed),
        )
    return totals


def _close_for(session: Session, gone: list[uuid.UUID], now: datetime) -> Closed:
    transfers = session.execute(repository.transfers_of_deleted_vivariums(gone)).all()
    emit_closed_transfers(session, transfers, SYSTEM)
    leases = session.scalars(repository.leases_of_deleted_vivariums(now, gone)).all()
    ids = [x.id for x in leases]
    if ids:
        session.execute(repository.back_from_lease(ids))
        session.execute(repository.stop_lease_reminders(ids))
    emit_ended_leases(session, leases, SYSTEM)
    reminders = session.execute(repository.reminders_of_deleted_vivariums(gone))
    session.flush()
    return Closed(len(transfers), len(leases), int(getattr(reminders, "rowcount", 0) or 0))
