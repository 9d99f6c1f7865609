"""Morph names the way breeders write them: "Super Pastel Mojave Lesser Clown het Piebald".

Genes that show with one copy come first, then recessives that show, then what is carried
unseen (certain hets before possible ones); within each kind, catalogue order. The order
never depends on which parent carried what, so a pairing reads the same both ways round.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

from repti_animal.genetics.model import TraitSpec
from repti_animal.genetics.phenotypes import ShownGene
from reptidex_common.models.animal_enums import GenotypeState

NORMAL_NAME = "Normal"


def look_name(shown: Sequence[ShownGene]) -> str | None:
    """The name of one locus's look: "Pastel", "Super Pastel", "Mojave Lesser", "Clown"."""
    if not shown:
        return None
    if len(shown) == 1 and shown[0].state is GenotypeState.super:
        return shown[0].trait.super_name
    return " ".join(gene.trait.name for gene in sorted(shown, key=lambda g: g.trait.rank))


def look_order(shown: Sequence[ShownGene]) -> tuple[int, int]:
    """Where a locus's name goes in the morph name: dominant-type genes first."""
    recessive_only = all(gene.trait.is_recessive for gene in shown)
    return (1 if recessive_only else 0, min(gene.trait.rank for gene in shown))


def visual_name(names: Sequence[str]) -> str:
    """The locus names, already in `look_order`, or "Normal" when nothing shows."""
    return " ".join(names) or NORMAL_NAME


def het_percent(probability: Fraction) -> int:
    """Rounded down, as breeders do (2/3 is "66 %"), and never down to 0 for a real chance."""
    return max(1, math.floor(probability * 100))


def het_label(trait: TraitSpec, probability: Fraction) -> str:
    if probability == 1:
        return f"het {trait.name}"
    return f"{het_percent(probability)}% possible het {trait.name}"


def het_order(trait: TraitSpec, probability: Fraction) -> tuple[bool, int]:
    """Certain hets before possible ones, each in catalogue order."""
    return (probability != 1, trait.rank)


def phenotype_name(visual: str, hets: Sequence[str]) -> str:
    """ "Pastel het Clown"; a normal-looking carrier is just "het Clown"."""
    if visual == NORMAL_NAME and hets:
        return " ".join(hets)
    return " ".join([visual, *hets])
