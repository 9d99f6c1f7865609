"""Side effects are written to the outbox in the business transaction and relayed after commit.

A crash between commit and publish loses nothing: the relay picks the row up on its next pass.
The relay may publish a row twice (a crash after send, before marking), so consumers are
idempotent; each task gets the outbox row id as its Celery task id to make that easy.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from reptidex_common.db.base import new_id
from reptidex_common.events.delivery import TaskSender, deliver_event
from reptidex_common.models.outbox import OUTBOX_MODELS, OutboxKind

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


async def add_outbox_events(
    session: AsyncSession, task_name: str, payloads: list[dict[str, Any]]
) -> None:
    """`add_outbox_event` for many payloads of one task, written in one statement.

    For bulk writes (an import of thousands of animals), where one ORM object per event
    would cost more than the business rows themselves.
    """
    if not payloads:
        return
    service = task_name.split(".", 1)[0]
    if service not in OUTBOX_MODELS:
        raise ValueError(f"task name must start with a service name: {task_name!r}")
    table = OUTBOX_MODELS[service].__table__
    assert isinstance(table, Table)
    await session.execute(
        text(
            f"INSERT INTO {table.schema}.{table.name} (id, task_name, queue, payload) "  # noqa: S608
            "SELECT id, :task_name, :queue, CAST(payload AS jsonb) "
            "FROM unnest(CAST(:ids AS uuid[]), CAST(:payloads AS text[])) AS e(id, payload)"
        ),
        {
            "task_name": task_name,
            "queue": service,
            "ids": [new_id() for _ in payloads],
            "payloads": [json.dumps(payload) for payload in payloads],
        },
    )
    session.info[OUTBOX_DIRTY] = True


def relay_outbox(session: Session, sender: TaskSender, service: str) -> int:
    """Publish unpublished rows of one service's outbox; returns how many were published.

    A task row goes to its own queue; an event row to every subscribed service's queue.

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
            if event.kind is OutboxKind.event:
                deliver_event(sender, event.id, event.task_name, event.payload)
            else:
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
