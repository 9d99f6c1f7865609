"""Request and response bodies of the animal endpoints."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
)

from repti_animal.animals.display_ids import check_manual
from repti_animal.genotypes.schemas import GenotypeRead
from reptidex_common.bounds import DomainDate, FeedingIntervalDays, PriceCents
from reptidex_common.db.pagination import Page
from reptidex_common.models.animal_enums import AnimalStatus, Sex, Visibility
from reptidex_common.schemas import PartialUpdate


def _blank_to_none(value: str | None) -> str | None:
    return value or None


Name = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=120), AfterValidator(_blank_to_none)
]
Morph = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=200), AfterValidator(_blank_to_none)
]
Microchip = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=40), AfterValidator(_blank_to_none)
]
ShortText = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=200), AfterValidator(_blank_to_none)
]
Notes = Annotated[str, StringConstraints(max_length=10_000), AfterValidator(_blank_to_none)]
DisplayId = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=40, pattern=r"^[^\x00-\x1f\x7f]+$"
    ),
    AfterValidator(check_manual),
]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
# The service checks it against the vivarium's today: only the vivarium knows its time zone.
PastDate = Annotated[DomainDate, Field(description="Not after today in the vivarium's time zone.")]
IntervalDays = FeedingIntervalDays


class _AnimalFields(BaseModel):
    """Fields a client may set on create and change on update."""

    model_config = ConfigDict(extra="forbid")

    name: Name | None = None
    hatch_date: PastDate | None = None
    sire_id: uuid.UUID | None = None
    dam_id: uuid.UUID | None = None
    morph: Morph | None = None
    microchip: Microchip | None = None
    enclosure_id: uuid.UUID | None = None
    clutch_id: uuid.UUID | None = None
    acquisition_date: PastDate | None = None
    acquisition_source: ShortText | None = None
    acquisition_price_cents: PriceCents | None = None
    acquisition_currency: Currency | None = None
    disposal_date: DomainDate | None = None
    disposal_reason: ShortText | None = None
    feeding_interval_days: IntervalDays | None = None
    notes: Notes | None = None


class AnimalCreate(_AnimalFields):
    vivarium_id: uuid.UUID
    species_id: uuid.UUID
    sex: Sex = Sex.unknown
    status: AnimalStatus = AnimalStatus.active
    visibility: Visibility = Visibility.private
    display_id: DisplayId | None = Field(
        default=None, description="Leave out to number from the vivarium's template"
    )


class AnimalUpdate(PartialUpdate, _AnimalFields):
    """Every field optional; only the fields sent are applied (null clears where allowed)."""

    sex: Sex | None = None
    status: AnimalStatus | None = None
    visibility: Visibility | None = None
    display_id: DisplayId | None = None

    not_nullable = ("sex", "status", "visibility", "display_id")


class ParentRef(BaseModel):
    id: uuid.UUID
    display_id: str
    name: str | None


class PrivateParent(BaseModel):
    """A parent the caller may not see: only that there is one."""

    private: Literal[True] = True


class AnimalListItem(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    vivarium_id: uuid.UUID
    species_id: uuid.UUID
    display_id: str
    name: str | None
    sex: Sex
    hatch_date: date | None
    status: AnimalStatus
    visibility: Visibility
    morph: str | None
    microchip: str | None
    enclosure_id: uuid.UUID | None
    coi: float | None
    coi_generations: int | None
    archived_at: datetime | None
    created_at: datetime


AnimalPage = Page[AnimalListItem]


class AnimalRead(AnimalListItem):
    sire: ParentRef | PrivateParent | None
    dam: ParentRef | PrivateParent | None
    clutch_id: uuid.UUID | None
    acquisition_date: date | None
    acquisition_source: str | None
    acquisition_price_cents: int | None
    acquisition_currency: str | None
    disposal_date: date | None
    disposal_reason: str | None
    feeding_interval_days: int | None
    notes: str | None
    genotype: list[GenotypeRead]
    coi_computed_at: datetime | None
    updated_at: datetime
