from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from repti_ops.audit.consumer import HANDLERS
from reptidex_common.events.emitting import build_envelope
from reptidex_common.events.envelope import Actor, ActorType, EventEnvelope
from reptidex_common.events.receiving import apply_event
from reptidex_common.events.types.audit import AUDIT_EVENTS
from reptidex_common.tasks.worker_db import worker_session

Record = Callable[..., EventEnvelope]


@pytest.fixture
def record_write(migrated_database: str) -> Record:
    """Deliver one service's audit event to repti-ops, as its worker would."""

    def record(
        *,
        producer: str = "animal",
        vivarium_id: uuid.UUID | None = None,
        actor: Actor | None = None,
        **data: Any,
    ) -> EventEnvelope:
        fields: dict[str, Any] = {
            "action": "animal.update",
            "target_type": "animal",
            "target_id": str(uuid.uuid4()),
            "changes": {"name": {"before": "Nyx", "after": "Nox"}},
            "request_id": uuid.uuid4().hex,
            "client_ip": "203.0.113.9",
            "user_agent": "Mozilla/5.0 (X11; Linux x86_64)",
            **data,
        }
        envelope = build_envelope(
            AUDIT_EVENTS[producer](**fields),
            actor=actor or Actor(type=ActorType.user, id=str(uuid.uuid4())),
            vivarium_id=vivarium_id,
        )
        with worker_session() as session:
            assert apply_event(session, "ops", envelope.model_dump(mode="json"), HANDLERS)
            session.commit()
        return envelope

    return record


def now() -> datetime:
    return datetime.now(UTC)
