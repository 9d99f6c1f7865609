"""Firing due reminders: the worker-side rules, on a synchronous session (Celery workers).

One call handles one batch in the caller's transaction: lock due reminders (SKIP LOCKED, so
several workers share the load without firing one reminder twice), record a due notification
per reminder, emit its `animal.reminder.due` event, and move the reminder on.

Idempotent: a notification is unique per (reminder, due_at) and only a newly recorded one is
emitted, so a retried or concurrent run never records or emits an occurrence twice.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Collection
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from reptidex_common.db.base import new_id
from reptidex_common.events.emitting import emit
from reptidex_common.events.envelope import SYSTEM
from reptidex_common.events.types.animal import ReminderDue
from reptidex_common.models.animal import DueNotification, Reminder
from reptidex_common.models.core import Vivarium
from reptidex_common.vivarium_time import vivarium_now, wall_clock_instant

FIRE_TASK = "animal.reminders.fire_due"
FIRE_BATCH_SIZE = 200

logger = logging.getLogger(__name__)


def next_occurrence(
    due_at: datetime, interval_days: int | None, now: datetime, time_zone: str
) -> datetime | None:
    """The first occurrence after `now`; None for a one-off reminder.

    Repeats keep the vivarium's wall-clock time: a daily 08:00 reminder stays at 08:00 local
    across daylight-saving changes (24 hours after it would be 07:00 or 09:00).

    Occurrences missed while nothing ran (a stopped worker) are skipped, not replayed: one
    notification says the task is due, a week of stale copies would only be noise.
    """
    if not interval_days:
        return None
    local = vivarium_now(time_zone, due_at)

    def occurrence(steps: int) -> datetime:
        day = local.date() + timedelta(days=interval_days * steps)
        return wall_clock_instant(time_zone, day, local.time())

    # A first guess in elapsed time, then corrected by the hour a DST change may shift it.
    steps = max(1, (now - due_at) // timedelta(days=interval_days))
    while steps > 1 and occurrence(steps - 1) > now:
        steps -= 1
    while occurrence(steps) <= now:
        steps += 1
    return occurrence(steps)


def due_event(reminder: Reminder, notification: DueNotification) -> ReminderDue:
    return ReminderDue(
        reminder_id=reminder.id,
        due_notification_id=notification.id,
        vivarium_id=notification.vivarium_id,
        animal_id=notification.animal_id,
        lease_id=reminder.lease_id,
        title=notification.title,
        due_at=notification.due_at,
    )


def _due_ids(
    session: Session, now: datetime, limit: int, skip: Collection[uuid.UUID]
) -> list[uuid.UUID]:
    """Lock up to `limit` due reminders; only their ids are read, which any row can give."""
    statement = (
        select(Reminder.id)
        .where(Reminder.active, Reminder.next_due_at <= now)
        # A deleted vivarium's reminders never fire again; the transfers sweep then turns
        # them off (this service reads core's `deleted_at`, core never writes here).
        .where(
            Reminder.vivarium_id.not_in(select(Vivarium.id).where(Vivarium.deleted_at.is_not(None)))
        )
        .order_by(Reminder.next_due_at, Reminder.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    if skip:
        statement = statement.where(Reminder.id.not_in(list(skip)))
    return list(session.scalars(statement))


def _fire_one(session: Session, reminder_id: uuid.UUID, now: datetime) -> None:
    reminder, time_zone = session.execute(
        select(Reminder, Vivarium.time_zone)
        .join(Vivarium, Vivarium.id == Reminder.vivarium_id)
        .where(Reminder.id == reminder_id)
    ).one()
    recorded = session.scalars(
        insert(DueNotification)
        .values(
            id=new_id(),
            reminder_id=reminder.id,
            vivarium_id=reminder.vivarium_id,
            animal_id=reminder.animal_id,
            title=reminder.title,
            due_at=reminder.next_due_at,
        )
        .on_conflict_do_nothing(index_elements=["reminder_id", "due_at"])
        .returning(DueNotification)
    ).all()
    for notification in recorded:
        emit(
            session,
            due_event(reminder, notification),
            actor=SYSTEM,
            vivarium_id=notification.vivarium_id,
        )
    following = next_occurrence(reminder.next_due_at, reminder.interval_days, now, time_zone)
    reminder.last_fired_at = now
    if following is None:
        reminder.active = False
    else:
        reminder.next_due_at = following
    session.flush()


def fire_due_batch(
    session: Session,
    now: datetime,
    limit: int = FIRE_BATCH_SIZE,
    failed: set[uuid.UUID] | None = None,
) -> int:
    """Fire up to `limit` due reminders; returns how many were fired.

    Each reminder fires in its own savepoint: one that cannot be read or moved on (an old row
    holding a date the driver cannot decode) is logged with its id, added to `failed` and
    skipped, and the others in the batch still fire. Reminders already in `failed` are not
    selected again, so a run is never stuck on the same bad rows.
    """
    failed = set() if failed is None else failed
    fired = 0
    for reminder_id in _due_ids(session, now, limit, failed):
        try:
            with session.begin_nested():
                _fire_one(session, reminder_id, now)
        except Exception:
            # Any error of one row: the batch belongs to every other vivarium too.
            logger.exception("reminder %s could not be fired; skipped", reminder_id)
            failed.add(reminder_id)
        else:
            fired += 1
    return fired
