"""Import jobs: a CSV import runs in repti-animal's worker and reports its progress.

Revision ID: 20261203_0150
Revises: 20261203_0140
Create Date: 2026-12-03 01:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "20261203_0150"
down_revision: str | None = "20261203_0140"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "import_jobs",
        sa.Column("vivarium_id", sa.Uuid(), nullable=False),
        sa.Column("created_by_id", sa.Uuid(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "queued",
                "running",
                "succeeded",
                "failed",
                name="import_job_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            server_default="queued",
            nullable=False,
        ),
        sa.Column("rows_total", sa.Integer(), nullable=False),
        sa.Column("rows_done", sa.Integer(), server_default="0", nullable=False),
        sa.Column("file", sa.LargeBinary(), nullable=True),
        sa.Column("report", JSONB(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "rows_done >= 0 AND rows_done <= rows_total",
            name=op.f("ck_import_jobs_progress_range"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["core.users.id"],
            name=op.f("fk_import_jobs_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["vivarium_id"],
            ["core.vivariums.id"],
            name=op.f("fk_import_jobs_vivarium_id_vivariums"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_jobs")),
        schema="animal",
    )
    op.create_index(
        "ix_import_jobs_vivarium_id_id",
        "import_jobs",
        ["vivarium_id", "id"],
        unique=False,
        schema="animal",
    )


def downgrade() -> None:
    op.drop_index("ix_import_jobs_vivarium_id_id", table_name="import_jobs", schema="animal")
    op.drop_table("import_jobs", schema="animal")
