"""The calculator's exact results as the response body (floats, names, ids)."""

from __future__ import annotations

from repti_animal.genetics.calculator import (
    GeneCall,
    NonMendelianNote,
    Outcome,
    TraitSummary,
    WelfareWarning,
)
from repti_animal.genetics.naming import het_percent
from repti_animal.genetics.schemas import (
    AllelicCombinationRead,
    GeneCallRead,
    NonMendelianRead,
    OtherOutcomesRead,
    OutcomeRead,
    ParentGeneRead,
    ParentRead,
    PredictionRead,
    TraitSummaryRead,
    WarningRead,
)
from repti_animal.genetics.service import PredictionResult, ResolvedParent
from reptidex_common.models.animal_enums import GenotypeState, WelfareFlag


def _gene_call(call: GeneCall) -> GeneCallRead:
    hidden = call.state in (GenotypeState.het, GenotypeState.possible_het)
    return GeneCallRead(
        trait_id=call.trait.id,
        trait=call.trait.name,
        state=call.state,
        het_percent=het_percent(call.probability)
        if call.state is GenotypeState.possible_het
        else None,
        het_probability=float(call.probability) if hidden else None,
    )


def _warning(warning: WelfareWarning) -> WarningRead:
    risk = warning.risk
    return WarningRead(
        severity="lethal" if risk.severity is WelfareFlag.lethal else "welfare",
        kind=risk.kind.value,
        trait_id=risk.trait.id,
        trait=risk.trait.name,
        partner_trait_id=risk.partner.id if risk.partner else None,
        probability=float(warning.probability),
        message=warning.message,
        note=risk.trait.welfare_note,
    )


class _Presenter:
    """Outcomes share their genotype lines and warnings (a twelve-gene pairing has a
    thousand outcomes built from a few dozen); each is converted once."""

    def __init__(self) -> None:
        self._calls: dict[GeneCall, GeneCallRead] = {}
        self._warnings: dict[WelfareWarning, WarningRead] = {}

    def call(self, call: GeneCall) -> GeneCallRead:
        if call not in self._calls:
            self._calls[call] = _gene_call(call)
        return self._calls[call]

    def warning(self, warning: WelfareWarning) -> WarningRead:
        if warning not in self._warnings:
            self._warnings[warning] = _warning(warning)
        return self._warnings[warning]

    def outcome(self, outcome: Outcome) -> OutcomeRead:
        return _outcome(outcome, self)


def _outcome(outcome: Outcome, present: _Presenter) -> OutcomeRead:
    return OutcomeRead(
        probability=float(outcome.probability),
        fraction=str(outcome.probability),
        phenotype=outcome.phenotype,
        visual=outcome.visual,
        hets=list(outcome.hets),
        genotype=[present.call(call) for call in outcome.genotype],
        warnings=[present.warning(w) for w in outcome.warnings],
        allelic_combinations=[
            AllelicCombinationRead(group=c.group, name=c.name, hobby_name=c.hobby_name)
            for c in outcome.combinations
        ],
    )


def _summary(summary: TraitSummary) -> TraitSummaryRead:
    return TraitSummaryRead(
        trait_id=summary.trait.id,
        trait=summary.trait.name,
        inheritance=summary.trait.inheritance,
        shows=float(summary.shows),
        homozygous=float(summary.homozygous),
        carries=float(summary.carries),
    )


def _non_mendelian(note: NonMendelianNote) -> NonMendelianRead:
    return NonMendelianRead(
        trait_id=note.trait.id,
        trait=note.trait.name,
        inheritance=note.trait.inheritance,
        parents=list(note.parents),
        message=note.message,
    )


def _parent(parent: ResolvedParent, result: PredictionResult) -> ParentRead:
    genes = sorted(
        parent.genes,
        key=lambda g: result.traits[g.trait_id].rank if g.trait_id in result.traits else 0,
    )
    return ParentRead(
        animal_id=parent.animal.id if parent.animal else None,
        display_id=parent.animal.display_id if parent.animal else None,
        name=parent.animal.name if parent.animal else None,
        genotype=[
            ParentGeneRead(
                trait_id=gene.trait_id,
                trait=result.traits[gene.trait_id].name,
                state=gene.state,
                het_percent=gene.het_percent,
                proof=parent.proofs.get(gene.trait_id),
            )
            for gene in genes
            if gene.trait_id in result.traits
        ],
    )


def prediction_read(result: PredictionResult) -> PredictionRead:
    prediction = result.prediction
    present = _Presenter()
    return PredictionRead(
        species_id=result.species_id,
        sire=_parent(result.sire, result),
        dam=_parent(result.dam, result),
        outcome_count=prediction.outcome_count,
        outcomes=[present.outcome(o) for o in prediction.outcomes],
        other_outcomes=OtherOutcomesRead(
            count=prediction.other.count,
            probability=float(prediction.other.probability),
            fraction=str(prediction.other.probability),
        )
        if prediction.other is not None
        else None,
        traits=[_summary(s) for s in prediction.traits],
        warnings=[_warning(w) for w in prediction.warnings],
        non_mendelian=[_non_mendelian(n) for n in prediction.non_mendelian],
    )
