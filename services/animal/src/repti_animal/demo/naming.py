"""The morph a breeder would write for a genotype: "Pastel Clown het Piebald"."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from repti_animal.genotypes.schemas import GenotypeEntry
from reptidex_common.models.animal import Trait
from reptidex_common.models.animal_enums import GenotypeState, Inheritance


def morph_name(entries: Sequence[GenotypeEntry], traits: dict[uuid.UUID, Trait]) -> str:
    """Genes that show with one copy first, then recessives that show, then what is carried."""
    shown: list[str] = []
    recessive: list[str] = []
    carried: list[str] = []
    possible: list[str] = []
    for entry in entries:
        trait = traits[entry.trait_id]
        if entry.state is GenotypeState.super:
            shown.append(trait.super_form_name or f"Super {trait.name}")
        elif entry.state is GenotypeState.visual:
            target = recessive if trait.inheritance is Inheritance.recessive else shown
            target.append(trait.name)
        elif entry.state is GenotypeState.het:
            carried.append(f"het {trait.name}")
        else:
            possible.append(f"{entry.het_percent}% het {trait.name}")
    look = " ".join([*shown, *recessive])
    hets = [*carried, *possible]
    return " ".join([look, *hets]).strip() if look else (" ".join(hets) or "Normal")
