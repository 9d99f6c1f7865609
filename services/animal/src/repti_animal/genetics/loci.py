"""From parents' genotype lists to loci, and each parent's allele pairs at each locus.

A locus is one gene: a trait on its own, or every trait of one allelic group (the BEL
complex's Mojave, Lesser, Butter... are alternative versions of one gene, so an animal has
at most two of them). A parent's state at a locus is a probability distribution over
unordered allele pairs: certain for visual, het and super; a mixture for a possible het.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import product

from repti_animal.genetics.exceptions import FieldProblem
from repti_animal.genetics.model import (
    HET_PERCENT_PROBABILITY,
    NORMAL,
    Allele,
    ParentGene,
    TraitSpec,
)
from reptidex_common.models.animal_enums import GenotypeState

Pair = tuple[Allele, Allele]
PairDistribution = dict[Pair, Fraction]


def allele_order(allele: Allele) -> tuple[int, int]:
    # The normal allele sorts last, so a pair reads (mutant, normal).
    return (1, 0) if allele is None else (0, allele.rank)


def make_pair(first: Allele, second: Allele) -> Pair:
    """Allele pairs are unordered; one canonical order makes equal pairs equal keys."""
    if allele_order(second) < allele_order(first):
        return (second, first)
    return (first, second)


def locus_key(trait: TraitSpec) -> str:
    return f"group:{trait.allelic_group}" if trait.allelic_group else f"trait:{trait.id}"


@dataclass(frozen=True)
class Locus:
    key: str
    # The mutant alleles either parent carries here, in catalogue order.
    alleles: tuple[TraitSpec, ...]
    group: str | None


@dataclass(frozen=True)
class ParentLoci:
    """A parent split into what the Punnett square handles and what it cannot."""

    # Keyed by locus key; loci where the parent has nothing are left out (normal/normal).
    pairs: dict[str, PairDistribution]
    non_mendelian: tuple[TraitSpec, ...]


def _state_problem(trait: TraitSpec, gene: ParentGene) -> str | None:
    """Why this state cannot exist for this kind of trait, if it cannot."""
    if gene.state is GenotypeState.possible_het:
        if gene.het_percent not in HET_PERCENT_PROBABILITY:
            return "a possible het needs het_percent 50 or 66"
    elif gene.het_percent is not None:
        return "het_percent is only for a possible het"
    if gene.state in (GenotypeState.het, GenotypeState.possible_het) and not trait.is_recessive:
        # An incomplete dominant or dominant gene always shows: nobody can carry it hidden.
        return f"{trait.name} is {trait.inheritance.value.replace('_', ' ')}: it shows in every carrier, so it cannot be het"
    if gene.state is GenotypeState.super and trait.is_recessive:
        return (
            f"{trait.name} is recessive: an animal showing it has two copies; record it as visual"
        )
    return None


def _copies(trait: TraitSpec, state: GenotypeState) -> int:
    if state is GenotypeState.super:
        return 2
    if state is GenotypeState.visual:
        # A recessive shows only with two copies; anything else shows with one.
        return 2 if trait.is_recessive else 1
    return 1  # het


def _mixture(
    certain: list[TraitSpec], possible: list[tuple[TraitSpec, Fraction]]
) -> PairDistribution:
    """Every way the possible hets may turn out, each independent of the others."""
    distribution: PairDistribution = {}
    for outcome in product((True, False), repeat=len(possible)):
        probability = Fraction(1)
        alleles: list[Allele] = list(certain)
        for carried, (trait, p) in zip(outcome, possible, strict=True):
            probability *= p if carried else 1 - p
            if carried:
                alleles.append(trait)
        if probability == 0:
            continue
        alleles += [NORMAL] * (2 - len(alleles))
        pair = make_pair(alleles[0], alleles[1])
        distribution[pair] = distribution.get(pair, Fraction(0)) + probability
    return distribution


def parent_loci(
    genes: Sequence[ParentGene],
    traits: dict[uuid.UUID, TraitSpec],
    field: str,
) -> tuple[ParentLoci, list[FieldProblem]]:
    """One parent's allele pairs per locus, with every problem of its genotype list.

    `field` is the path of the list in the request, so problems point at the bad entry.
    """
    problems: list[FieldProblem] = []
    seen: set[uuid.UUID] = set()
    certain: dict[str, list[TraitSpec]] = {}
    possible: dict[str, list[tuple[TraitSpec, Fraction]]] = {}
    entry_fields: dict[str, list[str]] = {}
    non_mendelian: list[TraitSpec] = []
    for index, gene in enumerate(genes):
        entry = f"{field}.{index}"
        trait = traits.get(gene.trait_id)
        if trait is None:
            problems.append(
                FieldProblem(f"{entry}.trait_id", "not a trait of this species", "unknown-trait")
            )
            continue
        if gene.trait_id in seen:
            problems.append(
                FieldProblem(
                    f"{entry}.trait_id", f"{trait.name} is listed twice", "duplicate-trait"
                )
            )
            continue
        seen.add(gene.trait_id)
        problem = _state_problem(trait, gene)
        if problem is not None:
            problems.append(FieldProblem(f"{entry}.state", problem, "impossible-state"))
            continue
        if not trait.is_mendelian:
            non_mendelian.append(trait)
            continue
        key = locus_key(trait)
        entry_fields.setdefault(key, []).append(entry)
        if gene.state is GenotypeState.possible_het:
            assert gene.het_percent is not None
            possible.setdefault(key, []).append((trait, HET_PERCENT_PROBABILITY[gene.het_percent]))
        else:
            certain.setdefault(key, []).extend([trait] * _copies(trait, gene.state))

    pairs: dict[str, PairDistribution] = {}
    for key in certain.keys() | possible.keys():
        held = certain.get(key, [])
        maybe = possible.get(key, [])
        if len(held) + len(maybe) > 2:
            group = (held or [maybe[0][0]])[0].allelic_group
            problems.append(
                FieldProblem(
                    entry_fields[key][-1],
                    f"more than two alleles of the {group} group: an animal has two copies of a gene at most",
                    "too-many-alleles",
                )
            )
            continue
        pairs[key] = _mixture(held, maybe)
    return ParentLoci(pairs=pairs, non_mendelian=tuple(non_mendelian)), problems


def build_loci(parents: Sequence[ParentLoci]) -> list[Locus]:
    """The loci at least one parent carries a mutant allele at, in catalogue order."""
    alleles: dict[str, set[TraitSpec]] = {}
    for parent in parents:
        for key, distribution in parent.pairs.items():
            for pair in distribution:
                alleles.setdefault(key, set()).update(a for a in pair if a is not None)
    loci = [
        Locus(
            key=key,
            alleles=tuple(sorted(found, key=lambda t: t.rank)),
            group=next(iter(found)).allelic_group,
        )
        for key, found in alleles.items()
        if found
    ]
    return sorted(loci, key=lambda locus: locus.alleles[0].rank)
