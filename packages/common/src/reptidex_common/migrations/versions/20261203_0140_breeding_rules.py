"""Breeding rules: every lock date of a pairing, live-bearers' gestation, hatchlings' first
shed, lethal double copies of carrier-flagged genes and the hobby's names for allelic
combinations.

- `pairings.lock_dates`: every date the pair was seen locked (a pair locks many times in a
  season); the single `events.locked_at` each pairing had becomes its first entry.
- `species.gestation_days_min/max`: days from ovulation to birth for live-bearers.
- `species.first_shed_days`: species whose hatchlings eat only after their first shed (snakes),
  with the days that shed is expected within.
- `traits.homozygous_welfare_flag`: the flag of the homozygous form when it differs from the
  carriers' (Spider: a welfare concern in every carrier, non-viable as a double copy).
- `allelic_combinations`: the names breeders use for two alleles of one gene together
  (Mojave with Lesser is a Blue-Eyed Leucistic), seeded for the ball python BEL complex.

Revision ID: 20261203_0140
Revises: 5e1d7c0a9b21
Create Date: 2026-12-03 01:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql
from uuid_utils.compat import uuid7

revision: str = "20261203_0140"
down_revision: str | None = "5e1d7c0a9b21"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BALL_PYTHON = "Python regius"
BEL_NAME = "Blue-Eyed Leucistic"
# The BEL complex alleles whose every pairing (and every super) is a Blue-Eyed Leucistic.
BEL_ALLELES = ("Mojave", "Lesser", "Butter", "Russo")
# Other well-known names of two BEL-complex alleles together.
NAMED_PAIRS = (("Mojave", "Phantom", "Purple Passion"),)

# (scientific name, gestation days min, max): days from ovulation to birth.
GESTATION = (("Boa constrictor", 100, 120), ("Eryx colubrinus", 100, 130))
# Snakes: hatchlings first eat after their first shed, which comes within about 7-14 days.
FIRST_SHED_DAYS = 14
SNAKES = (
    "Python regius",
    "Pantherophis guttatus",
    "Boa constrictor",
    "Heterodon nasicus",
    "Python brongersmai",
    "Lampropeltis californiae",
    "Morelia spilota",
    "Eryx colubrinus",
)
# Carrier-flagged genes whose own catalogue note calls the homozygous form non-viable.
LETHAL_HOMOZYGOUS = (
    ("Python regius", "Spider"),
    ("Python regius", "Woma"),
    ("Python regius", "Champagne"),
    ("Morelia spilota", "Jaguar"),
)


def _pairs() -> list[tuple[str, str, str]]:
    pairs = []
    for i, first in enumerate(BEL_ALLELES):
        for second in BEL_ALLELES[i:]:
            pairs.append((first, second, BEL_NAME))
    return pairs + list(NAMED_PAIRS)


def upgrade() -> None:
    op.add_column(
        "pairings",
        sa.Column(
            "lock_dates",
            postgresql.ARRAY(sa.Date()),
            server_default=sa.text("'{}'::date[]"),
            nullable=False,
        ),
        schema="animal",
    )
    op.execute(
        "UPDATE animal.pairings SET lock_dates = ARRAY[(events->>'locked_at')::date] "
        "WHERE events ? 'locked_at'"
    )
    op.add_column(
        "species",
        sa.Column("gestation_days_min", sa.SmallInteger(), nullable=True),
        schema="animal",
    )
    op.add_column(
        "species",
        sa.Column("gestation_days_max", sa.SmallInteger(), nullable=True),
        schema="animal",
    )
    op.add_column(
        "species", sa.Column("first_shed_days", sa.SmallInteger(), nullable=True), schema="animal"
    )
    op.add_column(
        "traits",
        sa.Column(
            "homozygous_welfare_flag",
            sa.Enum(
                "none",
                "welfare",
                "lethal",
                name="trait_homozygous_welfare_flag",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            server_default="none",
            nullable=False,
        ),
        schema="animal",
    )
    op.create_table(
        "allelic_combinations",
        sa.Column("species_id", sa.Uuid(), nullable=False),
        sa.Column("first_trait_id", sa.Uuid(), nullable=False),
        sa.Column("second_trait_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.CheckConstraint(
            "first_trait_id <= second_trait_id",
            name=op.f("ck_allelic_combinations_ordered_pair"),
        ),
        sa.ForeignKeyConstraint(
            ["species_id"],
            ["animal.species.id"],
            name=op.f("fk_allelic_combinations_species_id_species"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["first_trait_id"],
            ["animal.traits.id"],
            name=op.f("fk_allelic_combinations_first_trait_id_traits"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["second_trait_id"],
            ["animal.traits.id"],
            name=op.f("fk_allelic_combinations_second_trait_id_traits"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_allelic_combinations")),
        sa.UniqueConstraint(
            "first_trait_id",
            "second_trait_id",
            name=op.f("uq_allelic_combinations_first_trait_id_second_trait_id"),
        ),
        schema="animal",
    )
    op.create_index(
        op.f("ix_animal_allelic_combinations_species_id"),
        "allelic_combinations",
        ["species_id"],
        schema="animal",
    )
    _seed()


def _seed() -> None:
    connection = op.get_bind()
    for scientific, days_min, days_max in GESTATION:
        connection.execute(
            sa.text(
                "UPDATE animal.species SET gestation_days_min = :lo, gestation_days_max = :hi "
                "WHERE scientific_name = :scientific"
            ),
            {"lo": days_min, "hi": days_max, "scientific": scientific},
        )
    connection.execute(
        sa.text(
            "UPDATE animal.species SET first_shed_days = :days WHERE scientific_name = ANY(:names)"
        ),
        {"days": FIRST_SHED_DAYS, "names": list(SNAKES)},
    )
    for scientific, trait in LETHAL_HOMOZYGOUS:
        connection.execute(
            sa.text(
                "UPDATE animal.traits SET homozygous_welfare_flag = 'lethal' WHERE name = :trait "
                "AND species_id = (SELECT id FROM animal.species WHERE scientific_name = :s)"
            ),
            {"trait": trait, "s": scientific},
        )
    for first, second, name in _pairs():
        # Ids in either order: the pair is stored with the smaller id first.
        connection.execute(
            sa.text(
                "INSERT INTO animal.allelic_combinations "
                "(id, species_id, first_trait_id, second_trait_id, name) "
                "SELECT :id, s.id, LEAST(a.id, b.id), GREATEST(a.id, b.id), :name "
                "FROM animal.species s "
                "JOIN animal.traits a ON a.species_id = s.id AND a.name = :first "
                "JOIN animal.traits b ON b.species_id = s.id AND b.name = :second "
                "WHERE s.scientific_name = :s"
            ),
            {"id": uuid7(), "name": name, "first": first, "second": second, "s": BALL_PYTHON},
        )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_animal_allelic_combinations_species_id"),
        table_name="allelic_combinations",
        schema="animal",
    )
    op.drop_table("allelic_combinations", schema="animal")
    op.drop_column("traits", "homozygous_welfare_flag", schema="animal")
    op.drop_column("species", "first_shed_days", schema="animal")
    op.drop_column("species", "gestation_days_max", schema="animal")
    op.drop_column("species", "gestation_days_min", schema="animal")
    # events.locked_at was kept in step with the first lock date, so nothing is lost.
    op.drop_column("pairings", "lock_dates", schema="animal")
