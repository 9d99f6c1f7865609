"""The transactional outbox, the inbox of applied events and the dead letters: one table of each
per service schema, written only by that service."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import DateTime, Enum, Index, Integer, String, Text, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from reptidex_common.db.base import SERVICE_SCHEMAS, Base, new_id

ModelT = TypeVar("ModelT", bound=Base)


class OutboxKind(StrEnum):
    # A Celery task of the service itself: `task_name` runs on `queue` with `payload`.
    task = "task"
    # A domain event: `task_name` is its type, `payload` its envelope; the relay delivers it to
    # every subscribed service (reptidex_common.events.delivery).
    event = "event"


class OutboxEvent(Base):
    __abstract__ = True

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    kind: Mapped[OutboxKind] = mapped_column(
        Enum(OutboxKind, native_enum=False, create_constraint=True, length=16),
        default=OutboxKind.task,
        server_default=OutboxKind.task.value,
    )
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
                # Replaying events since a time (reptidex_common.events.replay).
                Index(
                    f"ix_{schema}_outbox_events_events_by_time",
                    "created_at",
                    postgresql_where=text("kind = 'event'"),
                ),
                {"schema": schema},
            ),
        },
    )


OUTBOX_MODELS: dict[str, type[OutboxEvent]] = {
    schema: _outbox_model(schema) for schema in SERVICE_SCHEMAS
}


class InboxEvent(Base):
    """An event this service applied: its id is the key that makes a redelivery change nothing."""

    __abstract__ = True

    event_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    event_type: Mapped[str] = mapped_column(String(120))
    producer: Mapped[str] = mapped_column(String(40))
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    applied_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class DeadLetter(Base):
    """A task that failed for good (retries exhausted, or an error not worth retrying), kept
    with what it was given so staff can see it, fix the cause and run it again."""

    __abstract__ = True

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    task_id: Mapped[str] = mapped_column(String(200))
    task_name: Mapped[str] = mapped_column(String(120))
    args: Mapped[list[Any]] = mapped_column(JSONB)
    kwargs: Mapped[dict[str, Any]] = mapped_column(JSONB)
    error: Mapped[str] = mapped_column(Text)
    traceback: Mapped[str | None] = mapped_column(Text)
    retries: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    failed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


def _schema_model(base: type[ModelT], schema: str, table: str, *extra: Any) -> type[ModelT]:
    return type(
        f"{schema.capitalize()}{base.__name__}",
        (base,),
        {"__tablename__": table, "__table_args__": (*extra, {"schema": schema})},
    )


INBOX_MODELS: dict[str, type[InboxEvent]] = {
    schema: _schema_model(InboxEvent, schema, "inbox_events") for schema in SERVICE_SCHEMAS
}
DEAD_LETTER_MODELS: dict[str, type[DeadLetter]] = {
    schema: _schema_model(DeadLetter, schema, "dead_letters") for schema in SERVICE_SCHEMAS
}
