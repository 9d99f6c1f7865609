"""Firing due reminders (worker side, sync session) and announcing them over Redis pub/sub."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import Session

from repti_animal.reminders import tasks
from repti_animal.reminders.firing import fire_due_batch, next_occurrence
from repti_animal.worker import celery_app
from reptidex_common.events.envelope import EventEnvelope
from reptidex_common.events.types.animal import ReminderDue
from reptidex_common.models.animal import DueNotification, Reminder
from reptidex_common.models.core import Plan, Vivarium
from reptidex_common.models.outbox import OUTBOX_MODELS
from reptidex_common.tasks.worker_db import worker_engine, worker_session

from ..events import by_system, emitted_sync

AnimalOutbox = OUTBOX_MODELS["animal"]
NOW = datetime(2025, 6, 15, 8, 0, tzinfo=UTC)
REMINDER_DUE = "animal.reminder.due"
# The event types these tests see emitted (see `tests/test_event_catalogue.py`).
EMITTED = {REMINDER_DUE}


@pytest.fixture
def sync_session(db_engine_for_tests: AsyncEngine) -> Iterator[Session]:
    """The worker's (sync) session type, on a transaction that is rolled back afterwards."""
    with worker_engine().connect() as connection:
        transaction = connection.begin()
        session = Session(
            bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
        )
        # Reminders committed elsewhere must not be fired by these tests (rolled back anyway).
        session.execute(update(Reminder).values(active=False))
        try:
            yield session
        finally:
            session.close()
            transaction.rollback()


def new_vivarium(session: Session, time_zone: str = "UTC") -> Vivarium:
    plan = session.scalars(select(Plan).where(Plan.is_default.is_(True))).one()
    slug = f"fire-{uuid.uuid4().hex[:10]}"
    vivarium = Vivarium(name=slug, slug=slug, plan_id=plan.id, time_zone=time_zone)
    session.add(vivarium)
    session.flush()
    return vivarium


def new_reminder(session: Session, vivarium: Vivarium, **fields: Any) -> Reminder:
    reminder = Reminder(vivarium_id=vivarium.id, title=fields.pop("title", "Mist"), **fields)
    session.add(reminder)
    session.flush()
    return reminder


def due_events(session: Session, vivarium: Vivarium) -> list[EventEnvelope]:
    return emitted_sync(session, REMINDER_DUE, vivarium_id=vivarium.id)


def test_next_occurrence_skips_missed_ones() -> None:
    due = NOW - timedelta(days=3, hours=1)
    assert next_occurrence(due, None, NOW, "UTC") is None
    assert next_occurrence(due, 1, NOW, "UTC") == due + timedelta(days=4)
    assert next_occurrence(NOW, 7, NOW, "UTC") == NOW + timedelta(days=7)


BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("first", "change"),
    [
        # Spring forward on 29 March 2026 (CET to CEST), fall back on 25 October 2026.
        (datetime(2026, 3, 27, 8, 0, tzinfo=BERLIN), "spring"),
        (datetime(2026, 10, 23, 8, 0, tzinfo=BERLIN), "autumn"),
    ],
)
def test_a_daily_reminder_keeps_its_local_time_across_daylight_saving(
    sync_session: Session, first: datetime, change: str
) -> None:
    """A daily 08:00 reminder in Berlin fires at 08:00 local on both sides of the change."""
    vivarium = new_vivarium(sync_session, "Europe/Berlin")
    reminder = new_reminder(
        sync_session, vivarium, title="Mist", interval_days=1, next_due_at=first
    )
    fired_at: list[datetime] = []
    moment = first
    for _ in range(5):
        assert fire_due_batch(sync_session, moment) == 1, change
        fired_at.append(moment)
        moment = reminder.next_due_at
    local = [instant.astimezone(BERLIN) for instant in fired_at]
    assert [(t.hour, t.minute) for t in local] == [(8, 0)] * 5
    assert [t.date() for t in local] == [first.date() + timedelta(days=n) for n in range(5)]
    offsets = {t.utcoffset() for t in local}
    assert offsets == {timedelta(hours=1), timedelta(hours=2)}  # the change was crossed
    recorded = sync_session.scalars(
        select(DueNotification.due_at)
        .where(DueNotification.reminder_id == reminder.id)
        .order_by(DueNotification.due_at)
    ).all()
    assert [due.astimezone(BERLIN).hour for due in recorded] == [8] * 5


def test_a_time_the_clock_skips_fires_once_the_clock_has_moved_on() -> None:
    """02:30 does not exist in Berlin on 29 March 2026: that day's reminder comes at 03:30."""
    due = datetime(2026, 3, 28, 2, 30, tzinfo=BERLIN)
    following = next_occurrence(due, 1, due, "Europe/Berlin")
    assert following is not None
    assert following.astimezone(BERLIN).replace(tzinfo=None) == datetime(2026, 3, 29, 3, 30)


def test_fire_records_emits_and_advances(sync_session: Session) -> None:
    vivarium = new_vivarium(sync_session)
    recurring = new_reminder(
        sync_session,
        vivarium,
        title="Mist",
        interval_days=2,
        next_due_at=NOW - timedelta(minutes=5),
    )
    one_off = new_reminder(
        sync_session, vivarium, title="Vet visit", next_due_at=NOW - timedelta(hours=1)
    )
    later = new_reminder(
        sync_session, vivarium, title="Later", interval_days=1, next_due_at=NOW + timedelta(hours=1)
    )
    recurring_due = recurring.next_due_at

    assert fire_due_batch(sync_session, NOW) == 2

    notes = sync_session.scalars(select(DueNotification).order_by(DueNotification.due_at)).all()
    assert [(n.title, n.due_at) for n in notes] == [
        ("Vet visit", NOW - timedelta(hours=1)),
        ("Mist", recurring_due),
    ]
    assert all(n.vivarium_id == vivarium.id and n.acknowledged_at is None for n in notes)
    assert recurring.next_due_at == recurring_due + timedelta(days=2)
    assert recurring.active
    assert recurring.last_fired_at == NOW
    assert one_off.active is False
    assert later.next_due_at == NOW + timedelta(hours=1)
    # One `animal.reminder.due` per occurrence, by the system, for the vivarium.
    events = due_events(sync_session, vivarium)
    assert all(by_system(e) and e.vivarium_id == vivarium.id for e in events)
    reminder_of = {"Vet visit": one_off.id, "Mist": recurring.id}
    assert [ReminderDue.model_validate(e.data) for e in events] == [
        ReminderDue(
            reminder_id=reminder_of[n.title],
            due_notification_id=n.id,
            vivarium_id=vivarium.id,
            animal_id=None,
            lease_id=None,
            title=n.title,
            due_at=n.due_at,
        )
        for n in notes
    ]


def test_firing_twice_records_once(sync_session: Session) -> None:
    vivarium = new_vivarium(sync_session)
    reminder = new_reminder(
        sync_session, vivarium, interval_days=1, next_due_at=NOW - timedelta(minutes=1)
    )
    due_at = reminder.next_due_at
    assert fire_due_batch(sync_session, NOW) == 1
    assert fire_due_batch(sync_session, NOW) == 0  # already moved on

    # A re-delivered run that still sees the old due date (e.g. it read before the first
    # committed) hits the unique key: no second notification and no second event.
    reminder.next_due_at = due_at
    sync_session.flush()
    assert fire_due_batch(sync_session, NOW) == 1
    count = sync_session.scalar(
        select(func.count())
        .select_from(DueNotification)
        .where(DueNotification.reminder_id == reminder.id)
    )
    assert count == 1
    assert len(due_events(sync_session, vivarium)) == 1


def test_batches_are_bounded(sync_session: Session) -> None:
    vivarium = new_vivarium(sync_session)
    for i in range(5):
        new_reminder(sync_session, vivarium, title=f"R{i}", next_due_at=NOW - timedelta(minutes=i))
    assert fire_due_batch(sync_session, NOW, limit=3) == 3
    assert fire_due_batch(sync_session, NOW, limit=3) == 2
    assert fire_due_batch(sync_session, NOW, limit=3) == 0


def test_beat_runs_fire_due_every_minute() -> None:
    entry = celery_app.conf.beat_schedule["animal.reminders.fire_due"]
    assert entry["task"] == "animal.reminders.fire_due"
    assert entry["schedule"] == 60.0
    assert "animal.reminders.fire_due" in celery_app.tasks
    # Due reminders travel as `animal.reminder.due` events, not as a task of their own.
    assert "animal.reminders.announce" not in celery_app.tasks


@pytest.mark.worker
def test_fire_due_task_commits_per_batch_and_is_idempotent() -> None:
    """The task itself, against committed rows (cleaned up afterwards)."""
    with worker_session() as session:
        vivarium = new_vivarium(session)
        reminder = new_reminder(
            session,
            vivarium,
            title="Task test",
            interval_days=3,
            next_due_at=datetime.now(UTC) - timedelta(minutes=1),
        )
        session.commit()
        vivarium_id, reminder_id, due_at = vivarium.id, reminder.id, reminder.next_due_at
    try:
        tasks.fire_due.run()
        tasks.fire_due.run()
        with worker_session() as session:
            notes = session.scalars(
                select(DueNotification).where(DueNotification.reminder_id == reminder_id)
            ).all()
            assert [n.due_at for n in notes] == [due_at]
            fresh = session.get_one(Reminder, reminder_id)
            assert fresh.next_due_at == due_at + timedelta(days=3)
            events = emitted_sync(session, REMINDER_DUE, vivarium_id=vivarium_id)
            assert [e.data["reminder_id"] for e in events] == [str(reminder_id)]
    finally:
        with worker_session() as session:
            session.execute(
                delete(AnimalOutbox).where(
                    AnimalOutbox.payload["vivarium_id"].astext == str(vivarium_id)
                )
            )
            session.execute(
                delete(AnimalOutbox).where(
                    AnimalOutbox.payload["data"]["vivarium_id"].astext == str(vivarium_id)
                )
            )
            session.execute(delete(Vivarium).where(Vivarium.id == vivarium_id))  # cascades
            session.commit()
