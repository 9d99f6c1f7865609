"""Request and response bodies of an animal's genotype."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from reptidex_common.models.animal_enums import (
    GenotypeProof,
    GenotypeState,
    Inheritance,
    WelfareFlag,
)

MAX_GENOTYPE_ENTRIES = 100


class GenotypeEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    trait_id: uuid.UUID
    state: GenotypeState
    het_percent: Literal[50, 66] | None = Field(
        default=None, description="Required exactly when state is possible_het"
    )
    proof: GenotypeProof | None = Field(
        default=None,
        description="Default: visual for visual and super, parentage for het and possible_het",
    )

    @model_validator(mode="after")
    def _het_percent_only_for_possible_het(self) -> GenotypeEntry:
        if self.state is GenotypeState.possible_het and self.het_percent is None:
            raise ValueError("a possible het needs het_percent (50 or 66)")
        if self.state is not GenotypeState.possible_het and self.het_percent is not None:
            raise ValueError("het_percent is only for possible_het")
        return self

    @property
    def effective_proof(self) -> GenotypeProof:
        if self.proof is not None:
            return self.proof
        # What shows is proven by looking; what is carried, by the parents.
        if self.state in (GenotypeState.visual, GenotypeState.super):
            return GenotypeProof.visual
        return GenotypeProof.parentage


GenotypeSet = Annotated[list[GenotypeEntry], Field(max_length=MAX_GENOTYPE_ENTRIES)]


class GenotypeRead(BaseModel):
    trait_id: uuid.UUID
    trait_name: str
    inheritance: Inheritance
    allelic_group: str | None
    state: GenotypeState
    het_percent: int | None
    proof: GenotypeProof
    welfare_flag: WelfareFlag
