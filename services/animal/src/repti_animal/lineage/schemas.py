"""Pedigree, descendants, siblings and COI as clients see them.

A relative the caller may not see is a placeholder `{"private": true, "label": ...}` with no
id, name or anything else, and nothing behind it is shown.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from repti_animal.lineage.coi import DEFAULT_GENERATIONS, MAX_GENERATIONS
from reptidex_common.models.animal_enums import (
    AnimalStatus,
    GenotypeProof,
    GenotypeState,
    Sex,
    Visibility,
)


class Access(StrEnum):
    # In one of the caller's vivariums (or the caller is platform staff).
    full = "full"
    # Elsewhere, shown because it is public or lineage_only.
    shared = "shared"


class GenotypeSummary(BaseModel):
    trait_id: uuid.UUID
    trait: str
    state: GenotypeState
    het_percent: int | None = None
    proof: GenotypeProof


class RelativeSummary(BaseModel):
    """An animal the caller may see, as it appears among relatives."""

    private: Literal[False] = False
    id: uuid.UUID
    display_id: str
    name: str | None
    sex: Sex
    hatch_date: date | None
    morph: str | None
    visibility: Visibility
    status: AnimalStatus
    archived: bool
    access: Access
    # Only for animals in the caller's vivariums.
    vivarium_id: uuid.UUID | None = None
    genotype: list[GenotypeSummary] = Field(default_factory=list)


class PrivateRelative(BaseModel):
    private: Literal[True] = True
    label: str


class DescendantNode(RelativeSummary):
    generation: int = Field(description="1 for children, 2 for grandchildren, ...")
    # The parents' ids only when the caller may see them; a parent hidden from the caller is
    # null here with `sire_private`/`dam_private` set.
    sire_id: uuid.UUID | None
    dam_id: uuid.UUID | None
    sire_private: bool = False
    dam_private: bool = False


class PrivateDescendant(PrivateRelative):
    generation: int


class DescendantsRead(BaseModel):
    animal_id: uuid.UUID
    generations: int
    # True when the walk reached its row cap; the deepest generation is then incomplete.
    truncated: bool
    items: list[DescendantNode | PrivateDescendant]


class SiblingKind(StrEnum):
    full = "full"
    half = "half"


class SharedParent(StrEnum):
    both = "both"
    sire = "sire"
    dam = "dam"


class Sibling(RelativeSummary):
    kind: SiblingKind
    shared_parent: SharedParent


class PrivateSibling(PrivateRelative):
    kind: SiblingKind
    shared_parent: SharedParent


class SiblingsRead(BaseModel):
    animal_id: uuid.UUID
    truncated: bool
    items: list[Sibling | PrivateSibling]


class CoiRead(BaseModel):
    coi: float = Field(ge=0, lt=1, description="Wright's inbreeding coefficient F")
    generations: int = Field(description="Pedigree depth the COI was computed on")
    computed_at: datetime
    # False when it was computed for this answer (not stored yet, or another depth asked).
    stored: bool


class WhatIfRequest(BaseModel):
    sire_id: uuid.UUID
    dam_id: uuid.UUID
    generations: int = Field(default=DEFAULT_GENERATIONS, ge=1, le=MAX_GENERATIONS)


class CommonAncestorRead(BaseModel):
    id: uuid.UUID
    display_id: str
    name: str | None
    from_sire: int = Field(description="Generations between the sire and this ancestor")
    from_dam: int = Field(description="Generations between the dam and this ancestor")


class WhatIfRead(BaseModel):
    coi: float = Field(ge=0, lt=1)
    generations: int
    # Only the common ancestors the caller may see.
    common_ancestors: list[CommonAncestorRead]
