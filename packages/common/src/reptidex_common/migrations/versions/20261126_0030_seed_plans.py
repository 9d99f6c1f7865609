"""Seed the four plans: Hobbyist (free, the default), Keeper, Breeder, Collector.

Revision ID: 7c1e5a2b9d10
Revises: 43d9a3e8e7dd
Create Date: 2026-11-26 00:30:00
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "7c1e5a2b9d10"
down_revision: str | None = "43d9a3e8e7dd"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GIB = 1024**3
PLANS = [
    {
        "code": "hobbyist",
        "name": "Hobbyist",
        "monthly_price_cents": 0,
        "is_default": True,
        "sort_order": 0,
        "description": "For keepers with a few animals: full records, lineage and husbandry.",
        "entitlements": {
            "max_animals": 50,
            "max_pairings": 5,
            "storage_bytes": 1 * GIB,
            "collaborators": 1,
            "listing_kinds": ["animal"],
            "featured_placement": False,
            "pedigree_qr": False,
        },
    },
    {
        "code": "keeper",
        "name": "Keeper",
        "monthly_price_cents": 500,
        "is_default": False,
        "sort_order": 1,
        "description": "For growing collections: more animals, pairings and photos.",
        "entitlements": {
            "max_animals": 250,
            "max_pairings": 25,
            "storage_bytes": 10 * GIB,
            "collaborators": 3,
            "listing_kinds": ["animal", "equipment"],
            "featured_placement": False,
            "pedigree_qr": True,
        },
    },
    {
        "code": "breeder",
        "name": "Breeder",
        "monthly_price_cents": 1500,
        "is_default": False,
        "sort_order": 2,
        "description": "For breeding businesses: every listing kind, featuring and a team.",
        "entitlements": {
            "max_animals": 2500,
            "max_pairings": 250,
            "storage_bytes": 100 * GIB,
            "collaborators": 10,
            "listing_kinds": ["animal", "pair", "group", "equipment"],
            "featured_placement": True,
            "pedigree_qr": True,
        },
    },
    {
        "code": "collector",
        "name": "Collector",
        "monthly_price_cents": 4000,
        "is_default": False,
        "sort_order": 3,
        "description": "For the largest facilities: no animal or pairing limits.",
        "entitlements": {
            "max_animals": None,
            "max_pairings": None,
            "storage_bytes": 1000 * GIB,
            "collaborators": 50,
            "listing_kinds": ["animal", "pair", "group", "equipment"],
            "featured_placement": True,
            "pedigree_qr": True,
        },
    },
]

plans = sa.table(
    "plans",
    sa.column("id", sa.Uuid()),
    sa.column("code", sa.String()),
    sa.column("name", sa.String()),
    sa.column("description", sa.Text()),
    sa.column("monthly_price_cents", sa.Integer()),
    sa.column("entitlements", JSONB()),
    sa.column("is_default", sa.Boolean()),
    sa.column("sort_order", sa.Integer()),
    schema="core",
)


def upgrade() -> None:
    op.bulk_insert(plans, [{**plan, "id": uuid.uuid4()} for plan in PLANS])


def downgrade() -> None:
    op.execute(
        sa.text("DELETE FROM core.plans WHERE code IN ('hobbyist','keeper','breeder','collector')")
    )
