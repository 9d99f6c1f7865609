"""Parent links across vivariums: requests the parent's owner approves, and suspended links.

Revision ID: 20261203_0160
Revises: 20261203_0150
Create Date: 2026-12-03 01:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261203_0160"
down_revision: str | None = "20261203_0150"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "parent_links",
        sa.Column("child_id", sa.Uuid(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "sire",
                "dam",
                name="parent_role",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("parent_id", sa.Uuid(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "approved",
                "declined",
                "canceled",
                "suspended",
                name="parent_link_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            server_default="pending",
            nullable=False,
        ),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("requested_by_id", sa.Uuid(), nullable=True),
        sa.Column("responded_by_id", sa.Uuid(), nullable=True),
        sa.Column("responded_at", sa.DateTime(timezone=True), nullable=True),
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
        sa.CheckConstraint("child_id <> parent_id", name=op.f("ck_parent_links_not_self")),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["animal.animals.id"],
            name=op.f("fk_parent_links_child_id_animals"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["animal.animals.id"],
            name=op.f("fk_parent_links_parent_id_animals"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["core.users.id"],
            name=op.f("fk_parent_links_requested_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["responded_by_id"],
            ["core.users.id"],
            name=op.f("fk_parent_links_responded_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parent_links")),
        schema="animal",
    )
    op.create_index(
        "ix_parent_links_parent_id", "parent_links", ["parent_id"], unique=False, schema="animal"
    )
    op.create_index(
        "uq_parent_links_one_pending_per_role",
        "parent_links",
        ["child_id", "role"],
        unique=True,
        schema="animal",
        postgresql_where=sa.text("status = 'pending'"),
    )


def downgrade() -> None:
    op.drop_index(
        "uq_parent_links_one_pending_per_role",
        table_name="parent_links",
        schema="animal",
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.drop_index("ix_parent_links_parent_id", table_name="parent_links", schema="animal")
    op.drop_table("parent_links", schema="animal")
