"""The genotype rules on their own, including allelic recessives (Motley/Stripe corns)."""

from __future__ import annotations

import uuid

import pytest

from repti_animal.genotypes.exceptions import InvalidGenotype
from repti_animal.genotypes.rules import check_genotype
from repti_animal.genotypes.schemas import GenotypeEntry
from reptidex_common.models.animal import Species, Trait
from reptidex_common.models.animal_enums import GenotypeState, Inheritance

CORN = Species(id=uuid.uuid4(), common_name="Corn snake", scientific_name="P. g.", code_prefix="CS")
MOTLEY = Trait(id=uuid.uuid4(), species_id=CORN.id, name="Motley",
               inheritance=Inheritance.recessive, allelic_group="Motley/Stripe")  # fmt: skip
STRIPE = Trait(id=uuid.uuid4(), species_id=CORN.id, name="Stripe",
               inheritance=Inheritance.recessive, allelic_group="Motley/Stripe")  # fmt: skip
TESSERA = Trait(id=uuid.uuid4(), species_id=CORN.id, name="Tessera",
                inheritance=Inheritance.dominant)  # fmt: skip
HARLEQUIN = Trait(id=uuid.uuid4(), species_id=CORN.id, name="Harlequin",
                  inheritance=Inheritance.polygenic)  # fmt: skip
TRAITS = {t.id: t for t in (MOTLEY, STRIPE, TESSERA, HARLEQUIN)}


def _entry(trait: Trait, state: GenotypeState, het_percent: int | None = None) -> GenotypeEntry:
    return GenotypeEntry.model_validate(
        {"trait_id": trait.id, "state": state, "het_percent": het_percent}
    )


@pytest.mark.parametrize(
    "entries",
    [
        [_entry(MOTLEY, GenotypeState.het), _entry(STRIPE, GenotypeState.het)],
        [_entry(MOTLEY, GenotypeState.visual)],
        [_entry(MOTLEY, GenotypeState.possible_het, 66), _entry(STRIPE, GenotypeState.het)],
        [_entry(TESSERA, GenotypeState.super)],
        [_entry(HARLEQUIN, GenotypeState.visual)],
    ],
)
def test_valid_sets(entries: list[GenotypeEntry]) -> None:
    check_genotype(entries, TRAITS, CORN)


@pytest.mark.parametrize(
    "entries",
    [
        # A visual recessive already holds both copies of the locus.
        [_entry(MOTLEY, GenotypeState.visual), _entry(STRIPE, GenotypeState.het)],
        [_entry(HARLEQUIN, GenotypeState.het)],
        [_entry(HARLEQUIN, GenotypeState.super)],
        [_entry(TESSERA, GenotypeState.het)],
    ],
)
def test_invalid_sets(entries: list[GenotypeEntry]) -> None:
    with pytest.raises(InvalidGenotype):
        check_genotype(entries, TRAITS, CORN)


def test_default_proof() -> None:
    assert _entry(MOTLEY, GenotypeState.visual).effective_proof == "visual"
    assert _entry(MOTLEY, GenotypeState.het).effective_proof == "parentage"
    assert _entry(MOTLEY, GenotypeState.possible_het, 50).effective_proof == "parentage"
