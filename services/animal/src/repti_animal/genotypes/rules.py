"""Whether a genotype set is biologically possible for an animal of one species."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence

from repti_animal.catalogue.inheritance import allele_count, allowed_states
from repti_animal.genotypes.exceptions import InvalidGenotype
from repti_animal.genotypes.schemas import GenotypeEntry
from reptidex_common.models.animal import Species, Trait

ALLELES_PER_LOCUS = 2  # reptiles are diploid


def _field(index: int, name: str) -> str:
    return f"body.{index}.{name}"


def check_genotype(
    entries: Sequence[GenotypeEntry], traits: dict[uuid.UUID, Trait], species: Species
) -> None:
    """Raise `InvalidGenotype` for the first entry that breaks a rule."""
    seen: set[uuid.UUID] = set()
    alleles: dict[str, int] = defaultdict(int)
    members: dict[str, list[str]] = defaultdict(list)
    for index, entry in enumerate(entries):
        trait = traits.get(entry.trait_id)
        if trait is None or trait.species_id != species.id:
            raise InvalidGenotype(
                _field(index, "trait_id"),
                f"Trait {entry.trait_id} is not a trait of the {species.common_name}.",
            )
        if entry.trait_id in seen:
            raise InvalidGenotype(
                _field(index, "trait_id"), f"{trait.name} is listed more than once."
            )
        seen.add(entry.trait_id)
        allowed = allowed_states(trait.inheritance, trait.super_form_name)
        if entry.state not in allowed:
            kind = trait.inheritance.value.replace("_", " ")
            options = ", ".join(sorted(state.value for state in allowed))
            raise InvalidGenotype(
                _field(index, "state"),
                f"{trait.name} is {kind}: it can be recorded as {options}, not {entry.state.value}.",
            )
        if trait.allelic_group:
            alleles[trait.allelic_group] += allele_count(trait.inheritance, entry.state)
            members[trait.allelic_group].append(trait.name)
            if alleles[trait.allelic_group] > ALLELES_PER_LOCUS:
                raise InvalidGenotype(
                    _field(index, "state"),
                    f"{', '.join(members[trait.allelic_group])} are alleles of one locus "
                    f"({trait.allelic_group}); an animal carries at most two of them in total.",
                )
