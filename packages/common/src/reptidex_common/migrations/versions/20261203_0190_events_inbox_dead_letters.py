"""Domain events in the outbox, an inbox of applied events and dead letters, in every service

- `outbox_events.kind`: `task` (every existing row) or `event` (a domain event, delivered to
  each subscribed service); an index to replay events since a time.
- `inbox_events`: the events a service applied, keyed by event id, so a redelivery is a no-op.
- `dead_letters`: tasks that failed for good, for staff to see.

Revision ID: 20261203_0190
Revises: 20261203_0180
Create Date: 2026-12-03 19:40:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "20261203_0190"
down_revision: str | None = "20261203_0180"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMAS = ("core", "animal", "commerce", "media", "community", "ops")


def upgrade() -> None:
    for schema in SCHEMAS:
        op.add_column(
            "outbox_events",
            sa.Column(
                "kind",
                sa.Enum(
                    "task",
                    "event",
                    name="outboxkind",
                    native_enum=False,
                    create_constraint=True,
                    length=16,
                ),
                server_default="task",
                nullable=False,
            ),
            schema=schema,
        )
        op.create_index(
            f"ix_{schema}_outbox_events_events_by_time",
            "outbox_events",
            ["created_at"],
            schema=schema,
            postgresql_where=sa.text("kind = 'event'"),
        )
        op.create_table(
            "inbox_events",
            sa.Column("event_id", sa.Uuid(), nullable=False),
            sa.Column("event_type", sa.String(length=120), nullable=False),
            sa.Column("producer", sa.String(length=40), nullable=False),
            sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column(
                "applied_at",
                sa.DateTime(timezone=True),
                server_default=sa.text("now()"),
                nullable=False,
            ),
            sa.PrimaryKeyConstraint("event_id", name=op.f("pk_inbox_events")),
            schema=schema,
        )
        op.create_table(
            "dead_letters",
            sa.Column("id", sa.Uuid(), nullable=False),
            sa.Column("task_id", sa.String(length=200), nullable=False),
            sa.Column("task_name", sa.String(length=120), nullable=False),
            sa.Column("args", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
            sa.Column("kwargs", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
            sa.Column("error", sa.Text(), nullable=False),
            sa.Column("traceback", sa.Text(), nullable=True),
            sa.Column("retries", sa.Integer(), server_default="0", nullable=False),
            sa.Column(
                "failed_at",
                sa.DateTime(timezone=True),
                server_default=sa.text("now()"),
                nullable=False,
            ),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_dead_letters")),
            schema=schema,
        )


def downgrade() -> None:
    for schema in SCHEMAS:
        op.drop_table("dead_letters", schema=schema)
        op.drop_table("inbox_events", schema=schema)
        op.drop_index(
            f"ix_{schema}_outbox_events_events_by_time", table_name="outbox_events", schema=schema
        )
        op.drop_column("outbox_events", "kind", schema=schema)
