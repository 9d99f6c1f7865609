"""Request and response bodies of transfers and leases."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, StringConstraints, model_validator

from reptidex_common.bounds import DomainDate
from reptidex_common.models.animal_enums import LeaseStatus, Sex, TransferStatus

Message = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]


class Direction(StrEnum):
    incoming = "incoming"
    outgoing = "outgoing"


class TransferCreate(BaseModel):
    animal_id: uuid.UUID
    to_vivarium_id: uuid.UUID
    message: Message | None = None


class VivariumSummary(BaseModel):
    id: uuid.UUID
    slug: str
    name: str


class TransferRead(BaseModel):
    id: uuid.UUID
    animal_id: uuid.UUID
    status: TransferStatus
    from_vivarium: VivariumSummary
    to_vivarium: VivariumSummary
    message: str | None
    created_at: datetime
    expires_at: datetime
    responded_at: datetime | None
    # The animal as it was offered, then as it left on acceptance: the sender's record.
    snapshot: dict[str, Any]
    # Why it was canceled without the parties (a vivarium deleted, the animal archived).
    close_reason: str | None = None


class TransferPage(BaseModel):
    items: list[TransferRead]
    next_cursor: str | None


class LeaseCreate(BaseModel):
    animal_id: uuid.UUID
    borrower_vivarium_id: uuid.UUID
    start_date: DomainDate
    end_date: DomainDate | None = None
    terms: Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000)] | None = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> LeaseCreate:
        if self.end_date is not None and self.end_date < self.start_date:
            raise ValueError("end_date must be on or after start_date")
        return self


class LeasedAnimal(BaseModel):
    id: uuid.UUID
    display_id: str
    name: str | None
    species_id: uuid.UUID
    species: str
    sex: Sex
    hatch_date: date | None
    morph: str | None
    genotype: list[dict[str, Any]]


class LeaseRead(BaseModel):
    id: uuid.UUID
    animal_id: uuid.UUID
    status: LeaseStatus
    lender_vivarium: VivariumSummary
    borrower_vivarium: VivariumSummary
    start_date: date
    end_date: date | None
    terms: str | None
    created_at: datetime
    ended_at: datetime | None
    # Who or what ended it: a return, a cancellation, a deleted vivarium.
    end_reason: str | None
    # When each side's return reminder comes due (None without an end date).
    return_reminder_due_at: datetime | None
    # Shown to the borrower only while the lease is active; always to the lender.
    animal: LeasedAnimal | None
