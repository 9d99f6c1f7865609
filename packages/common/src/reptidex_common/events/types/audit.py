"""`<service>.audit.recorded`: every service reports each of its writes; repti-ops keeps them.

One event type per producing service (the first part of an event's name is its producer), all
with the same data.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from reptidex_common.db.base import SERVICE_SCHEMAS
from reptidex_common.events.catalogue import EventData, event


class AuditData(EventData):
    """What one write did; who, when and in which vivarium travel in the envelope."""

    # `<domain>.<verb>`, e.g. "transfer.accept", "animal.update".
    action: str = Field(max_length=120)
    target_type: str = Field(max_length=60)
    target_id: str | None = Field(default=None, max_length=64)
    # {field: {"before": ..., "after": ...}} for changed fields only; secrets never.
    changes: dict[str, Any] = Field(default_factory=dict)
    request_id: str | None = Field(default=None, max_length=128)
    client_ip: str | None = Field(default=None, max_length=64)
    user_agent: str | None = Field(default=None, max_length=1000)


def audit_event_type(service: str) -> str:
    return f"{service}.audit.recorded"


AUDIT_EVENTS: dict[str, type[AuditData]] = {
    service: event(audit_event_type(service))(
        type(f"{service.capitalize()}AuditRecorded", (AuditData,), {"__module__": __name__})
    )
    for service in SERVICE_SCHEMAS
}
