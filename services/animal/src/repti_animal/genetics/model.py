"""The calculator's own vocabulary: traits and parent genotypes, free of the database."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from reptidex_common.models.animal_enums import (
    GenotypeState,
    Inheritance,
    WelfareFlag,
    WelfareScope,
)

MENDELIAN = frozenset(
    {Inheritance.recessive, Inheritance.incomplete_dominant, Inheritance.dominant}
)


@dataclass(frozen=True)
class TraitSpec:
    """What the calculator needs to know about a trait.

    `rank` is the trait's place in the species catalogue; names are written in that order
    within their kind, so results read the same whichever parent carries what.
    """

    id: uuid.UUID
    name: str
    inheritance: Inheritance
    rank: int
    super_form_name: str | None = None
    allelic_group: str | None = None
    welfare_flag: WelfareFlag = WelfareFlag.none
    welfare_scope: WelfareScope = WelfareScope.carrier
    welfare_note: str | None = None
    # The homozygous form's own flag where it is worse than the carriers' (Super Spider).
    homozygous_welfare_flag: WelfareFlag = WelfareFlag.none

    @property
    def is_mendelian(self) -> bool:
        return self.inheritance in MENDELIAN

    @property
    def is_recessive(self) -> bool:
        return self.inheritance is Inheritance.recessive

    @property
    def super_name(self) -> str:
        return self.super_form_name or f"Super {self.name}"


@dataclass(frozen=True)
class ParentGene:
    """One entry of a parent's genotype, as stored on an animal or sent by a client."""

    trait_id: uuid.UUID
    state: GenotypeState
    het_percent: int | None = None


# The breeders' "66 % possible het" is the textbook 2/3 (a normal-looking sibling from
# het x het); keeping it exact lets offspring percentages come out exact too.
HET_PERCENT_PROBABILITY: dict[int, Fraction] = {50: Fraction(1, 2), 66: Fraction(2, 3)}

ParentRole = Literal["sire", "dam"]

# The wild-type allele at any locus.
NORMAL = None
Allele = TraitSpec | None
