"""The scheduled sweeps behind beat: expire stale transfers, remind of lease returns.

Synchronous (Celery workers run outside the event loop) and idempotent: a second run in the
same state changes nothing and queues nothing, so beat may fire twice without harm.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from repti_animal.transfers import repository
from repti_animal.transfers.events import queue_lease_event, queue_transfer_event
from reptidex_common.models.animal import Lease
from reptidex_common.models.core import Vivarium
from reptidex_common.vivarium_time import DEFAULT_TIME_ZONE, vivarium_today

REMINDER_LEAD_DAYS = 7


def expire_due_transfers(session: Session, now: datetime) -> int:
    """Mark pending transfers past `expires_at` as expired and tell both sides."""
    rows = session.execute(repository.pending_transfers_past(now)).all()
    for transfer_id, animal_id, from_vivarium_id, to_vivarium_id in rows:
        queue_transfer_event(
            session,
            "expired",
            transfer_id=transfer_id,
            animal_id=animal_id,
            from_vivarium_id=from_vivarium_id,
            to_vivarium_id=to_vivarium_id,
        )
    return len(rows)


def _reminder_stage(lease: Lease, today: date) -> tuple[str, date] | None:
    """Which reminder is due now and since when: a week ahead, then on the day."""
    assert lease.end_date is not None
    if today >= lease.end_date:
        return "return_due", lease.end_date
    ahead = lease.end_date - timedelta(days=REMINDER_LEAD_DAYS)
    if today >= ahead:
        return "return_due_soon", ahead
    return None


def remind_lease_returns(session: Session, now: datetime) -> int:
    """Queue each lease's due reminder once; `return_reminder_sent_at` records the last one.

    The lender's vivarium decides which day it is; the query's bound is a day wide of UTC so
    it holds every time zone (UTC-12 to UTC+14).
    """
    sent = 0
    leases = session.scalars(
        repository.leases_due_for_reminder(now.date() + timedelta(days=1), REMINDER_LEAD_DAYS)
    ).all()
    for lease in leases:
        lender = session.get(Vivarium, lease.lender_vivarium_id)
        today = vivarium_today(lender or DEFAULT_TIME_ZONE, now)
        stage = _reminder_stage(lease, today)
        if stage is None:
            continue
        event, since = stage
        last = lease.return_reminder_sent_at
        # Sent on or after the stage began: this stage's reminder went out already.
        if last is not None and vivarium_today(lender or DEFAULT_TIME_ZONE, last) >= since:
            continue
        queue_lease_event(session, event, lease)
        lease.return_reminder_sent_at = now
        sent += 1
    session.flush()
    return sent
