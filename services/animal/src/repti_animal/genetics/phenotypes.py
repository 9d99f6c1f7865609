"""What offspring look like at one locus, and what they may carry unseen.

Offspring allele pairs are grouped by what shows, since that is all a breeder can tell
apart in a clutch. Within a group, a recessive allele that does not show is carried with a
conditional probability: the normal-looking siblings of het x het are 2/3 het.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from repti_animal.genetics.loci import Locus, Pair, PairDistribution
from repti_animal.genetics.model import TraitSpec
from repti_animal.genetics.welfare import Risk, pair_risks
from reptidex_common.models.animal_enums import GenotypeState


@dataclass(frozen=True)
class ShownGene:
    trait: TraitSpec
    # visual (one copy of a dominant-type gene, or a recessive that shows) or super.
    state: GenotypeState


@dataclass(frozen=True)
class LocusOutcome:
    """One look an offspring can have at one locus."""

    probability: Fraction
    shown: tuple[ShownGene, ...]
    # Recessive alleles carried unseen, with P(carried | this look), in catalogue order.
    carried: tuple[tuple[TraitSpec, Fraction], ...]
    # Flagged risks with P(risk | this look).
    risks: tuple[tuple[Risk, Fraction], ...]
    # Set when the look is two alleles of an allelic group, the same or different ("BEL" for
    # Mojave Lesser and for Super Mojave): breeders know these as one family of morphs.
    group: str | None


def shown_genes(pair: Pair) -> tuple[ShownGene, ...]:
    first, second = pair
    if first is None:
        return ()
    if first == second:
        state = GenotypeState.visual if first.is_recessive else GenotypeState.super
        return (ShownGene(first, state),)
    if second is None:
        return () if first.is_recessive else (ShownGene(first, GenotypeState.visual),)
    # Two different alleles of one gene: dominant-type alleles show over a recessive one; two
    # recessive alleles of one gene show together (a compound, like Candy with Toffee).
    alleles = (first, second)
    showing = [a for a in alleles if not a.is_recessive] or list(alleles)
    return tuple(ShownGene(a, GenotypeState.visual) for a in showing)


def classify(locus: Locus, distribution: PairDistribution) -> list[LocusOutcome]:
    """The looks of offspring at this locus, each with what it may carry."""
    grouped: dict[tuple[ShownGene, ...], list[tuple[Pair, Fraction]]] = {}
    for pair, probability in distribution.items():
        if probability:
            grouped.setdefault(shown_genes(pair), []).append((pair, probability))
    outcomes: list[LocusOutcome] = []
    for shown, pairs in grouped.items():
        total = sum((p for _, p in pairs), Fraction(0))
        showing = {gene.trait for gene in shown}
        carried: dict[TraitSpec, Fraction] = {}
        risks: dict[Risk, Fraction] = {}
        for pair, probability in pairs:
            for allele in dict.fromkeys(a for a in pair if a is not None and a not in showing):
                carried[allele] = carried.get(allele, Fraction(0)) + probability
            for risk in pair_risks(pair):
                risks[risk] = risks.get(risk, Fraction(0)) + probability
        # The normal allele sorts last, so a pair without it has two mutant alleles.
        both_mutant = all(pair[1] is not None for pair, _ in pairs)
        outcomes.append(
            LocusOutcome(
                probability=total,
                shown=shown,
                carried=tuple(
                    (trait, carried[trait] / total)
                    for trait in sorted(carried, key=lambda t: t.rank)
                ),
                risks=tuple(
                    (risk, risks[risk] / total) for risk in sorted(risks, key=Risk.sort_key)
                ),
                group=locus.group if both_mutant else None,
            )
        )
    return outcomes
