"""What genotype states a trait admits, and how many alleles of its locus each state holds.

Kept with the catalogue because it follows from a trait's inheritance alone; the genotype
rules and the trait-update check both rely on it.
"""

from __future__ import annotations

from reptidex_common.models.animal import Trait
from reptidex_common.models.animal_enums import GenotypeState, Inheritance

_STATES: dict[Inheritance, frozenset[GenotypeState]] = {
    # A recessive gene shows only when homozygous; carriers are hets (proven or possible).
    Inheritance.recessive: frozenset(
        {GenotypeState.visual, GenotypeState.het, GenotypeState.possible_het}
    ),
    # One copy shows; two copies are the super form (homozygous dominants look the same but
    # are provable by test breeding, hence `super` is allowed there too).
    Inheritance.incomplete_dominant: frozenset({GenotypeState.visual, GenotypeState.super}),
    Inheritance.dominant: frozenset({GenotypeState.visual, GenotypeState.super}),
    # Many genes of small effect: there is no het or super to record, only the look.
    Inheritance.polygenic: frozenset({GenotypeState.visual}),
    Inheritance.line_bred: frozenset({GenotypeState.visual}),
}


def allowed_states(
    inheritance: Inheritance, super_form_name: str | None
) -> frozenset[GenotypeState]:
    states = _STATES[inheritance]
    if super_form_name:
        states = states | {GenotypeState.super}
    return states


def trait_allows(trait: Trait, state: GenotypeState) -> bool:
    return state in allowed_states(trait.inheritance, trait.super_form_name)


def allele_count(inheritance: Inheritance, state: GenotypeState) -> int:
    """Copies of the locus a state occupies: a diploid animal has room for two."""
    if state is GenotypeState.super:
        return 2
    if state is GenotypeState.visual:
        return 2 if inheritance is Inheritance.recessive else 1
    return 1  # het or possible het: one copy (possibly) carried
