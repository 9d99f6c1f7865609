"""Textbook crosses through the pure calculator, checked exactly."""

from __future__ import annotations

import uuid
from fractions import Fraction

import pytest

from repti_animal.genetics.calculator import Outcome, Prediction, predict
from repti_animal.genetics.exceptions import InvalidPairing, TooManyOutcomes
from repti_animal.genetics.model import ParentGene
from repti_animal.genetics.welfare import RiskKind
from reptidex_common.models.animal_enums import GenotypeState, WelfareFlag

from .catalogue import BY_ID, TRAITS, G, gene, het, odds, run, visual

F = Fraction


def outcome(prediction: Prediction, phenotype: str) -> Outcome:
    return next(o for o in prediction.outcomes if o.phenotype == phenotype)


def calls(found: Outcome) -> dict[str, tuple[GenotypeState, Fraction]]:
    return {call.trait.name: (call.state, call.probability) for call in found.genotype}


# Recessive ---------------------------------------------------------------------------------


def test_het_by_het_gives_a_quarter_visual_and_normals_two_thirds_het() -> None:
    prediction = run(het("Clown"), het("Clown"))
    assert odds(prediction) == {"Clown": F(1, 4), "66% possible het Clown": F(3, 4)}
    normal = outcome(prediction, "66% possible het Clown")
    assert normal.visual == "Normal"
    assert calls(normal) == {"Clown": (G.possible_het, F(2, 3))}
    assert calls(outcome(prediction, "Clown")) == {"Clown": (G.visual, F(1))}


def test_het_by_visual_gives_half_visual_half_het() -> None:
    assert odds(run(het("Clown"), visual("Clown"))) == {"Clown": F(1, 2), "het Clown": F(1, 2)}


def test_visual_by_visual_gives_all_visual() -> None:
    assert odds(run(visual("Clown"), visual("Clown"))) == {"Clown": F(1)}


def test_visual_by_normal_gives_all_het() -> None:
    assert odds(run(visual("Clown"), [])) == {"het Clown": F(1)}


def test_het_by_normal_gives_half_possible_hets() -> None:
    prediction = run(het("Clown"), [])
    assert odds(prediction) == {"50% possible het Clown": F(1)}
    assert calls(prediction.outcomes[0]) == {"Clown": (G.possible_het, F(1, 2))}


def test_possible_het_66_by_het_weights_both_cases() -> None:
    # Sire passes Clown with 2/3 · 1/2 = 1/3; dam with 1/2: visual 1/6, het 1/2, normal 1/3.
    prediction = run([gene("Clown", G.possible_het, 66)], het("Clown"))
    assert odds(prediction) == {"Clown": F(1, 6), "60% possible het Clown": F(5, 6)}
    normal = outcome(prediction, "60% possible het Clown")
    assert calls(normal) == {"Clown": (G.possible_het, F(3, 5))}


def test_possible_het_50_by_normal() -> None:
    assert odds(run([gene("Clown", G.possible_het, 50)], [])) == {"25% possible het Clown": F(1)}


def test_possible_het_by_possible_het() -> None:
    # Each passes Clown with 1/3: visual 1/9, het 4/9, normal 4/9 → normals 1/2 het.
    prediction = run([gene("Clown", G.possible_het, 66)], [gene("Clown", G.possible_het, 66)])
    assert odds(prediction) == {"Clown": F(1, 9), "50% possible het Clown": F(8, 9)}


# Incomplete dominant and dominant ----------------------------------------------------------


def test_incomplete_dominant_single_by_single() -> None:
    prediction = run(visual("Pastel"), visual("Pastel"))
    assert odds(prediction) == {"Super Pastel": F(1, 4), "Pastel": F(1, 2), "Normal": F(1, 4)}
    assert calls(outcome(prediction, "Super Pastel")) == {"Pastel": (G.super, F(1))}


def test_incomplete_dominant_single_by_normal() -> None:
    assert odds(run(visual("Pastel"), [])) == {"Pastel": F(1, 2), "Normal": F(1, 2)}


def test_incomplete_dominant_super_by_normal_gives_all_single() -> None:
    assert odds(run([gene("Pastel", G.super)], [])) == {"Pastel": F(1)}


def test_super_form_name_is_used() -> None:
    assert odds(run(visual("Yellow Belly"), visual("Yellow Belly")))["Ivory"] == F(1, 4)


def test_dominant_spider_by_normal_warns_on_every_spider() -> None:
    prediction = run(visual("Spider"), [])
    assert odds(prediction) == {"Spider": F(1, 2), "Normal": F(1, 2)}
    (warning,) = outcome(prediction, "Spider").warnings
    assert warning.risk.kind is RiskKind.carrier
    assert warning.risk.severity is WelfareFlag.welfare
    assert warning.probability == 1
    assert "Neurological wobble" in warning.message
    assert outcome(prediction, "Normal").warnings == ()
    (pairing,) = prediction.warnings
    assert pairing.probability == F(1, 2)
    assert pairing.message.startswith("This pairing can produce a carrier of Spider (50 %")


# Allelic groups ----------------------------------------------------------------------------


def test_mojave_by_lesser_gives_a_quarter_each_with_the_combination() -> None:
    prediction = run(visual("Mojave"), visual("Lesser"))
    assert odds(prediction) == {
        "Mojave": F(1, 4),
        "Lesser": F(1, 4),
        "Mojave Lesser": F(1, 4),
        "Normal": F(1, 4),
    }
    combo = outcome(prediction, "Mojave Lesser")
    assert calls(combo) == {"Mojave": (G.visual, F(1)), "Lesser": (G.visual, F(1))}
    assert [(c.group, c.name) for c in combo.combinations] == [("BEL", "Mojave Lesser")]
    assert outcome(prediction, "Mojave").combinations == ()


def test_mojave_by_mojave_lesser_combo() -> None:
    prediction = run(visual("Mojave"), visual("Mojave", "Lesser"))
    assert odds(prediction) == {
        "Blue Eyed Leucistic": F(1, 4),
        "Mojave Lesser": F(1, 4),
        "Mojave": F(1, 4),
        "Lesser": F(1, 4),
    }
    # Two alleles of the BEL group, the same or different, are the BEL family of looks.
    blue = outcome(prediction, "Blue Eyed Leucistic")
    assert [(c.group, c.name) for c in blue.combinations] == [("BEL", "Blue Eyed Leucistic")]
    assert calls(blue) == {"Mojave": (G.super, F(1))}


def test_allelic_supers_by_each_other_are_all_combinations() -> None:
    prediction = run([gene("Mojave", G.super)], [gene("Lesser", G.super)])
    assert odds(prediction) == {"Mojave Lesser": F(1)}


def test_allelic_super_without_a_name_reads_super() -> None:
    assert odds(run(visual("Butter"), visual("Butter")))["Super Butter"] == F(1, 4)


def test_allelic_recessives_show_together() -> None:
    prediction = run(visual("Candy"), visual("Toffee"))
    assert odds(prediction) == {"Candy Toffee": F(1)}


def test_recessive_allele_hides_under_a_dominant_type_allele() -> None:
    prediction = run(visual("Candy"), [gene("Toffee", G.het)])
    assert odds(prediction) == {"Candy Toffee": F(1, 2), "het Candy": F(1, 2)}


def test_flagged_allele_combined_with_another_allele_warns() -> None:
    prediction = run(visual("Woma"), visual("Hidden Gene Woma"))
    combo = outcome(prediction, "Woma Hidden Gene Woma")
    (warning,) = combo.warnings
    assert warning.risk.kind is RiskKind.combination
    assert warning.risk.partner == TRAITS["Hidden Gene Woma"]
    assert outcome(prediction, "Woma").warnings == ()
    assert [w.risk.kind for w in prediction.warnings] == [RiskKind.combination]


# Several genes -----------------------------------------------------------------------------


def test_pastel_clown_by_het_clown() -> None:
    prediction = run(visual("Pastel", "Clown"), het("Clown"))
    assert odds(prediction) == {
        "Pastel Clown": F(1, 4),
        "Pastel het Clown": F(1, 4),
        "Clown": F(1, 4),
        "het Clown": F(1, 4),
    }


def test_three_genes_at_once() -> None:
    # Pastel het Clown het Piebald x het Clown het Piebald.
    prediction = run(visual("Pastel") + het("Clown", "Piebald"), het("Clown", "Piebald"))
    found = odds(prediction)
    assert len(found) == 2 * 2 * 2
    assert found["Pastel Clown Piebald"] == F(1, 2) * F(1, 4) * F(1, 4)
    assert found["66% possible het Clown 66% possible het Piebald"] == F(1, 2) * F(3, 4) * F(3, 4)
    assert found["Pastel Piebald 66% possible het Clown"] == F(1, 2) * F(3, 4) * F(1, 4)
    assert sum(found.values()) == 1


def test_names_follow_the_catalogue_whichever_parent_carries_what() -> None:
    forward = run(visual("Clown", "Pastel"), [gene("Mojave", G.super)])
    backward = run([gene("Mojave", G.super)], visual("Pastel", "Clown"))
    assert odds(forward) == odds(backward)
    assert "Pastel Mojave het Clown" in odds(forward)


def test_outcomes_are_sorted_most_likely_first() -> None:
    probabilities = [o.probability for o in run(visual("Pastel"), visual("Pastel")).outcomes]
    assert probabilities == sorted(probabilities, reverse=True)


def test_nothing_mendelian_is_one_normal_outcome() -> None:
    prediction = run([], [])
    assert odds(prediction) == {"Normal": F(1)}
    assert prediction.traits == ()


def test_trait_summary() -> None:
    summary = {s.trait.name: s for s in run(visual("Pastel"), visual("Pastel")).traits}
    pastel = summary["Pastel"]
    assert (pastel.shows, pastel.homozygous, pastel.carries) == (F(3, 4), F(1, 4), F(3, 4))


def test_polygenic_and_line_bred_traits_are_notes_without_odds() -> None:
    prediction = run(visual("Hypo", "Pastel"), visual("Hypo", "Red Stripe"))
    assert odds(prediction) == {"Pastel": F(1, 2), "Normal": F(1, 2)}
    notes = {note.trait.name: note for note in prediction.non_mendelian}
    assert notes["Hypo"].parents == ("sire", "dam")
    assert notes["Red Stripe"].parents == ("dam",)
    assert "may pass it on" in notes["Hypo"].message


# Welfare ------------------------------------------------------------------------------------


def test_lethal_super_warns_with_lethal_severity_only_on_the_super() -> None:
    prediction = run(visual("Lemon Frost"), visual("Lemon Frost"))
    found = odds(prediction)
    assert found == {"Super Lemon Frost": F(1, 4), "Lemon Frost": F(1, 2), "Normal": F(1, 4)}
    (warning,) = outcome(prediction, "Super Lemon Frost").warnings
    assert warning.risk.kind is RiskKind.homozygous
    assert warning.risk.severity is WelfareFlag.lethal
    assert "tumours" in warning.message
    assert outcome(prediction, "Lemon Frost").warnings == ()
    (pairing,) = prediction.warnings
    assert pairing.probability == F(1, 4)
    assert pairing.risk.severity is WelfareFlag.lethal


def test_single_lethal_super_parent_by_normal_has_no_warning() -> None:
    assert run(visual("Lemon Frost"), []).warnings == ()


def test_possible_carrier_of_a_carrier_flag_is_a_possible_warning() -> None:
    # A flagged recessive carried unseen: the normals may carry it.
    from dataclasses import replace

    from repti_animal.genetics.calculator import predict

    from .catalogue import BY_ID

    flagged = replace(
        TRAITS["Clown"], welfare_flag=WelfareFlag.welfare, welfare_note="Kinks in some lines."
    )
    traits = BY_ID | {flagged.id: flagged}
    prediction = predict(traits, het("Clown"), het("Clown"))
    normal = next(o for o in prediction.outcomes if o.visual == "Normal")
    (warning,) = normal.warnings
    assert warning.probability == F(2, 3)
    assert warning.message.startswith("May be a carrier of Clown (67 %)")
    assert prediction.warnings[0].probability == F(3, 4)


# Validation --------------------------------------------------------------------------------


def problems(sire: list[ParentGene], dam: list[ParentGene]) -> list[tuple[str, str]]:
    with pytest.raises(InvalidPairing) as caught:
        run(sire, dam)
    return [(p.field, p.type) for p in caught.value.problems]


def test_het_on_a_non_recessive_trait_is_impossible() -> None:
    assert problems([gene("Pastel", G.het)], []) == [("sire.genotype.0.state", "impossible-state")]
    assert problems([], [gene("Spider", G.possible_het, 50)]) == [
        ("dam.genotype.0.state", "impossible-state")
    ]


def test_super_on_a_recessive_trait_is_impossible() -> None:
    assert problems([gene("Clown", G.super)], []) == [("sire.genotype.0.state", "impossible-state")]


def test_possible_het_needs_50_or_66() -> None:
    assert problems([gene("Clown", G.possible_het)], []) == [
        ("sire.genotype.0.state", "impossible-state")
    ]
    assert problems([gene("Clown", G.possible_het, 33)], []) == [
        ("sire.genotype.0.state", "impossible-state")
    ]
    assert problems([gene("Clown", G.het, 50)], []) == [
        ("sire.genotype.0.state", "impossible-state")
    ]


def test_duplicate_and_unknown_traits() -> None:
    unknown = ParentGene(uuid.uuid4(), G.visual)
    assert problems([gene("Clown", G.het), gene("Clown", G.visual)], [unknown]) == [
        ("sire.genotype.1.trait_id", "duplicate-trait"),
        ("dam.genotype.0.trait_id", "unknown-trait"),
    ]


def test_more_than_two_alleles_of_one_group() -> None:
    assert problems([gene("Mojave", G.super), gene("Lesser", G.visual)], []) == [
        ("sire.genotype.1", "too-many-alleles")
    ]
    assert problems(visual("Mojave", "Lesser", "Butter"), []) == [
        ("sire.genotype.2", "too-many-alleles")
    ]


def test_too_many_genes_is_refused_clearly() -> None:
    many = [
        "Clown", "Piebald", "Albino", "Axanthic", "Ghost", "Genetic Stripe", "Desert Ghost",
        "Lavender", "Monarch", "Pastel", "Cinnamon", "Enchi", "Fire",
    ]  # fmt: skip
    with pytest.raises(TooManyOutcomes, match="13 genes"):
        run([gene(name, G.het if TRAITS[name].is_recessive else G.visual) for name in many], [])


NINE_GENE_SIRE = [
    *visual("Pastel", "Cinnamon", "Enchi", "Fire", "Yellow Belly", "Spider"),
    *het("Clown", "Piebald", "Albino"),
]
NINE_GENE_DAM = [*visual("Pastel", "Cinnamon"), *het("Clown", "Piebald", "Albino")]


def test_a_nine_gene_project_lists_the_most_likely_and_groups_the_rest_exactly() -> None:
    everything = predict(BY_ID, NINE_GENE_SIRE, NINE_GENE_DAM)
    assert everything.outcome_count == len(everything.outcomes) == 1152
    assert everything.other is None
    assert sum((o.probability for o in everything.outcomes), Fraction(0)) == 1

    top = predict(BY_ID, NINE_GENE_SIRE, NINE_GENE_DAM, limit=100)
    assert top.outcome_count == 1152
    assert top.outcomes == everything.outcomes[:100]
    assert top.other is not None
    assert top.other.count == 1052
    assert top.other.probability == sum(
        (o.probability for o in everything.outcomes[100:]), Fraction(0)
    )
    assert sum((o.probability for o in top.outcomes), top.other.probability) == 1
    assert (top.traits, top.warnings) == (everything.traits, everything.warnings)


def test_eight_incomplete_dominant_genes_are_answered_not_refused() -> None:
    singles = [
        "Pastel",
        "Cinnamon",
        "Enchi",
        "Fire",
        "Yellow Belly",
        "Spider",
        "Lemon Frost",
        "Mojave",
    ]
    prediction = predict(BY_ID, visual(*singles), visual(*singles), limit=50)
    assert prediction.outcome_count == 6561
    assert len(prediction.outcomes) == 50
    assert prediction.other is not None
    assert prediction.other.count == 6511
    assert sum((o.probability for o in prediction.outcomes), prediction.other.probability) == 1
    # One copy of each of eight genes is the likeliest single outcome: (1/2)^8.
    assert prediction.outcomes[0].probability == Fraction(1, 256)


def test_a_limit_at_or_past_the_outcome_count_lists_every_outcome() -> None:
    prediction = predict(BY_ID, het("Clown"), het("Clown"), limit=2)
    assert prediction.outcome_count == 2
    assert prediction.other is None
    assert len(prediction.outcomes) == 2
