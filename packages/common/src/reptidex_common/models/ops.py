"""repti-ops's tables: the audit log of every write on the platform."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, Index, String, Text, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from reptidex_common.db.base import Base, IdMixin

SCHEMA = "ops"


class AuditRecord(IdMixin, Base):
    """One write, as its service reported it: append-only (a trigger refuses UPDATE, DELETE and
    TRUNCATE) and chained: `hash` covers the record and the previous record's hash, so an
    altered, removed or inserted row breaks the chain from there on (repti_ops.audit.chain)."""

    __tablename__ = "audit_records"
    __table_args__ = (
        Index("ix_audit_records_vivarium_id_id", "vivarium_id", "id"),
        Index("ix_audit_records_actor_id_id", "actor_id", "id"),
        Index("ix_audit_records_target_id_id", "target_id", "id"),
        Index("ix_audit_records_occurred_at", "occurred_at"),
        {"schema": SCHEMA},
    )

    # Position in the chain: 1, 2, 3, ... with no gaps.
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    # The audit event's id: a redelivered event appends nothing.
    event_id: Mapped[uuid.UUID] = mapped_column(unique=True)
    producer: Mapped[str] = mapped_column(String(40))
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    recorded_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    actor_type: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[str | None] = mapped_column(String(64))
    actor_via: Mapped[str | None] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(120))
    target_type: Mapped[str] = mapped_column(String(60))
    target_id: Mapped[str | None] = mapped_column(String(64))
    vivarium_id: Mapped[uuid.UUID | None] = mapped_column()
    # {field: {"before": ..., "after": ...}} for the fields that changed, secrets left out.
    changes: Mapped[dict[str, Any]] = mapped_column(JSONB)
    request_id: Mapped[str | None] = mapped_column(String(128))
    client_ip: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
