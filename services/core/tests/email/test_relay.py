"""Relay semantics on a real database, inside a transaction that is rolled back afterwards."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from celery import Celery
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import Session

from repti_core.email.outbox import SEND_EMAIL_TASK
from reptidex_common.db import engine as db_engine
from reptidex_common.models.outbox import OUTBOX_MODELS
from reptidex_common.redis import get_redis
from reptidex_common.tasks import relay as relay_module
from reptidex_common.tasks.outbox import OUTBOX_DIRTY, add_outbox_event, relay_outbox
from reptidex_common.tasks.relay import install_outbox_nudge
from reptidex_common.tasks.worker_db import worker_engine

CoreOutbox = OUTBOX_MODELS["core"]


class RecordingSender:
    def __init__(self, *, fail: bool = False) -> None:
        self.fail = fail
        self.sent: list[dict[str, Any]] = []

    def send_task(self, name: str, *, kwargs: dict[str, Any], queue: str, task_id: str) -> None:
        if self.fail:
            raise ConnectionError("broker unreachable")
        self.sent.append({"name": name, "kwargs": kwargs, "queue": queue, "task_id": task_id})


@pytest.fixture
def sync_session(db_engine_for_tests: AsyncEngine) -> Iterator[Session]:
    """The relay's own (sync) session type, on a transaction nobody ever commits."""
    with worker_engine().connect() as connection:
        transaction = connection.begin()
        session = Session(
            bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
        )
        # Rows committed by earlier tests would be relayed first; set them aside (rolled back).
        session.execute(
            update(CoreOutbox)
            .where(CoreOutbox.published_at.is_(None))
            .values(published_at=func.now())
        )
        try:
            yield session
        finally:
            session.close()
            transaction.rollback()


def _queue(session: Session, to: str) -> uuid.UUID:
    add_outbox_event(
        session, SEND_EMAIL_TASK, {"to": to, "subject": "Hi", "text": "Hello", "html": None}
    )
    session.flush()
    return session.scalars(select(CoreOutbox.id).where(CoreOutbox.payload["to"].astext == to)).one()


def test_relay_publishes_a_row_once_and_marks_it(sync_session: Session) -> None:
    event_id = _queue(sync_session, "once@example.com")
    sender = RecordingSender()

    relay_outbox(sync_session, sender, "core")
    relay_outbox(sync_session, sender, "core")

    mine = [call for call in sender.sent if call["task_id"] == str(event_id)]
    assert mine == [
        {
            "name": SEND_EMAIL_TASK,
            "kwargs": {"to": "once@example.com", "subject": "Hi", "text": "Hello", "html": None},
            "queue": "core",
            "task_id": str(event_id),
        }
    ]
    row = sync_session.get_one(CoreOutbox, event_id)
    assert row.published_at is not None
    assert row.attempts == 1
    assert row.last_error is None


def test_failing_sender_leaves_the_row_for_the_next_pass(sync_session: Session) -> None:
    event_id = _queue(sync_session, "later@example.com")

    assert relay_outbox(sync_session, RecordingSender(fail=True), "core") == 0
    row = sync_session.get_one(CoreOutbox, event_id)
    assert row.published_at is None
    assert row.last_error is not None
    assert "broker unreachable" in row.last_error
    assert row.attempts == 1

    sender = RecordingSender()
    relay_outbox(sync_session, sender, "core")
    assert str(event_id) in {call["task_id"] for call in sender.sent}
    assert sync_session.get_one(CoreOutbox, event_id).published_at is not None


class _SessionStub:
    def __init__(self, *, dirty: bool) -> None:
        self.info: dict[str, Any] = {OUTBOX_DIRTY: True} if dirty else {}


async def test_commit_with_outbox_rows_nudges_the_relay_through_the_broker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(db_engine.state, "after_commit_hooks", [])
    install_outbox_nudge("core")
    install_outbox_nudge("core")
    [hook] = db_engine.state.after_commit_hooks

    hook(_SessionStub(dirty=False))  # type: ignore[arg-type]
    await asyncio.sleep(0.3)
    assert await get_redis().llen("core") == 0

    hook(_SessionStub(dirty=True))  # type: ignore[arg-type]
    for _ in range(50):
        if await get_redis().llen("core"):
            break
        await asyncio.sleep(0.05)
    [raw] = await get_redis().lrange("core", 0, -1)
    assert json.loads(raw)["headers"]["task"] == "core.outbox.relay"


def test_a_broker_outage_never_reaches_the_request(monkeypatch: pytest.MonkeyPatch) -> None:
    unreachable = Celery("unreachable", broker="redis://127.0.0.1:1/0")
    unreachable.conf.broker_connection_timeout = 0.5
    monkeypatch.setattr(relay_module, "_publisher", lambda service: unreachable)
    relay_module._send_relay_nudge("core")  # logs and returns
