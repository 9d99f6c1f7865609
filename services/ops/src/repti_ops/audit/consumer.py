"""repti-ops's event handlers: every service's audit event becomes a record in the chain."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from repti_ops.audit.chain import append
from reptidex_common.db.base import SERVICE_SCHEMAS
from reptidex_common.events.envelope import EventEnvelope
from reptidex_common.events.receiving import Handler
from reptidex_common.events.types.audit import AuditData, audit_event_type


def record_audit_event(session: Session, envelope: EventEnvelope, data: Any) -> None:
    assert isinstance(data, AuditData)
    append(session, envelope, data)


HANDLERS: dict[str, Handler] = {
    audit_event_type(service): record_audit_event for service in SERVICE_SCHEMAS
}
