"""The transactional outbox: one table per service schema, written in the business transaction."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Index, Integer, String, Text, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from reptidex_common.db.base import SERVICE_SCHEMAS, Base, new_id


class OutboxEvent(Base):
    __abstract__ = True

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    task_name: Mapped[str] = mapped_column(String(120))
    queue: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_error: Mapped[str | None] = mapped_column(Text)


def _outbox_model(schema: str) -> type[OutboxEvent]:
    return type(
        f"{schema.capitalize()}OutboxEvent",
        (OutboxEvent,),
        {
            "__tablename__": "outbox_events",
            "__table_args__": (
                Index(
                    f"ix_{schema}_outbox_events_unpublished",
                    "id",
                    postgresql_where=text("published_at IS NULL"),
                ),
                {"schema": schema},
            ),
        },
    )


OUTBOX_MODELS: dict[str, type[OutboxEvent]] = {
    schema: _outbox_model(schema) for schema in SERVICE_SCHEMAS
}
