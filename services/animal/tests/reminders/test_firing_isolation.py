"""One reminder the worker cannot read or fire must not stop everyone else's reminders."""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from repti_animal.reminders import tasks
from repti_animal.reminders.firing import fire_due_batch
from reptidex_common import vivarium_time
from reptidex_common.models.animal import DueNotification

from ..bounds.planting import plant
from .test_firing import NOW, new_reminder, new_vivarium, sync_session

__all__ = ["sync_session"]


def test_a_reminder_stored_as_infinity_does_not_stop_other_vivariums(
    sync_session: Session, caplog: pytest.LogCaptureFixture
) -> None:
    broken = new_vivarium(sync_session)
    bad_id = new_reminder(sync_session, broken, title="Old bad row", next_due_at=NOW).id
    # Due first of all (`-infinity <= now`), and unreadable by the worker's driver.
    plant(sync_session, "reminders", "next_due_at", "-infinity", bad_id)
    good = [
        new_reminder(sync_session, new_vivarium(sync_session), title="Mist", interval_days=1, next_due_at=NOW)
        for _ in range(2)
    ]  # fmt: skip
    failed: set[uuid.UUID] = set()

    with caplog.at_level(logging.ERROR):
        fired = fire_due_batch(sync_session, NOW, failed=failed)

    assert fired == 2
    notified = set(
        sync_session.scalars(
            select(DueNotification.reminder_id).where(
                DueNotification.reminder_id.in_([bad_id, *(r.id for r in good)])
            )
        )
    )
    assert notified == {r.id for r in good}
    assert failed == {bad_id}
    assert str(bad_id) in caplog.text
    for reminder in good:
        sync_session.refresh(reminder)
        assert reminder.next_due_at == NOW + timedelta(days=1)


def test_the_task_skips_a_failing_reminder_in_every_batch(
    sync_session: Session, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """More unreadable rows than one batch holds still let the rest through in the same run."""
    monkeypatch.setattr(tasks, "FIRE_BATCH_SIZE", 2)
    monkeypatch.setattr(tasks, "worker_session", lambda: _NoClose(sync_session))
    monkeypatch.setattr(vivarium_time, "clock", lambda: NOW)
    broken = new_vivarium(sync_session)
    bad = [
        new_reminder(sync_session, broken, title=f"Bad {n}", next_due_at=NOW - timedelta(days=1)).id
        for n in range(3)
    ]
    for reminder_id in bad:
        plant(sync_session, "reminders", "next_due_at", "-infinity", reminder_id)
    good = new_reminder(sync_session, new_vivarium(sync_session), title="Feed", next_due_at=NOW)

    with caplog.at_level(logging.WARNING):
        assert tasks.fire_due() == 1

    assert sync_session.scalar(
        select(DueNotification.id).where(DueNotification.reminder_id == good.id)
    )
    assert "3 due reminders could not be fired" in caplog.text
    assert all(str(reminder_id) in caplog.text for reminder_id in bad)


class _NoClose:
    """The test's session as the task's `with worker_session()`: committed into a savepoint."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def __enter__(self) -> Session:
        return self.session

    def __exit__(self, *exc: object) -> None:
        return None
