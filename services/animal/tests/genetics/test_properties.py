"""Properties of the calculator over random valid parents."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import example, given, settings
from hypothesis import strategies as st

from repti_animal.genetics.calculator import Outcome, predict
from repti_animal.genetics.model import ParentGene
from reptidex_common.models.animal_enums import GenotypeState

from .catalogue import BY_ID, G, gene, het, run, visual

RECESSIVES = ["Clown", "Albino"]
DOMINANT_TYPE = ["Pastel", "Spider", "Lemon Frost"]
BEL = ["Mojave", "Lesser", "Butter"]
CANDY = ["Candy", "Toffee"]


@st.composite
def recessive_gene(draw: st.DrawFn, name: str) -> list[ParentGene]:
    choice = draw(st.sampled_from(["none", "visual", "het", "possible_50", "possible_66"]))
    if choice == "none":
        return []
    if choice.startswith("possible"):
        return [gene(name, G.possible_het, int(choice.removeprefix("possible_")))]
    return [gene(name, choice)]


@st.composite
def parent(draw: st.DrawFn) -> list[ParentGene]:
    genes: list[ParentGene] = []
    for name in RECESSIVES:
        genes += draw(recessive_gene(name))
    for name in DOMINANT_TYPE:
        state = draw(st.sampled_from([None, G.visual, G.super]))
        if state is not None:
            genes.append(gene(name, state))
    # Up to two BEL alleles: one as a super, or two different singles.
    bel = draw(st.lists(st.sampled_from(BEL), max_size=2, unique=True))
    if len(bel) == 1 and draw(st.booleans()):
        genes.append(gene(bel[0], G.super))
    else:
        genes += [gene(name, G.visual) for name in bel]
    # The Candy complex: a visual, or hets and possible hets of both alleles.
    if draw(st.booleans()):
        genes.append(gene(draw(st.sampled_from(CANDY)), G.visual))
    else:
        for name in CANDY:
            genes += [g for g in draw(recessive_gene(name)) if g.state is not GenotypeState.visual]
    if draw(st.booleans()):
        genes.append(gene("Hypo", G.visual))
    return draw(st.permutations(genes))


def as_set(outcomes: tuple[Outcome, ...]) -> set[tuple[object, ...]]:
    return {
        (
            o.phenotype,
            o.probability,
            tuple((c.trait.id, c.state, c.probability) for c in o.genotype),
        )
        for o in outcomes
    }


# Draws like this one have 1,296 outcomes, past the 1,024 the calculator once listed at most.
LARGE_SIRE = [
    *visual("Pastel", "Spider", "Lemon Frost", "Mojave", "Lesser"),
    *het("Clown", "Albino", "Candy", "Toffee"),
]
LARGE_DAM = [
    *visual("Pastel", "Spider", "Lemon Frost", "Mojave", "Butter"),
    *het("Clown", "Albino", "Candy"),
]


@settings(max_examples=150, deadline=None)
@given(sire=parent(), dam=parent())
@example(sire=LARGE_SIRE, dam=LARGE_DAM)
def test_outcomes_are_a_probability_distribution(
    sire: list[ParentGene], dam: list[ParentGene]
) -> None:
    prediction = run(sire, dam)
    probabilities = [o.probability for o in prediction.outcomes]
    assert sum(probabilities, Fraction(0)) == 1
    assert all(0 < p <= 1 for p in probabilities)
    assert probabilities == sorted(probabilities, reverse=True)
    keys = [(o.phenotype, o.genotype) for o in prediction.outcomes]
    assert len(set(keys)) == len(keys)
    assert len({o.phenotype for o in prediction.outcomes}) == len(keys)
    for o in prediction.outcomes:
        assert all(0 < call.probability <= 1 for call in o.genotype)
        assert all(0 < w.probability <= 1 for w in o.warnings)


@settings(max_examples=150, deadline=None)
@given(sire=parent(), dam=parent())
def test_symmetric_in_sire_and_dam(sire: list[ParentGene], dam: list[ParentGene]) -> None:
    forward, backward = run(sire, dam), run(dam, sire)
    assert as_set(forward.outcomes) == as_set(backward.outcomes)
    assert [(w.risk, w.probability) for w in forward.warnings] == [
        (w.risk, w.probability) for w in backward.warnings
    ]
    assert forward.traits == backward.traits


@settings(max_examples=100, deadline=None)
@given(sire=parent(), dam=parent())
def test_summaries_and_pairing_warnings_agree_with_the_outcomes(
    sire: list[ParentGene], dam: list[ParentGene]
) -> None:
    prediction = run(sire, dam)
    for summary in prediction.traits:
        shows = sum(
            (
                o.probability
                for o in prediction.outcomes
                if any(
                    c.trait == summary.trait
                    and c.state in (GenotypeState.visual, GenotypeState.super)
                    for c in o.genotype
                )
            ),
            Fraction(0),
        )
        assert shows == summary.shows
    for warning in prediction.warnings:
        total = sum(
            (
                o.probability * w.probability
                for o in prediction.outcomes
                for w in o.warnings
                if w.risk == warning.risk
            ),
            Fraction(0),
        )
        assert total == warning.probability


@settings(max_examples=100, deadline=None)
@given(sire=parent(), dam=parent(), limit=st.integers(min_value=1, max_value=60))
@example(sire=LARGE_SIRE, dam=LARGE_DAM, limit=100)
def test_listed_outcomes_and_the_other_group_are_the_full_list_exactly(
    sire: list[ParentGene], dam: list[ParentGene], limit: int
) -> None:
    everything = run(sire, dam)
    top = predict(BY_ID, sire, dam, limit=limit)
    assert top.outcome_count == everything.outcome_count == len(everything.outcomes)
    assert top.outcomes == everything.outcomes[:limit]
    rest = everything.outcomes[limit:]
    if rest:
        assert top.other is not None
        assert top.other.count == len(rest)
        assert top.other.probability == sum((o.probability for o in rest), Fraction(0))
        assert sum((o.probability for o in top.outcomes), top.other.probability) == 1
    else:
        assert top.other is None
