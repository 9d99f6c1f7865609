"""Request and response bodies of the genetics calculator."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from reptidex_common.models.animal_enums import (
    GenotypeProof,
    GenotypeState,
    Inheritance,
)

# More than any real animal carries; bounds the work one request can ask for.
MAX_GENES_PER_PARENT = 64


class GeneIn(BaseModel):
    """One gene of a parent, as on `PUT /animals/{id}/genotype`."""

    model_config = ConfigDict(extra="forbid")

    trait_id: uuid.UUID
    state: GenotypeState
    het_percent: Literal[50, 66] | None = Field(
        default=None, description="Only for a possible het: 50 or 66."
    )
    proof: GenotypeProof | None = Field(
        default=None, description="Accepted so a stored genotype can be sent as is; not used."
    )


class ParentByAnimal(BaseModel):
    model_config = ConfigDict(extra="forbid")

    animal_id: uuid.UUID = Field(
        description="An animal the caller may see: in one of their vivariums, or public or lineage-only."
    )


class ParentByGenotype(BaseModel):
    model_config = ConfigDict(extra="forbid")

    genotype: Annotated[list[GeneIn], Field(max_length=MAX_GENES_PER_PARENT)] = Field(
        description="The parent's genes; an empty list is a normal (wild type) animal."
    )


Parent = ParentByAnimal | ParentByGenotype


# Outcomes listed in one response unless the request asks otherwise, and at most.
DEFAULT_OUTCOME_LIMIT = 100
MAX_OUTCOME_LIMIT = 1000


class PredictRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    species_id: uuid.UUID
    sire: Parent
    dam: Parent
    limit: int = Field(
        default=DEFAULT_OUTCOME_LIMIT,
        ge=1,
        le=MAX_OUTCOME_LIMIT,
        description="How many of the most likely outcomes to list; the rest are grouped in "
        "`other_outcomes` with their exact count and probability.",
    )


class GeneCallRead(BaseModel):
    trait_id: uuid.UUID
    trait: str
    state: GenotypeState
    het_percent: int | None = Field(
        default=None, description="A possible het's chance, rounded down as breeders write it."
    )
    het_probability: float | None = Field(
        default=None, description="The exact chance of a het or possible het."
    )


class WarningRead(BaseModel):
    severity: Literal["welfare", "lethal"]
    kind: Literal["carrier", "homozygous", "combination"]
    trait_id: uuid.UUID
    trait: str
    partner_trait_id: uuid.UUID | None = None
    probability: float = Field(
        description="On an outcome: the chance that outcome has it; on the pairing: the share of offspring."
    )
    message: str
    note: str | None = None


class AllelicCombinationRead(BaseModel):
    group: str
    name: str = Field(description='The alleles shown: "Mojave Lesser", "Super Mojave".')
    hobby_name: str | None = Field(
        default=None,
        description='What breeders call the combination, when the catalogue knows: "Blue-Eyed Leucistic".',
    )


class OutcomeRead(BaseModel):
    probability: float
    fraction: str = Field(description="The exact probability, e.g. `1/4`.")
    phenotype: str = Field(
        description='The morph as breeders write it: "Pastel 66% possible het Clown".'
    )
    visual: str = Field(description='What the animal looks like: "Pastel", or "Normal".')
    hets: list[str]
    genotype: list[GeneCallRead]
    warnings: list[WarningRead]
    allelic_combinations: list[AllelicCombinationRead]


class OtherOutcomesRead(BaseModel):
    """The outcomes past the listed ones, as one group."""

    count: int = Field(description="How many outcomes are not listed.")
    probability: float
    fraction: str = Field(
        description="Their exact total probability; with the listed fractions it sums to 1."
    )


class TraitSummaryRead(BaseModel):
    trait_id: uuid.UUID
    trait: str
    inheritance: Inheritance
    shows: float = Field(description="Share of offspring that show the trait.")
    homozygous: float = Field(description="Share with two copies (super, or visual recessive).")
    carries: float = Field(description="Share with at least one copy.")


class NonMendelianRead(BaseModel):
    trait_id: uuid.UUID
    trait: str
    inheritance: Inheritance
    parents: list[Literal["sire", "dam"]]
    message: str


class ParentGeneRead(BaseModel):
    trait_id: uuid.UUID
    trait: str
    state: GenotypeState
    het_percent: int | None = None
    proof: GenotypeProof | None = None


class ParentRead(BaseModel):
    animal_id: uuid.UUID | None = None
    display_id: str | None = None
    name: str | None = None
    genotype: list[ParentGeneRead]


class PredictionRead(BaseModel):
    species_id: uuid.UUID
    sire: ParentRead
    dam: ParentRead
    outcome_count: int = Field(description="How many distinct outcomes the pairing has in all.")
    outcomes: list[OutcomeRead] = Field(
        description="The most likely outcomes, most likely first (at most `limit`)."
    )
    other_outcomes: OtherOutcomesRead | None = Field(
        default=None,
        description="The outcomes past `limit`, grouped; null when every outcome is listed. "
        "The listed probabilities and this group's sum to exactly 1.",
    )
    traits: list[TraitSummaryRead]
    warnings: list[WarningRead] = Field(
        description="What this pairing can produce that is welfare-flagged or lethal."
    )
    non_mendelian: list[NonMendelianRead] = Field(
        description="Polygenic and line-bred traits the parents may pass on, without odds."
    )
