"""Which offspring genotypes carry a welfare or lethal risk, and how to say so.

A trait's flag concerns every carrier (`carrier` scope: Spider's wobble shows with one copy)
or only the homozygous form (`homozygous` scope: a lethal super). A carrier-flagged trait may
flag its homozygous form too, more severely (two copies of Spider are not viable). Two different alleles of a
gene whose homozygous form is flagged are reported too, as a warning rather than a refusal:
breeders need to know, and the calculator does not decide what they pair.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from repti_animal.genetics.loci import Pair
from repti_animal.genetics.model import TraitSpec
from reptidex_common.models.animal_enums import WelfareFlag, WelfareScope


class RiskKind(StrEnum):
    carrier = "carrier"
    homozygous = "homozygous"
    combination = "combination"


@dataclass(frozen=True)
class Risk:
    trait: TraitSpec
    kind: RiskKind
    # The other allele, for a combination of two alleles of one gene.
    partner: TraitSpec | None = None

    @property
    def severity(self) -> WelfareFlag:
        if self.kind is RiskKind.carrier:
            return self.trait.welfare_flag
        return homozygous_flag(self.trait)

    def sort_key(self) -> tuple[int, int, str, int]:
        partner_rank = self.partner.rank if self.partner else -1
        lethal_first = 0 if self.severity is WelfareFlag.lethal else 1
        return (lethal_first, self.trait.rank, self.kind.value, partner_rank)


def homozygous_flag(trait: TraitSpec) -> WelfareFlag:
    """How the two-copy form of a trait is flagged: its own flag, else the trait's."""
    if trait.homozygous_welfare_flag is not WelfareFlag.none:
        return trait.homozygous_welfare_flag
    return trait.welfare_flag


def pair_risks(pair: Pair) -> list[Risk]:
    """The flagged risks of one offspring allele pair at one locus."""
    first, second = pair
    risks: list[Risk] = []
    for allele in dict.fromkeys(a for a in pair if a is not None):
        carrier_flagged = allele.welfare_scope is WelfareScope.carrier
        if carrier_flagged and allele.welfare_flag is not WelfareFlag.none:
            risks.append(Risk(allele, RiskKind.carrier))
        if carrier_flagged and allele.homozygous_welfare_flag is WelfareFlag.none:
            continue
        if homozygous_flag(allele) is WelfareFlag.none:
            continue
        if first == second:
            risks.append(Risk(allele, RiskKind.homozygous))
        else:
            partner = second if allele == first else first
            if partner is not None:
                risks.append(Risk(allele, RiskKind.combination, partner))
    return risks


def percent(probability: Fraction) -> str:
    value = float(probability) * 100
    return f"{value:.0f} %" if value >= 1 or value == 0 else f"{value:.2g} %"


def describe(risk: Risk, probability: Fraction, *, pairing: bool = False) -> str:
    """A sentence for the breeder; `probability` is how likely the risk is where it is told."""
    trait = risk.trait
    note = f": {trait.welfare_note}" if trait.welfare_note else ""
    if risk.kind is RiskKind.homozygous:
        what = trait.super_name if not trait.is_recessive else f"visual {trait.name}"
        subject = f"{what} (two copies of {trait.name})"
    elif risk.kind is RiskKind.combination:
        assert risk.partner is not None
        subject = (
            f"{trait.name} combined with {risk.partner.name} (alleles of one gene; "
            f"the homozygous form of {trait.name} is flagged {risk.severity.value})"
        )
    else:
        subject = f"carrier of {trait.name}"
    label = "lethal" if risk.severity is WelfareFlag.lethal else "welfare concern"
    article = "a " if risk.kind is RiskKind.carrier else ""
    if pairing:
        return f"This pairing can produce {article}{subject} ({percent(probability)} of offspring) — {label}{note}"
    if probability == 1:
        return f"{subject[0].upper()}{subject[1:]} — {label}{note}"
    return f"May be {article}{subject} ({percent(probability)}) — {label}{note}"
