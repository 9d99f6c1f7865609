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


class PredictRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    species_id: uuid.UUID
    sire: Parent
    dam: Parent


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
    name: str


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
    outcomes: list[OutcomeRead] = Field(description="Most likely first; probabilities sum to 1.")
    traits: list[TraitSummaryRead]
    warnings: list[WarningRead] = Field(
        description="What this pairing can produce that is welfare-flagged or lethal."
    )
    non_mendelian: list[NonMendelianRead] = Field(
        description="Polygenic and line-bred traits the parents may pass on, without odds."
    )
