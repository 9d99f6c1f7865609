"""A consumer's side of events: apply each event once, however often it is delivered.

The inbox row (the event id) and the handler's writes commit in one transaction: an event is
either applied and remembered, or neither, and a redelivery of an applied one is a no-op. An
envelope that does not parse, or a type or version this consumer has no handler for, is not
retried: it goes to the dead letters at once (tasks.dead_letters).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, cast

from celery import Celery, Task
from pydantic import ValidationError
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from reptidex_common.events.catalogue import EventData, UnknownEvent, spec_for
from reptidex_common.events.delivery import receive_task_name
from reptidex_common.events.envelope import EventEnvelope
from reptidex_common.models.outbox import INBOX_MODELS
from reptidex_common.tasks.celery_app import RETRY_POLICY
from reptidex_common.tasks.worker_db import worker_session

Handler = Callable[[Session, EventEnvelope, Any], None]


def apply_event(
    session: Session, service: str, event: dict[str, Any], handlers: Mapping[str, Handler]
) -> bool:
    """Apply `event` with its handler and record it in the inbox, in the session's transaction
    (the caller commits). False when this service had already applied it."""
    envelope = EventEnvelope.model_validate(event)
    handler = handlers.get(envelope.type)
    if handler is None:
        raise UnknownEvent(f"{service} has no handler for {envelope.type}")
    data: EventData = spec_for(envelope.type, envelope.version).data.model_validate(envelope.data)
    inbox = INBOX_MODELS[service]
    first_time = session.execute(
        insert(inbox)
        .values(
            event_id=envelope.id,
            event_type=envelope.type,
            producer=envelope.producer,
            occurred_at=envelope.occurred_at,
        )
        .on_conflict_do_nothing(index_elements=["event_id"])
        .returning(inbox.event_id)
    ).first()
    if first_time is None:
        return False
    handler(session, envelope, data)
    return True


def register_event_consumer(
    celery_app: Celery, service: str, handlers: Mapping[str, Handler]
) -> Task:  # type: ignore[type-arg]
    """Register `<service>.events.receive` on the service's Celery app."""

    @celery_app.task(
        name=receive_task_name(service),
        **RETRY_POLICY,
        dont_autoretry_for=(ValidationError, UnknownEvent),
    )
    def receive(event: dict[str, Any]) -> bool:
        with worker_session() as session:
            applied = apply_event(session, service, event, handlers)
            session.commit()
            return applied

    return cast(Task, receive)  # type: ignore[type-arg]
