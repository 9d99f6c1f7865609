"""Why a transfer or lease ended without its parties, and reminders that belong to a lease

Revision ID: 20261203_0170
Revises: 20261203_0160
Create Date: 2026-12-03 12:55:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261203_0170"
down_revision: str | None = "20261203_0160"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "transfers",
        sa.Column("close_reason", sa.String(length=300), nullable=True),
        schema="animal",
    )
    op.add_column(
        "leases", sa.Column("end_reason", sa.String(length=300), nullable=True), schema="animal"
    )
    op.add_column(
        "leases", sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True), schema="animal"
    )
    op.add_column("reminders", sa.Column("lease_id", sa.Uuid(), nullable=True), schema="animal")
    op.create_foreign_key(
        op.f("fk_reminders_lease_id_leases"),
        "reminders",
        "leases",
        ["lease_id"],
        ["id"],
        source_schema="animal",
        referent_schema="animal",
        ondelete="CASCADE",
    )
    op.create_index(
        "ix_reminders_lease_id",
        "reminders",
        ["lease_id"],
        unique=False,
        schema="animal",
        postgresql_where=sa.text("lease_id IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_reminders_lease_id", table_name="reminders", schema="animal")
    op.drop_constraint(
        op.f("fk_reminders_lease_id_leases"), "reminders", schema="animal", type_="foreignkey"
    )
    op.drop_column("reminders", "lease_id", schema="animal")
    op.drop_column("leases", "ended_at", schema="animal")
    op.drop_column("leases", "end_reason", schema="animal")
    op.drop_column("transfers", "close_reason", schema="animal")
