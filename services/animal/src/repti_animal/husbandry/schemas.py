"""Request and response bodies of the husbandry log endpoints.

A log body is a union discriminated by `kind`: each kind accepts exactly its own fields
(`extra="forbid"`), so a weight sent as a feeding is a 422, not silently dropped data.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    field_validator,
    model_validator,
)

from reptidex_common.bounds import DomainInstant, LengthCm, PreyCount, WeightGrams
from reptidex_common.models.animal_enums import FeedingOutcome, LogKind

# Clocks of phones at the rack drift; a little slack, but no logging of tomorrow's feeding.
FUTURE_TOLERANCE = timedelta(minutes=5)
MAX_BATCH_SIZE = 500

Text = Annotated[str, Field(min_length=1, max_length=4000)]


class _LogBase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    occurred_at: DomainInstant | None = Field(
        default=None, description="When it happened (defaults to now); never in the future."
    )

    @field_validator("occurred_at")
    @classmethod
    def _not_in_the_future(cls, value: datetime | None) -> datetime | None:
        if value is not None and value > datetime.now(UTC) + FUTURE_TOLERANCE:
            raise ValueError("occurred_at may not be in the future")
        return value


class FeedingLog(_LogBase):
    kind: Literal["feeding"]
    prey_type: str = Field(min_length=1, max_length=60, examples=["rat"])
    prey_size: str | None = Field(default=None, min_length=1, max_length=40, examples=["small"])
    prey_count: PreyCount = 1
    outcome: FeedingOutcome
    notes: Text | None = None


class WeightLog(_LogBase):
    kind: Literal["weight"]
    grams: WeightGrams
    length_cm: LengthCm | None = None
    notes: Text | None = None


class ShedLog(_LogBase):
    kind: Literal["shed"]
    complete: bool
    notes: Text | None = None


class HealthLog(_LogBase):
    kind: Literal["health"]
    details: dict[str, Any] = Field(default_factory=dict, description="Free-form observations.")
    notes: Text


class VetLog(_LogBase):
    kind: Literal["vet"]
    details: dict[str, Any] = Field(
        default_factory=dict, description="Clinic, diagnosis, tests: free-form."
    )
    notes: Text


class MedicationLog(_LogBase):
    kind: Literal["medication"]
    drug: str = Field(min_length=1, max_length=120)
    dose: str = Field(min_length=1, max_length=60, examples=["0.1 ml/kg"])
    route: str | None = Field(default=None, max_length=40, examples=["oral", "injection"])
    course_days: int | None = Field(default=None, ge=1, le=365)
    notes: Text | None = None


class CleaningLog(_LogBase):
    kind: Literal["cleaning"]
    notes: Text | None = None


class NoteLog(_LogBase):
    kind: Literal["note"]
    notes: Text


LogCreate = Annotated[
    FeedingLog | WeightLog | ShedLog | HealthLog | VetLog | MedicationLog | CleaningLog | NoteLog,
    Field(discriminator="kind"),
]
log_create_adapter: TypeAdapter[LogCreate] = TypeAdapter(LogCreate)


class _ForAnimal(BaseModel):
    animal_id: uuid.UUID


# One flat entry per animal in a batch: the log body plus the animal it is for.
class FeedingEntry(FeedingLog, _ForAnimal): ...


class WeightEntry(WeightLog, _ForAnimal): ...


class ShedEntry(ShedLog, _ForAnimal): ...


class HealthEntry(HealthLog, _ForAnimal): ...


class VetEntry(VetLog, _ForAnimal): ...


class MedicationEntry(MedicationLog, _ForAnimal): ...


class CleaningEntry(CleaningLog, _ForAnimal): ...


class NoteEntry(NoteLog, _ForAnimal): ...


BatchEntry = Annotated[
    FeedingEntry
    | WeightEntry
    | ShedEntry
    | HealthEntry
    | VetEntry
    | MedicationEntry
    | CleaningEntry
    | NoteEntry,
    Field(discriminator="kind"),
]


class LogBatchCreate(BaseModel):
    """Either `entries` (one body per animal) or `animal_ids` with one shared `log`."""

    model_config = ConfigDict(extra="forbid")

    entries: list[BatchEntry] | None = Field(default=None, max_length=MAX_BATCH_SIZE)
    animal_ids: list[uuid.UUID] | None = Field(default=None, max_length=MAX_BATCH_SIZE)
    log: LogCreate | None = None

    @model_validator(mode="after")
    def _one_shape(self) -> LogBatchCreate:
        if self.entries is not None:
            if self.animal_ids is not None or self.log is not None:
                raise ValueError("send either entries, or animal_ids with log; not both")
            if not self.entries:
                raise ValueError("entries may not be empty")
        elif self.animal_ids is None or self.log is None:
            raise ValueError("send entries, or animal_ids together with log")
        elif not self.animal_ids:
            raise ValueError("animal_ids may not be empty")
        return self

    def pairs(self) -> list[tuple[uuid.UUID, LogCreate]]:
        """(animal id, log body) for every entry, in request order (the index of errors)."""
        if self.entries is not None:
            return [(entry.animal_id, entry) for entry in self.entries]
        assert self.animal_ids is not None
        assert self.log is not None
        return [(animal_id, self.log) for animal_id in self.animal_ids]


class LogRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    animal_id: uuid.UUID
    vivarium_id: uuid.UUID
    kind: LogKind
    occurred_at: datetime
    weight_grams: float | None = None
    length_cm: float | None = None
    prey_type: str | None = None
    prey_size: str | None = None
    prey_count: int | None = None
    feeding_outcome: FeedingOutcome | None = None
    shed_complete: bool | None = None
    details: dict[str, Any]
    notes: str | None = None
    logged_by_id: uuid.UUID | None = None
    created_at: datetime


class LogPage(BaseModel):
    items: list[LogRead]
    next_cursor: str | None = None


class LogBatchRead(BaseModel):
    created: int
    items: list[LogRead]


class WeightPoint(BaseModel):
    log_id: uuid.UUID
    occurred_at: datetime
    grams: float
    length_cm: float | None = None


class WeightSeries(BaseModel):
    animal_id: uuid.UUID
    points: list[WeightPoint]


class LastFeeding(BaseModel):
    occurred_at: datetime
    outcome: FeedingOutcome
    prey_type: str | None
    prey_size: str | None
    prey_count: int | None


class FeedingStatus(BaseModel):
    animal_id: uuid.UUID
    interval_days: int
    interval_source: Literal["animal", "species", "default"]
    last_fed_at: datetime | None = Field(description="The last accepted feeding.")
    last_feeding: LastFeeding | None = Field(description="The last attempt, whatever its outcome.")
    next_feed_due: datetime | None = Field(
        description="Last accepted feeding + interval; null when never fed (due now)."
    )
    next_offer_at: datetime | None = Field(
        description="When to offer food next: the due date, pushed back after a refusal or "
        "regurgitation; null means now."
    )
    due: bool
    overdue_days: int
