"""The Punnett square of one locus: each parent passes one of its two alleles at random."""

from __future__ import annotations

from fractions import Fraction

from repti_animal.genetics.loci import PairDistribution, make_pair
from repti_animal.genetics.model import NORMAL, Allele

ALL_NORMAL: PairDistribution = {(NORMAL, NORMAL): Fraction(1)}


def gametes(parent: PairDistribution) -> dict[Allele, Fraction]:
    """The allele a parent passes on, averaged over what the parent may be."""
    passed: dict[Allele, Fraction] = {}
    for (first, second), probability in parent.items():
        for allele in (first, second):
            passed[allele] = passed.get(allele, Fraction(0)) + probability / 2
    return passed


def cross(sire: PairDistribution, dam: PairDistribution) -> PairDistribution:
    """Offspring allele pairs at one locus with their exact probabilities.

    A possible-het parent is a mixture; averaging its gametes first is exact for one
    offspring, because the offspring's two alleles come from different parents.
    """
    offspring: PairDistribution = {}
    for from_sire, p_sire in gametes(sire).items():
        for from_dam, p_dam in gametes(dam).items():
            pair = make_pair(from_sire, from_dam)
            offspring[pair] = offspring.get(pair, Fraction(0)) + p_sire * p_dam
    return offspring
