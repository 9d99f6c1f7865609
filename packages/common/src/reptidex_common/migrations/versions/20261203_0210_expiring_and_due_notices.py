"""Transfers and clutches remember when they were announced as expiring or due to hatch

- `animal.transfers.expiring_noticed_at`: set by the sweep that emits
  `animal.transfer.expiring`, so each transfer is announced once.
- `animal.clutches.due_noticed_at`: set by the sweep that emits `animal.clutch.due`, so each
  clutch is announced once per expected hatch date.

Revision ID: 20261203_0210
Revises: 20261203_0200
Create Date: 2026-12-04 00:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261203_0210"
down_revision: str | None = "20261203_0200"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "transfers",
        sa.Column("expiring_noticed_at", sa.DateTime(timezone=True), nullable=True),
        schema="animal",
    )
    op.add_column(
        "clutches",
        sa.Column("due_noticed_at", sa.DateTime(timezone=True), nullable=True),
        schema="animal",
    )


def downgrade() -> None:
    op.drop_column("clutches", "due_noticed_at", schema="animal")
    op.drop_column("transfers", "expiring_noticed_at", schema="animal")
