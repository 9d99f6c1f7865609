"""The calculator itself: two parents' genotypes in, every offspring outcome out.

Pure (no database, no I/O) so textbook crosses and property tests run it directly. Loci
are independent, so each is crossed on its own and the outcomes are their Cartesian
product; probabilities stay exact fractions until the response.
"""

from __future__ import annotations

import heapq
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import lcm, prod

from repti_animal.genetics.exceptions import InvalidPairing, TooManyOutcomes
from repti_animal.genetics.loci import Locus, PairDistribution, build_loci, parent_loci
from repti_animal.genetics.model import ParentGene, ParentRole, TraitSpec
from repti_animal.genetics.naming import (
    het_label,
    het_order,
    look_name,
    look_order,
    phenotype_name,
    visual_name,
)
from repti_animal.genetics.phenotypes import LocusOutcome, classify, shown_genes
from repti_animal.genetics.punnett import ALL_NORMAL, cross
from repti_animal.genetics.welfare import Risk, describe, pair_risks
from reptidex_common.models.animal_enums import GenotypeState

# Past twelve genes a pairing is no longer a breeding plan; the caller is asked to leave
# genes out. Up to that, any number of outcomes is answered: the most likely ones listed
# (each gene can triple the list, and a thousand outcomes are about 2 MB of JSON), the rest
# counted and summed exactly as one group.
MAX_LOCI = 12


@dataclass(frozen=True)
class GeneCall:
    """One line of an offspring's genotype, in the vocabulary genotypes are recorded in."""

    trait: TraitSpec
    state: GenotypeState
    # 1 for what is certain; P(het | this outcome) for a possible het.
    probability: Fraction


@dataclass(frozen=True)
class WelfareWarning:
    risk: Risk
    # Within an outcome: P(risk | outcome); for the pairing: P(an offspring has it).
    probability: Fraction
    message: str


@dataclass(frozen=True)
class AllelicCombination:
    group: str
    name: str
    # What breeders call it, when the catalogue knows ("Blue-Eyed Leucistic").
    hobby_name: str | None = None


# The catalogue's names of allelic combinations, by the pair's trait ids: two ids for two
# different alleles, one for the homozygous form.
CombinationNames = Mapping[frozenset[uuid.UUID], str]


def _combination(
    look: LocusOutcome, name: str | None, names: CombinationNames
) -> AllelicCombination | None:
    if not look.group or not name:
        return None
    states = [gene.state for gene in look.shown]
    # Named only when what shows is the whole pair: one allele twice, or two alleles.
    whole_pair = states == [GenotypeState.super] or len(states) == 2
    key = frozenset(gene.trait.id for gene in look.shown)
    return AllelicCombination(look.group, name, names.get(key) if whole_pair else None)


@dataclass(frozen=True)
class Outcome:
    probability: Fraction
    phenotype: str
    visual: str
    hets: tuple[str, ...]
    genotype: tuple[GeneCall, ...]
    warnings: tuple[WelfareWarning, ...]
    combinations: tuple[AllelicCombination, ...]


@dataclass(frozen=True)
class TraitSummary:
    trait: TraitSpec
    shows: Fraction
    homozygous: Fraction
    carries: Fraction


@dataclass(frozen=True)
class NonMendelianNote:
    trait: TraitSpec
    parents: tuple[ParentRole, ...]
    message: str


@dataclass(frozen=True)
class OtherOutcomes:
    """The outcomes past the listed ones, as one group: how many, and how likely together."""

    count: int
    probability: Fraction


@dataclass(frozen=True)
class Prediction:
    # The most likely outcomes, at most the limit asked for.
    outcomes: tuple[Outcome, ...]
    # How many distinct outcomes the pairing has in all.
    outcome_count: int
    # None when every outcome is listed; the listed and other probabilities sum to exactly 1.
    other: OtherOutcomes | None
    traits: tuple[TraitSummary, ...]
    warnings: tuple[WelfareWarning, ...]
    non_mendelian: tuple[NonMendelianNote, ...]


@dataclass(frozen=True)
class _RenderedLook:
    """One locus look with everything an outcome needs from it worked out once.

    A pairing of twelve genes has thousands of outcomes made of a few dozen looks; building
    names, labels and warnings per look rather than per outcome keeps the response fast.
    """

    # The look's probability times the locus's common denominator: products of integers are
    # far cheaper than products of Fractions, and sort the same way.
    weight: int
    name: tuple[tuple[int, int], str] | None
    hets: tuple[tuple[tuple[bool, int], str], ...]
    calls: tuple[GeneCall, ...]
    warnings: tuple[tuple[tuple[int, int, str, int], WelfareWarning], ...]
    combination: AllelicCombination | None


def _render(look: LocusOutcome, denominator: int, names: CombinationNames) -> _RenderedLook:
    name = look_name(look.shown)
    calls = [GeneCall(g.trait, g.state, Fraction(1)) for g in look.shown]
    calls += [
        GeneCall(trait, GenotypeState.het if p == 1 else GenotypeState.possible_het, p)
        for trait, p in look.carried
    ]
    return _RenderedLook(
        weight=int(look.probability * denominator),
        name=(look_order(look.shown), name) if name else None,
        hets=tuple((het_order(t, p), het_label(t, p)) for t, p in look.carried),
        calls=tuple(calls),
        warnings=tuple(
            (risk.sort_key(), WelfareWarning(risk, p, describe(risk, p))) for risk, p in look.risks
        ),
        combination=_combination(look, name, names),
    )


def _render_locus(
    looks: Sequence[LocusOutcome], names: CombinationNames
) -> tuple[int, list[_RenderedLook]]:
    denominator = lcm(*(look.probability.denominator for look in looks))
    return denominator, [_render(look, denominator, names) for look in looks]


def _outcome(parts: Sequence[_RenderedLook], probability: Fraction) -> Outcome:
    names = sorted(part.name for part in parts if part.name)
    hets = [label for _, label in sorted(h for part in parts for h in part.hets)]
    visual = visual_name([name for _, name in names])
    warnings = sorted((w for part in parts for w in part.warnings), key=lambda item: item[0])
    return Outcome(
        probability=probability,
        phenotype=phenotype_name(visual, hets),
        visual=visual,
        hets=tuple(hets),
        genotype=tuple(
            sorted((c for part in parts for c in part.calls), key=lambda c: c.trait.rank)
        ),
        warnings=tuple(w for _, w in warnings),
        combinations=tuple(part.combination for part in parts if part.combination),
    )


def _most_likely(
    looks: Sequence[Sequence[LocusOutcome]], limit: int, names: CombinationNames
) -> list[Outcome]:
    """The `limit` (at least 1) most likely outcomes, ties in name order.

    Walks the Cartesian product of the loci's looks best first instead of listing it: each
    locus's looks are sorted most likely first, so from a combination of look indexes only
    its successors (one index one further, at or after the last index moved) can come next,
    and a heap hands them out in falling probability. Every outcome tied with the last one
    kept is drawn too, so the names break ties exactly as a full sort would.
    """
    rendered: list[list[_RenderedLook]] = []
    total_denominator = 1
    for locus_looks in looks:
        denominator, locus_rendered = _render_locus(locus_looks, names)
        total_denominator *= denominator
        rendered.append(sorted(locus_rendered, key=lambda look: -look.weight))

    def weight(indexes: tuple[int, ...]) -> int:
        return prod(rendered[locus][i].weight for locus, i in enumerate(indexes))

    start = (0,) * len(rendered)
    heap: list[tuple[int, tuple[int, ...], int]] = [(-weight(start), start, 0)]
    drawn: list[tuple[int, tuple[int, ...]]] = []
    while heap and (len(drawn) < limit or -heap[0][0] == drawn[-1][0]):
        negative, indexes, pivot = heapq.heappop(heap)
        drawn.append((-negative, indexes))
        for locus in range(pivot, len(indexes)):
            if indexes[locus] + 1 < len(rendered[locus]):
                following = (*indexes[:locus], indexes[locus] + 1, *indexes[locus + 1 :])
                heapq.heappush(heap, (-weight(following), following, locus))
    built = [
        (
            w,
            _outcome(
                [rendered[locus][i] for locus, i in enumerate(indexes)],
                Fraction(w, total_denominator),
            ),
        )
        for w, indexes in drawn
    ]
    built.sort(key=lambda item: (-item[0], item[1].phenotype))
    return [outcome for _, outcome in built[:limit]]


def _summaries(loci: Sequence[Locus], crosses: Sequence[PairDistribution]) -> list[TraitSummary]:
    summaries = []
    for locus, distribution in zip(loci, crosses, strict=True):
        for trait in locus.alleles:
            shows = homozygous = carries = Fraction(0)
            for pair, p in distribution.items():
                if trait in pair:
                    carries += p
                if pair == (trait, trait):
                    homozygous += p
                if any(gene.trait == trait for gene in shown_genes(pair)):
                    shows += p
            summaries.append(TraitSummary(trait, shows, homozygous, carries))
    return summaries


def _pairing_warnings(crosses: Sequence[PairDistribution]) -> list[WelfareWarning]:
    totals: dict[Risk, Fraction] = {}
    for distribution in crosses:
        for pair, p in distribution.items():
            for risk in pair_risks(pair):
                totals[risk] = totals.get(risk, Fraction(0)) + p
    return [
        WelfareWarning(risk, p, describe(risk, p, pairing=True))
        for risk, p in sorted(totals.items(), key=lambda item: item[0].sort_key())
    ]


def _non_mendelian(sire: Sequence[TraitSpec], dam: Sequence[TraitSpec]) -> list[NonMendelianNote]:
    parents: dict[TraitSpec, list[ParentRole]] = {}
    roles: tuple[tuple[ParentRole, Sequence[TraitSpec]], ...] = (("sire", sire), ("dam", dam))
    for role, traits in roles:
        for trait in traits:
            parents.setdefault(trait, []).append(role)
    notes = []
    for trait in sorted(parents, key=lambda t: t.rank):
        kind = trait.inheritance.value.replace("_", "-")
        who = " and ".join(parents[trait])
        notes.append(
            NonMendelianNote(
                trait,
                tuple(parents[trait]),
                f"{trait.name} is {kind}: the {who} may pass it on, but it does not follow "
                "simple Mendelian odds, so it has no probability here.",
            )
        )
    return notes


def predict(
    traits: dict[uuid.UUID, TraitSpec],
    sire: Sequence[ParentGene],
    dam: Sequence[ParentGene],
    *,
    sire_field: str = "sire.genotype",
    dam_field: str = "dam.genotype",
    limit: int | None = None,
    combination_names: CombinationNames | None = None,
) -> Prediction:
    """The offspring outcomes of sire x dam, most likely first: the `limit` most likely
    (every one without a limit), the rest grouped with their exact count and probability.

    Raises InvalidPairing listing every impossible entry, TooManyOutcomes past MAX_LOCI.
    """
    sire_loci, sire_problems = parent_loci(sire, traits, sire_field)
    dam_loci, dam_problems = parent_loci(dam, traits, dam_field)
    if sire_problems or dam_problems:
        raise InvalidPairing(sire_problems + dam_problems)

    loci = build_loci([sire_loci, dam_loci])
    if len(loci) > MAX_LOCI:
        raise TooManyOutcomes(
            f"This pairing involves {len(loci)} genes; the calculator handles up to "
            f"{MAX_LOCI} at once. Leave out the genes you are not planning around."
        )
    crosses = [
        cross(sire_loci.pairs.get(locus.key, ALL_NORMAL), dam_loci.pairs.get(locus.key, ALL_NORMAL))
        for locus in loci
    ]
    looks = [
        classify(locus, distribution) for locus, distribution in zip(loci, crosses, strict=True)
    ]
    count = prod(len(options) for options in looks)
    outcomes = _most_likely(
        looks, count if limit is None else min(limit, count), combination_names or {}
    )
    listed = sum((o.probability for o in outcomes), Fraction(0))
    other = OtherOutcomes(count - len(outcomes), 1 - listed) if len(outcomes) < count else None
    return Prediction(
        outcomes=tuple(outcomes),
        outcome_count=count,
        other=other,
        traits=tuple(_summaries(loci, crosses)),
        warnings=tuple(_pairing_warnings(crosses)),
        non_mendelian=tuple(_non_mendelian(sire_loci.non_mendelian, dam_loci.non_mendelian)),
    )
