"""Reading the domain events a change wrote to repti-animal's outbox."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from reptidex_common.events.catalogue import CATALOGUE, spec_for
from reptidex_common.events.envelope import ActorType, EventEnvelope
from reptidex_common.events.types.audit import audit_event_type
from reptidex_common.models.outbox import OUTBOX_MODELS, OutboxKind

AnimalOutbox = OUTBOX_MODELS["animal"]


def catalogued() -> set[str]:
    """Every domain event type repti-animal may emit (its audit events have their own tests)."""
    spec_for("animal.animal.created", 1)  # loads the catalogue
    return {
        name
        for name, _ in CATALOGUE
        if name.startswith("animal.") and name != audit_event_type("animal")
    }


def _query(event_type: str, match: dict[str, Any]) -> Select[Any]:
    statement = (
        select(AnimalOutbox.payload)
        .where(AnimalOutbox.kind == OutboxKind.event, AnimalOutbox.task_name == event_type)
        .order_by(AnimalOutbox.created_at, AnimalOutbox.id)
    )
    for key, value in match.items():
        statement = statement.where(AnimalOutbox.payload["data"][key].astext == str(value))
    return statement


def _envelopes(payloads: list[dict[str, Any]]) -> list[EventEnvelope]:
    envelopes = [EventEnvelope.model_validate(p) for p in payloads]
    for envelope in envelopes:
        # The data is what the catalogue says this type carries.
        spec_for(envelope.type, envelope.version).data.model_validate(envelope.data)
    return envelopes


async def emitted(session: AsyncSession, event_type: str, **match: Any) -> list[EventEnvelope]:
    """The events of one type whose data has the given values (ids compared as text)."""
    return _envelopes(list(await session.scalars(_query(event_type, match))))


def emitted_sync(session: Session, event_type: str, **match: Any) -> list[EventEnvelope]:
    return _envelopes(list(session.scalars(_query(event_type, match))))


def by_user(envelope: EventEnvelope, user_id: uuid.UUID) -> bool:
    return envelope.actor.type is ActorType.user and envelope.actor.id == str(user_id)


def by_system(envelope: EventEnvelope) -> bool:
    return envelope.actor.type is ActorType.system and envelope.actor.id is None
