"""Invitation tokens stored as hashes; every vivarium gets a time zone.

Invitation tokens become SHA-256 hashes, as refresh and mailed tokens are: a database read no
longer hands out working invitation links. Existing rows are hashed in place, so the links
already emailed keep working.

A vivarium's IANA time zone decides what "today" means for its records. Existing vivariums get
UTC, which is what most of the service assumed until now; owners can change it.

Downgrading cannot recover the raw tokens: the column gets its old name back with the hashes in
it, so invitations sent before the downgrade must be sent again.

Revision ID: 20261203_0130
Revises: 5e1d7c0a9b21
Create Date: 2026-12-03 01:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261203_0130"
down_revision: str | None = "5e1d7c0a9b21"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_constraint("uq_invitations_token", "invitations", schema="core", type_="unique")
    op.alter_column("invitations", "token", new_column_name="token_hash", schema="core")
    # Same digest as reptidex_common.auth.api_keys.hash_token: hex SHA-256 of the UTF-8 token.
    op.execute(
        "UPDATE core.invitations SET token_hash = encode(sha256(convert_to(token_hash, 'UTF8')), 'hex')"
    )
    op.create_unique_constraint(
        op.f("uq_invitations_token_hash"), "invitations", ["token_hash"], schema="core"
    )
    op.add_column(
        "vivariums",
        sa.Column("time_zone", sa.String(length=64), server_default="UTC", nullable=False),
        schema="core",
    )


def downgrade() -> None:
    op.drop_column("vivariums", "time_zone", schema="core")
    op.drop_constraint(
        op.f("uq_invitations_token_hash"), "invitations", schema="core", type_="unique"
    )
    op.alter_column("invitations", "token_hash", new_column_name="token", schema="core")
    op.create_unique_constraint("uq_invitations_token", "invitations", ["token"], schema="core")
