"""repti-ops's audit log: append-only, hash-chained records of every write

A trigger refuses UPDATE, DELETE and TRUNCATE on `ops.audit_records` for every role, the
application's included; the hash chain (repti_ops.audit.chain) shows any change made by
someone who removed the trigger first.

Revision ID: 20261203_0200
Revises: 20261203_0190
Create Date: 2026-12-03 19:30:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "20261203_0200"
down_revision: str | None = "20261203_0190"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_records",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("producer", sa.String(length=40), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "recorded_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("actor_type", sa.String(length=16), nullable=False),
        sa.Column("actor_id", sa.String(length=64), nullable=True),
        sa.Column("actor_via", sa.String(length=40), nullable=True),
        sa.Column("action", sa.String(length=120), nullable=False),
        sa.Column("target_type", sa.String(length=60), nullable=False),
        sa.Column("target_id", sa.String(length=64), nullable=True),
        sa.Column("vivarium_id", sa.Uuid(), nullable=True),
        sa.Column("changes", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("request_id", sa.String(length=128), nullable=True),
        sa.Column("client_ip", sa.String(length=64), nullable=True),
        sa.Column("user_agent", sa.Text(), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_records")),
        sa.UniqueConstraint("seq", name=op.f("uq_audit_records_seq")),
        sa.UniqueConstraint("event_id", name=op.f("uq_audit_records_event_id")),
        schema="ops",
    )
    for name, columns in (
        ("ix_audit_records_vivarium_id_id", ["vivarium_id", "id"]),
        ("ix_audit_records_actor_id_id", ["actor_id", "id"]),
        ("ix_audit_records_target_id_id", ["target_id", "id"]),
        ("ix_audit_records_occurred_at", ["occurred_at"]),
    ):
        op.create_index(name, "audit_records", columns, schema="ops")
    op.execute(
        """
        CREATE FUNCTION ops.audit_records_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit records are append-only (% refused)', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END;
        $$
        """
    )
    op.execute(
        "CREATE TRIGGER audit_records_no_update_or_delete BEFORE UPDATE OR DELETE "
        "ON ops.audit_records FOR EACH ROW EXECUTE FUNCTION ops.audit_records_append_only()"
    )
    op.execute(
        "CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE "
        "ON ops.audit_records FOR EACH STATEMENT EXECUTE FUNCTION ops.audit_records_append_only()"
    )


def downgrade() -> None:
    op.drop_table("audit_records", schema="ops")
    op.execute("DROP FUNCTION ops.audit_records_append_only()")
