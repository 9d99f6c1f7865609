"""The public profile of an animal: what anyone may see of a `public` animal."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, Field

from repti_animal.lineage.schemas import GenotypeSummary, PrivateRelative
from reptidex_common.models.animal_enums import AnimalStatus, Sex, Visibility


class PublicSpecies(BaseModel):
    id: uuid.UUID
    common_name: str
    scientific_name: str


class PublicParent(BaseModel):
    """A public or lineage_only parent; only public ones have a profile to link to."""

    private: bool = False
    id: uuid.UUID
    display_id: str
    name: str | None
    sex: Sex
    morph: str | None
    visibility: Visibility
    has_public_profile: bool


class PublicVivarium(BaseModel):
    name: str
    slug: str


class PublicCoi(BaseModel):
    coi: float
    generations: int
    computed_at: datetime


class PublicProfile(BaseModel):
    id: uuid.UUID
    display_id: str
    name: str | None
    species: PublicSpecies
    sex: Sex
    hatch_date: date | None
    status: AnimalStatus
    morph: str | None
    genotype: list[GenotypeSummary]
    sire: PublicParent | PrivateRelative | None
    dam: PublicParent | PrivateRelative | None
    coi: PublicCoi | None
    # Only when the vivarium itself is public.
    vivarium: PublicVivarium | None
    profile_url: str = Field(description="The public web page this profile backs (the QR target)")
