"""A ball-python-like catalogue for the pure calculator tests, with helpers to run crosses."""

from __future__ import annotations

import uuid
from fractions import Fraction
from typing import Any

from repti_animal.genetics.calculator import Prediction, predict
from repti_animal.genetics.model import ParentGene, TraitSpec
from reptidex_common.models.animal_enums import (
    GenotypeState,
    Inheritance,
    WelfareFlag,
    WelfareScope,
)

_DEFINITIONS: list[dict[str, Any]] = [
    {"name": "Clown", "inheritance": Inheritance.recessive},
    {"name": "Piebald", "inheritance": Inheritance.recessive},
    {
        "name": "Pastel",
        "inheritance": Inheritance.incomplete_dominant,
        "super_form_name": "Super Pastel",
    },
    {
        "name": "Mojave",
        "inheritance": Inheritance.incomplete_dominant,
        "super_form_name": "Blue Eyed Leucistic",
        "allelic_group": "BEL",
    },
    {
        "name": "Lesser",
        "inheritance": Inheritance.incomplete_dominant,
        "super_form_name": "Super Lesser",
        "allelic_group": "BEL",
    },
    {
        "name": "Butter",
        "inheritance": Inheritance.incomplete_dominant,
        "allelic_group": "BEL",
    },
    {
        "name": "Spider",
        "inheritance": Inheritance.dominant,
        "welfare_flag": WelfareFlag.welfare,
        "welfare_scope": WelfareScope.carrier,
        "welfare_note": "Neurological wobble in every Spider.",
    },
    {
        "name": "Yellow Belly",
        "inheritance": Inheritance.incomplete_dominant,
        "super_form_name": "Ivory",
    },
    {
        "name": "Lemon Frost",
        "inheritance": Inheritance.incomplete_dominant,
        "welfare_flag": WelfareFlag.lethal,
        "welfare_scope": WelfareScope.homozygous,
        "welfare_note": "Supers develop tumours and die young.",
    },
    {
        "name": "Woma",
        "inheritance": Inheritance.incomplete_dominant,
        "allelic_group": "Woma complex",
        "welfare_flag": WelfareFlag.lethal,
        "welfare_scope": WelfareScope.homozygous,
        "welfare_note": "Super Woma does not survive.",
    },
    {
        "name": "Hidden Gene Woma",
        "inheritance": Inheritance.incomplete_dominant,
        "allelic_group": "Woma complex",
    },
    {"name": "Candy", "inheritance": Inheritance.recessive, "allelic_group": "Candy complex"},
    {"name": "Toffee", "inheritance": Inheritance.recessive, "allelic_group": "Candy complex"},
    {"name": "Albino", "inheritance": Inheritance.recessive},
    {"name": "Axanthic", "inheritance": Inheritance.recessive},
    {"name": "Hypo", "inheritance": Inheritance.line_bred},
    {"name": "Red Stripe", "inheritance": Inheritance.polygenic},
    {"name": "Cinnamon", "inheritance": Inheritance.incomplete_dominant},
    {"name": "Enchi", "inheritance": Inheritance.incomplete_dominant},
    {"name": "Fire", "inheritance": Inheritance.incomplete_dominant},
    {"name": "Ghost", "inheritance": Inheritance.recessive},
    {"name": "Genetic Stripe", "inheritance": Inheritance.recessive},
    {"name": "Desert Ghost", "inheritance": Inheritance.recessive},
    {"name": "Lavender", "inheritance": Inheritance.recessive},
    {"name": "Monarch", "inheritance": Inheritance.recessive},
]

TRAITS: dict[str, TraitSpec] = {
    definition["name"]: TraitSpec(id=uuid.uuid4(), rank=rank, **definition)
    for rank, definition in enumerate(_DEFINITIONS)
}
BY_ID: dict[uuid.UUID, TraitSpec] = {trait.id: trait for trait in TRAITS.values()}
G = GenotypeState


def gene(name: str, state: GenotypeState | str, het_percent: int | None = None) -> ParentGene:
    return ParentGene(TRAITS[name].id, GenotypeState(state), het_percent)


def visual(*names: str) -> list[ParentGene]:
    return [gene(name, G.visual) for name in names]


def het(*names: str) -> list[ParentGene]:
    return [gene(name, G.het) for name in names]


def run(sire: list[ParentGene], dam: list[ParentGene]) -> Prediction:
    return predict(BY_ID, sire, dam)


def odds(prediction: Prediction) -> dict[str, Fraction]:
    """Phenotype → probability; phenotypes are unique within a prediction."""
    result = {outcome.phenotype: outcome.probability for outcome in prediction.outcomes}
    assert len(result) == len(prediction.outcomes)
    return result
