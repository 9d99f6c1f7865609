"""Seed the species and traits catalogue with real, well-known data.

Incubation figures are the ranges keepers commonly use (days at the given temperature range);
feeding intervals are typical for adults. Traits follow the inheritance breeders have proven
by test breeding. Separate strains that look alike but do not produce each other (the three
leopard gecko albinos, Kahl and Sharp albino boas) are separate recessive loci, so they share
no allelic group; only true alleles (the BEL complex, the Yellow Belly complex, Motley/Stripe
corns) do. Welfare flags record what is publicly reported about a gene, with the scope:
`carrier` (every animal with the gene) or `homozygous` (only the super form).

Revision ID: 5e1d7c0a9b21
Revises: 02648ad99e31
Create Date: 2026-11-26 01:00:00
"""

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB
from uuid_utils.compat import uuid7

revision: str = "5e1d7c0a9b21"
down_revision: str | None = "02648ad99e31"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REC = "recessive"
INC = "incomplete_dominant"
DOM = "dominant"
POLY = "polygenic"
LINE = "line_bred"

BEL = "BEL complex"
YB = "Yellow Belly complex"

# (common name, scientific name, prefix, incubation days min/max, incubation °C min/max,
#  adult feeding interval in days, egg laying). Live-bearers have no incubation data.
SPECIES: list[tuple[str, str, str, int | None, int | None, str | None, str | None, int, bool]] = [
    ("Ball python", "Python regius", "BP", 55, 60, "31.0", "32.2", 10, True),
    ("Leopard gecko", "Eublepharis macularius", "LG", 35, 90, "26.7", "32.2", 3, True),
    ("Crested gecko", "Correlophus ciliatus", "CR", 60, 120, "22.0", "25.5", 3, True),
    ("Corn snake", "Pantherophis guttatus", "CS", 55, 65, "27.0", "29.5", 10, True),
    ("Bearded dragon", "Pogona vitticeps", "BD", 55, 75, "27.8", "30.0", 2, True),
    ("Boa constrictor", "Boa constrictor", "BC", None, None, None, None, 14, False),
    ("Western hognose", "Heterodon nasicus", "WH", 50, 65, "26.5", "29.0", 7, True),
    (
        "African fat-tailed gecko",
        "Hemitheconyx caudicinctus",
        "AFT",
        45,
        75,
        "26.5",
        "31.0",
        4,
        True,
    ),
    ("Blood python", "Python brongersmai", "BLP", 60, 75, "31.0", "32.2", 14, True),
    ("California kingsnake", "Lampropeltis californiae", "CK", 55, 65, "26.7", "28.9", 10, True),
    ("Gargoyle gecko", "Rhacodactylus auriculatus", "GG", 60, 120, "22.0", "25.5", 3, True),
    ("Carpet python", "Morelia spilota", "CP", 50, 60, "31.0", "32.0", 14, True),
    ("Kenyan sand boa", "Eryx colubrinus", "KSB", None, None, None, None, 10, False),
]


def _t(name: str, inheritance: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "inheritance": inheritance, **extra}


SPIDER_NOTE = (
    "Every Spider shows a neurological wobble (head tremor, corkscrewing, poor righting and "
    "strike accuracy) of varying severity; homozygous Spiders are not reliably proven and are "
    "thought to be non-viable."
)
WOMA_NOTE = (
    "Womas are associated with a neurological wobble similar to Spider's; Super Womas are "
    "considered poor doers or non-viable."
)
CHAMPAGNE_NOTE = (
    "Champagnes can show a neurological wobble (head twitching, poor coordination); the super "
    "form is considered lethal."
)
DUCKBILL_NOTE = (
    "{} are prone to spinal kinks and a shortened, flattened snout ('duckbill'); "
    "many breeders avoid producing them."
)

TRAITS: dict[str, list[dict[str, Any]]] = {
    "Python regius": [
        _t("Albino", REC, aliases=["Amelanistic", "T- Albino"]),
        _t("Clown", REC),
        _t("Piebald", REC, aliases=["Pied"]),
        _t("Axanthic (VPI)", REC, aliases=["VPI Axanthic"]),
        _t("Axanthic (TSK)", REC, aliases=["TSK Axanthic"]),
        _t("Desert Ghost", REC),
        _t("Lavender Albino", REC, aliases=["Lavender"]),
        _t("Ultramel", REC),
        _t("Genetic Stripe", REC),
        _t("Hypo", REC, aliases=["Ghost", "Hypomelanistic"]),
        _t("Sunset", REC),
        _t(
            "Caramel Albino",
            REC,
            aliases=["Caramel"],
            welfare_flag="welfare",
            welfare_scope="homozygous",
            welfare_note="Visual Caramel Albinos are reported to be prone to spinal kinks, and "
            "females to poor fertility.",
        ),
        _t("Pastel", INC, super_form_name="Super Pastel"),
        _t("Enchi", INC, super_form_name="Super Enchi"),
        _t("Fire", INC, super_form_name="Black Eyed Leucistic"),
        _t("Yellow Belly", INC, super_form_name="Ivory", allelic_group=YB, aliases=["YB"]),
        _t("Specter", INC, super_form_name="Super Specter", allelic_group=YB),
        _t("Gravel", INC, super_form_name="Super Gravel", allelic_group=YB),
        _t("Asphalt", INC, super_form_name="Super Asphalt", allelic_group=YB),
        _t(
            "Cinnamon",
            INC,
            super_form_name="Super Cinnamon",
            aliases=["Cinny"],
            welfare_flag="welfare",
            welfare_scope="homozygous",
            welfare_note=DUCKBILL_NOTE.format("Super Cinnamons"),
        ),
        _t(
            "Black Pastel",
            INC,
            super_form_name="Super Black Pastel",
            welfare_flag="welfare",
            welfare_scope="homozygous",
            welfare_note=DUCKBILL_NOTE.format("Super Black Pastels"),
        ),
        _t("Mojave", INC, super_form_name="Super Mojave", allelic_group=BEL),
        _t(
            "Lesser",
            INC,
            super_form_name="Super Lesser",
            allelic_group=BEL,
            aliases=["Lesser Platinum"],
        ),
        _t("Butter", INC, super_form_name="Super Butter", allelic_group=BEL),
        _t("Russo", INC, super_form_name="Super Russo", allelic_group=BEL),
        _t("Phantom", INC, super_form_name="Super Phantom", allelic_group=BEL),
        _t("Mystic", INC, super_form_name="Super Mystic", allelic_group=BEL),
        _t("Banana", INC, super_form_name="Super Banana", aliases=["Coral Glow"]),
        _t("Orange Dream", INC, super_form_name="Super Orange Dream", aliases=["OD"]),
        _t("GHI", INC, super_form_name="Super GHI", aliases=["Gotta Have It"]),
        _t("Leopard", INC, super_form_name="Super Leopard"),
        _t("Hidden Gene Woma", INC, super_form_name="Super Hidden Gene Woma", aliases=["HGW"]),
        _t(
            "Spider", DOM, welfare_flag="welfare", welfare_scope="carrier", welfare_note=SPIDER_NOTE
        ),
        _t("Pinstripe", DOM, aliases=["Pin"]),
        _t("Woma", DOM, welfare_flag="welfare", welfare_scope="carrier", welfare_note=WOMA_NOTE),
        _t(
            "Champagne",
            DOM,
            welfare_flag="welfare",
            welfare_scope="carrier",
            welfare_note=CHAMPAGNE_NOTE,
        ),
    ],
    "Eublepharis macularius": [
        # Three independent albino loci: crossing two strains gives normal-looking double hets.
        _t("Tremper Albino", REC, aliases=["Tremper", "T-Albino"]),
        _t("Bell Albino", REC, aliases=["Bell"]),
        _t("Rainwater Albino", REC, aliases=["Rainwater", "Las Vegas Albino"]),
        _t("Eclipse", REC),
        _t("Blizzard", REC),
        _t("Murphy Patternless", REC, aliases=["Patternless"]),
        _t("Marble Eye", REC),
        _t("Mack Snow", INC, super_form_name="Super Snow", aliases=["Snow"]),
        _t("TUG Snow", DOM),
        _t("GEM Snow", DOM),
        _t("Giant", INC, super_form_name="Super Giant"),
        _t(
            "White and Yellow",
            INC,
            super_form_name="Super White and Yellow",
            aliases=["W&Y", "W/Y"],
            welfare_flag="welfare",
            welfare_scope="carrier",
            welfare_note="Neurological signs (head tilt, circling, poor feeding response) are "
            "reported in some White and Yellow animals, more often combined with Enigma.",
        ),
        _t(
            "Lemon Frost",
            INC,
            super_form_name="Super Lemon Frost",
            welfare_flag="welfare",
            welfare_scope="carrier",
            welfare_note="Lemon Frost is associated with iridophoroma (tumours of the "
            "pigment cells, linked to SPINT1); Super Lemon Frosts develop them earlier and more "
            "severely.",
        ),
        _t(
            "Enigma",
            DOM,
            welfare_flag="welfare",
            welfare_scope="carrier",
            welfare_note="Enigma syndrome: neurological signs (circling, head tilt, "
            "stargazing, missing prey) affect many Enigmas to some degree.",
        ),
        _t("Tangerine", LINE),
        _t("Hypo", POLY, aliases=["Hypomelanistic"]),
        _t("Carrot Tail", LINE),
        _t("Black Night", LINE),
    ],
    "Correlophus ciliatus": [
        _t(
            "Lilly White",
            INC,
            super_form_name="Super Lilly White",
            welfare_flag="lethal",
            welfare_scope="homozygous",
            welfare_note="Super Lilly White is lethal: embryos die in the egg or hatchlings "
            "shortly after hatching.",
        ),
        _t(
            "Cappuccino",
            INC,
            super_form_name="Frappuccino",
            welfare_flag="welfare",
            welfare_scope="homozygous",
            welfare_note="Frappuccinos (super Cappuccinos) are reported with facial "
            "malformations, including narrowed or missing nostrils, and high early mortality.",
        ),
        _t("Axanthic", REC),
        _t("Harlequin", POLY),
        _t("Dalmatian", POLY),
        _t("Pinstripe", POLY),
    ],
    "Pantherophis guttatus": [
        _t("Amelanistic", REC, aliases=["Amel", "Albino"]),
        _t("Anerythristic", REC, aliases=["Anery", "Anery A"]),
        _t("Hypomelanistic", REC, aliases=["Hypo", "Hypo A"]),
        _t("Charcoal", REC, aliases=["Anery B"]),
        _t("Caramel", REC),
        _t("Lavender", REC),
        _t("Diffused", REC, aliases=["Bloodred"]),
        _t("Palmetto", REC),
        _t("Motley", REC, allelic_group="Motley/Stripe"),
        _t("Stripe", REC, allelic_group="Motley/Stripe"),
        _t("Tessera", DOM),
    ],
    "Pogona vitticeps": [
        _t("Hypo", REC, aliases=["Hypomelanistic"]),
        _t("Translucent", REC, aliases=["Trans"]),
        _t("Zero", REC),
        _t("Witblits", REC),
        _t(
            "Leatherback",
            INC,
            super_form_name="Silkback",
            welfare_flag="welfare",
            welfare_scope="homozygous",
            welfare_note="Silkbacks have no scales: prone to skin injuries, dehydration, "
            "shedding problems and UV burns.",
        ),
        _t("Citrus", LINE),
    ],
    "Boa constrictor": [
        _t("Hypo", INC, super_form_name="Super Hypo", aliases=["Salmon"]),
        _t("Anerythristic", REC, aliases=["Anery", "Type 1 Anery"]),
        # Kahl and Sharp albinos are two different loci, not alleles.
        _t("Kahl Albino", REC),
        _t("Sharp Albino", REC),
        _t("Jungle", INC, super_form_name="Super Jungle"),
        _t("Motley", INC, super_form_name="Super Motley"),
    ],
    "Heterodon nasicus": [
        _t("Albino", REC, aliases=["Amelanistic"]),
        _t("Axanthic", REC),
        _t("Lavender", REC),
        _t("Toffee Belly", REC),
        _t("Anaconda", INC, super_form_name="Superconda", aliases=["Conda"]),
        _t("Arctic", INC, super_form_name="Super Arctic"),
    ],
    "Hemitheconyx caudicinctus": [
        _t("Amelanistic", REC, aliases=["Amel", "Albino"]),
        _t("Ghost", REC),
    ],
    "Python brongersmai": [_t("Albino", REC, aliases=["T- Albino"])],
    "Lampropeltis californiae": [_t("Albino", REC, aliases=["Amelanistic"])],
    "Morelia spilota": [
        _t("Albino", REC),
        _t(
            "Jaguar",
            DOM,
            welfare_flag="welfare",
            welfare_scope="carrier",
            welfare_note="Jaguars commonly show neurological problems (head tremor, poor "
            "coordination); homozygous Jaguars are considered non-viable.",
        ),
    ],
    "Eryx colubrinus": [
        _t("Albino", REC, aliases=["Amelanistic"]),
        _t("Anerythristic", REC, aliases=["Anery"]),
        _t("Splash", REC),
    ],
}

species_table = sa.table(
    "species",
    sa.column("id", sa.Uuid()),
    sa.column("common_name", sa.String()),
    sa.column("scientific_name", sa.String()),
    sa.column("code_prefix", sa.String()),
    sa.column("incubation_days_min", sa.SmallInteger()),
    sa.column("incubation_days_max", sa.SmallInteger()),
    sa.column("incubation_temp_min_c", sa.Numeric(4, 1)),
    sa.column("incubation_temp_max_c", sa.Numeric(4, 1)),
    sa.column("default_feeding_interval_days", sa.SmallInteger()),
    sa.column("egg_laying", sa.Boolean()),
    schema="animal",
)
traits_table = sa.table(
    "traits",
    sa.column("id", sa.Uuid()),
    sa.column("species_id", sa.Uuid()),
    sa.column("name", sa.String()),
    sa.column("inheritance", sa.String()),
    sa.column("super_form_name", sa.String()),
    sa.column("allelic_group", sa.String()),
    sa.column("welfare_flag", sa.String()),
    sa.column("welfare_scope", sa.String()),
    sa.column("welfare_note", sa.Text()),
    sa.column("aliases", JSONB()),
    schema="animal",
)


def _decimal(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


def upgrade() -> None:
    species_rows = []
    trait_rows = []
    for common, scientific, prefix, days_min, days_max, t_min, t_max, feed, eggs in SPECIES:
        # UUIDv7 in catalogue order, so keyset pages list the most kept species first.
        species_id = uuid7()
        species_rows.append(
            {
                "id": species_id,
                "common_name": common,
                "scientific_name": scientific,
                "code_prefix": prefix,
                "incubation_days_min": days_min,
                "incubation_days_max": days_max,
                "incubation_temp_min_c": _decimal(t_min),
                "incubation_temp_max_c": _decimal(t_max),
                "default_feeding_interval_days": feed,
                "egg_laying": eggs,
            }
        )
        for trait in TRAITS.get(scientific, []):
            trait_rows.append(
                {
                    "id": uuid7(),
                    "species_id": species_id,
                    "super_form_name": None,
                    "allelic_group": None,
                    "welfare_flag": "none",
                    "welfare_scope": "carrier",
                    "welfare_note": None,
                    "aliases": [],
                    **trait,
                }
            )
    op.bulk_insert(species_table, species_rows)
    op.bulk_insert(traits_table, trait_rows)


def downgrade() -> None:
    # Exactly the seeded rows, by their natural keys; anything staff added later stays, and a
    # seeded row that animals still use makes the downgrade fail rather than erase records.
    connection = op.get_bind()
    for scientific, traits in TRAITS.items():
        connection.execute(
            sa.text(
                "DELETE FROM animal.traits WHERE name = ANY(:names) AND species_id = "
                "(SELECT id FROM animal.species WHERE scientific_name = :scientific)"
            ),
            {"names": [trait["name"] for trait in traits], "scientific": scientific},
        )
    connection.execute(
        sa.text("DELETE FROM animal.species WHERE scientific_name = ANY(:names)"),
        {"names": [row[1] for row in SPECIES]},
    )
