"""Request and response bodies of the breeding endpoints."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, Field, StringConstraints, model_validator

from repti_animal.animals.display_ids import check_manual
from reptidex_common.bounds import DomainDate, EggCount, IncubationCelsius, Percent, Season
from reptidex_common.db.pagination import Page
from reptidex_common.models.animal_enums import (
    AnimalStatus,
    ClutchStatus,
    GenotypeProof,
    GenotypeState,
    PairingStatus,
    Sex,
    Visibility,
)
from reptidex_common.schemas import PartialUpdate

Notes = Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000)]
# `locked_at`, `pre_lay_shed_at`, `laid_at`...: one date per step, as breeders record them.
EventKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,36}_at$")]
Events = Annotated[dict[EventKey, DomainDate], Field(max_length=30)]
LockDates = Annotated[
    list[DomainDate],
    Field(
        max_length=100,
        description="Every date the pair was seen locked; `events.locked_at` is the first.",
    ),
]
Temperature = IncubationCelsius
Humidity = Percent


class AnimalSummary(BaseModel):
    id: uuid.UUID
    display_id: str
    name: str | None
    sex: Sex


class WhatIfCoi(BaseModel):
    """Wright's F the offspring of this pairing would have, with the pedigree depth used."""

    coi: float
    generations: int


class PairingCreate(BaseModel):
    sire_id: uuid.UUID
    dam_id: uuid.UUID
    # Defaults to where the dam is kept (the borrower's, for a leased dam); the caller must be
    # handler or higher there.
    vivarium_id: uuid.UUID | None = None
    season: Season | None = None
    status: PairingStatus = PairingStatus.planned
    events: Events = Field(default_factory=dict)
    # A `locked_at` in events is one more lock date.
    lock_dates: LockDates = Field(default_factory=list)
    notes: Notes | None = None


class PairingUpdate(PartialUpdate):
    season: Season | None = None
    status: PairingStatus | None = None
    # Merged into the recorded events; a key given again replaces its date. A `locked_at`
    # given here adds a lock date rather than replacing the others.
    events: Events | None = None
    # The whole list, replacing the recorded one.
    lock_dates: LockDates | None = None
    notes: Notes | None = None

    not_nullable = ("status", "events", "lock_dates")


class PairingRead(BaseModel):
    id: uuid.UUID
    vivarium_id: uuid.UUID
    species_id: uuid.UUID
    sire: AnimalSummary
    dam: AnimalSummary
    season: int | None
    status: PairingStatus
    allowed_next: list[PairingStatus]
    events: dict[str, Any]
    lock_dates: list[date] = Field(
        description="Every lock, ascending; events.locked_at is the first."
    )
    expected_birth_date: date | None = Field(
        default=None,
        description="Live-bearers: ovulation plus the species' gestation; null until ovulation is recorded.",
    )
    notes: str | None
    what_if_coi: WhatIfCoi | None = None
    created_at: datetime
    updated_at: datetime


class PairingPage(Page[PairingRead]):
    pass


class ClutchCreate(BaseModel):
    laid_date: DomainDate
    eggs_total: EggCount
    eggs_fertile: EggCount = 0
    eggs_infertile: EggCount = 0
    incubation_temp_c: Temperature | None = None
    incubation_humidity_pct: Humidity | None = None
    notes: Notes | None = None

    @model_validator(mode="after")
    def _counts_add_up(self) -> ClutchCreate:
        if self.eggs_fertile + self.eggs_infertile > self.eggs_total:
            raise ValueError(
                f"fertile ({self.eggs_fertile}) + infertile ({self.eggs_infertile}) eggs "
                f"exceed the total ({self.eggs_total})"
            )
        return self


class ClutchUpdate(PartialUpdate):
    laid_date: DomainDate | None = None
    eggs_total: EggCount | None = None
    eggs_fertile: EggCount | None = None
    eggs_infertile: EggCount | None = None
    incubation_temp_c: Temperature | None = None
    incubation_humidity_pct: Humidity | None = None
    notes: Notes | None = None

    not_nullable = ("laid_date", "eggs_total", "eggs_fertile", "eggs_infertile")


class ClutchRead(BaseModel):
    id: uuid.UUID
    vivarium_id: uuid.UUID
    pairing_id: uuid.UUID | None
    sire_id: uuid.UUID | None
    dam_id: uuid.UUID
    species_id: uuid.UUID
    laid_date: date
    eggs_total: int
    eggs_fertile: int
    eggs_infertile: int
    incubation_temp_c: float | None
    incubation_humidity_pct: int | None
    expected_hatch_date: date | None
    # Counts down while incubating; negative once overdue; null once hatched or failed.
    days_until_expected_hatch: int | None
    hatch_date: date | None
    hatched_count: int
    status: ClutchStatus
    notes: str | None
    created_at: datetime
    updated_at: datetime


class ClutchPage(Page[ClutchRead]):
    pass


class HatchlingCreate(BaseModel):
    sex: Sex = Sex.unknown
    name: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
        | None
    ) = None
    morph: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
        | None
    ) = None
    # Manual override of the vivarium's template; unique per vivarium.
    display_id: (
        Annotated[
            str,
            StringConstraints(strip_whitespace=True, min_length=1, max_length=40),
            AfterValidator(check_manual),
        ]
        | None
    ) = None


class HatchCreate(BaseModel):
    """Either the hatchlings one by one, or only how many hatched (all unsexed, unnamed)."""

    hatch_date: DomainDate
    hatchlings: Annotated[list[HatchlingCreate], Field(min_length=1, max_length=100)] | None = None
    count: Annotated[int, Field(ge=1, le=100)] | None = None
    confirm_early_hatch: bool = Field(
        default=False,
        description="The breeder confirms a hatch sooner than the species' shortest "
        "incubation; without it such a hatch is refused with 409 early-hatch-unconfirmed.",
    )

    @model_validator(mode="after")
    def _one_way(self) -> HatchCreate:
        if (self.hatchlings is None) == (self.count is None):
            raise ValueError("give either hatchlings or count, not both and not neither")
        return self

    def entries(self) -> list[HatchlingCreate]:
        if self.hatchlings is not None:
            return self.hatchlings
        return [HatchlingCreate() for _ in range(self.count or 0)]


class GenotypeNote(BaseModel):
    trait_id: uuid.UUID
    trait_name: str
    state: GenotypeState
    het_percent: int | None
    proof: GenotypeProof


class HatchlingRead(BaseModel):
    id: uuid.UUID
    vivarium_id: uuid.UUID
    species_id: uuid.UUID
    display_id: str
    name: str | None
    sex: Sex
    morph: str | None
    hatch_date: date | None
    status: AnimalStatus
    visibility: Visibility
    sire_id: uuid.UUID | None
    dam_id: uuid.UUID | None
    clutch_id: uuid.UUID | None
    genotypes: list[GenotypeNote]


class BreedingFigures(BaseModel):
    clutches: int
    clutches_incubating: int
    clutches_hatched: int
    clutches_failed: int
    eggs_total: int
    eggs_fertile: int
    eggs_infertile: int
    hatched: int
    # fertile / total eggs; null without eggs.
    fertility_rate: float | None
    # hatched / fertile eggs of finished (hatched or failed) clutches: eggs still in the
    # incubator have not had their chance yet. Null without finished fertile eggs.
    hatch_rate: float | None


class PairingFigures(BreedingFigures):
    pairing_id: uuid.UUID | None
    sire_display_id: str | None
    dam_display_id: str | None
    season: int | None
    status: PairingStatus | None


class SpeciesFigures(BreedingFigures):
    species_id: uuid.UUID
    common_name: str


class BreedingStats(BaseModel):
    vivarium_id: uuid.UUID
    season: int | None
    totals: BreedingFigures
    pairings: list[PairingFigures]
    species: list[SpeciesFigures]
