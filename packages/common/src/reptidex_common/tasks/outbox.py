"""Side effects are written to the outbox in the business transaction and relayed after commit.

A crash between commit and publish loses nothing: the relay picks the row up on its next pass.
The relay may publish a row twice (a crash after send, before marking), so consumers are
idempotent; each task gets the outbox row id as its Celery task id to make that easy.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from reptidex_common.models.outbox import OUTBOX_MODELS

logger = logging.getLogger(__name__)
OUTBOX_DIRTY = "outbox_dirty"
RELAY_BATCH_SIZE = 200


def add_outbox_event(
    session: AsyncSession | Session, task_name: str, payload: dict[str, Any]
) -> None:
    """Queue `task_name` (named `service.domain.action`) to run once this transaction commits."""
    service = task_name.split(".", 1)[0]
    if service not in OUTBOX_MODELS:
        raise ValueError(f"task name must start with a service name: {task_name!r}")
    session.add(OUTBOX_MODELS[service](task_name=task_name, queue=service, payload=payload))
    session.info[OUTBOX_DIRTY] = True


class TaskSender(Protocol):
    def send_task(self, name: str, *, kwargs: dict[str, Any], queue: str, task_id: str) -> Any: ...


def relay_outbox(session: Session, sender: TaskSender, service: str) -> int:
    """Publish unpublished rows of one service's outbox; returns how many were published.

    SKIP LOCKED lets several relays run at once without publishing the same row together.
    """
    model = OUTBOX_MODELS[service]
    events = session.scalars(
        select(model)
        .where(model.published_at.is_(None))
        .order_by(model.id)
        .limit(RELAY_BATCH_SIZE)
        .with_for_update(skip_locked=True)
    ).all()
    published = 0
    for event in events:
        event.attempts += 1
        try:
            sender.send_task(
                event.task_name, kwargs=event.payload, queue=event.queue, task_id=str(event.id)
            )
        except Exception as exc:  # the broker is down: leave the row for the next pass
            event.last_error = repr(exc)[:2000]
            logger.warning(
                "outbox publish failed", extra={"task": event.task_name, "error": repr(exc)}
            )
            break
        event.published_at = datetime.now(UTC)
        published += 1
    session.commit()
    return published
