"""Emit a domain event: one outbox row of the producer, written in the business transaction.

The event exists exactly when the change it describes was committed; the relay delivers it
afterwards (`delivery.deliver_event`), at least once to every subscriber.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import Table, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from reptidex_common.db.base import new_id
from reptidex_common.events.catalogue import EventData, spec_of
from reptidex_common.events.envelope import Actor, EventEnvelope
from reptidex_common.models.outbox import OUTBOX_MODELS, OutboxKind
from reptidex_common.tasks.outbox import OUTBOX_DIRTY


def build_envelope(
    data: EventData, *, actor: Actor, vivarium_id: uuid.UUID | None
) -> EventEnvelope:
    spec = spec_of(data)
    return EventEnvelope(
        id=new_id(),
        type=spec.name,
        version=spec.version,
        occurred_at=datetime.now(UTC),
        producer=spec.producer,
        actor=actor,
        vivarium_id=vivarium_id,
        data=data.model_dump(mode="json"),
    )


def emit(
    session: AsyncSession | Session,
    data: EventData,
    *,
    actor: Actor,
    vivarium_id: uuid.UUID | None,
) -> EventEnvelope:
    """Write the event to its producer's outbox; it is delivered once the transaction commits."""
    envelope = build_envelope(data, actor=actor, vivarium_id=vivarium_id)
    model = OUTBOX_MODELS[envelope.producer]
    session.add(
        model(
            id=envelope.id,
            kind=OutboxKind.event,
            task_name=envelope.type,
            queue=envelope.producer,
            payload=envelope.model_dump(mode="json"),
        )
    )
    session.info[OUTBOX_DIRTY] = True
    return envelope


async def emit_many(
    session: AsyncSession,
    data: Sequence[EventData],
    *,
    actor: Actor,
    vivarium_id: uuid.UUID | None,
) -> list[EventEnvelope]:
    """`emit` for many events of one producer and one vivarium, written in one statement.

    For bulk writes (an import of thousands of animals), where one ORM object per event would
    cost more than the business rows themselves.
    """
    envelopes = [build_envelope(item, actor=actor, vivarium_id=vivarium_id) for item in data]
    if not envelopes:
        return envelopes
    producers = {envelope.producer for envelope in envelopes}
    if len(producers) != 1:
        raise ValueError(f"one producer per call, not {sorted(producers)}")
    table = OUTBOX_MODELS[producers.pop()].__table__
    assert isinstance(table, Table)
    await session.execute(
        text(
            f"INSERT INTO {table.schema}.{table.name} (id, kind, task_name, queue, payload) "  # noqa: S608
            "SELECT id, :kind, task_name, :queue, CAST(payload AS jsonb) "
            "FROM unnest(CAST(:ids AS uuid[]), CAST(:task_names AS text[]), "
            "CAST(:payloads AS text[])) AS e(id, task_name, payload)"
        ),
        {
            "kind": OutboxKind.event.value,
            "queue": envelopes[0].producer,
            "ids": [envelope.id for envelope in envelopes],
            "task_names": [envelope.type for envelope in envelopes],
            "payloads": [json.dumps(envelope.model_dump(mode="json")) for envelope in envelopes],
        },
    )
    session.info[OUTBOX_DIRTY] = True
    return envelopes
