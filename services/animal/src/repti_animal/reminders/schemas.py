"""Request and response bodies of care reminders and their due notifications."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator

from reptidex_common.bounds import DomainInstant, RepeatIntervalDays
from reptidex_common.models.animal_enums import LogKind
from reptidex_common.schemas import PartialUpdate


class ReminderCreate(BaseModel):
    """For one animal, one enclosure, or (neither) the whole vivarium."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=120, examples=["Deep clean rack 2"])
    animal_id: uuid.UUID | None = None
    enclosure_id: uuid.UUID | None = None
    kind: LogKind | None = Field(default=None, description="What to log when it is done.")
    interval_days: RepeatIntervalDays | None = Field(
        default=None, description="Repeat every N days; null fires once."
    )
    next_due_at: DomainInstant

    @model_validator(mode="after")
    def _one_target(self) -> ReminderCreate:
        if self.animal_id is not None and self.enclosure_id is not None:
            raise ValueError("a reminder is for an animal or an enclosure, not both")
        return self


class ReminderUpdate(PartialUpdate):
    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, min_length=1, max_length=120)
    kind: LogKind | None = None
    interval_days: RepeatIntervalDays | None = None
    next_due_at: DomainInstant | None = None
    active: bool | None = None

    # kind and interval_days may be cleared with null; these may not.
    not_nullable = ("title", "next_due_at", "active")


class ReminderRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    vivarium_id: uuid.UUID
    animal_id: uuid.UUID | None
    enclosure_id: uuid.UUID | None
    title: str
    kind: LogKind | None
    interval_days: int | None
    next_due_at: datetime
    last_fired_at: datetime | None
    active: bool
    created_by_id: uuid.UUID | None
    created_at: datetime


class ReminderPage(BaseModel):
    items: list[ReminderRead]
    next_cursor: str | None = None


class DueNotificationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    reminder_id: uuid.UUID
    vivarium_id: uuid.UUID
    animal_id: uuid.UUID | None
    title: str
    due_at: datetime
    created_at: datetime
    acknowledged_at: datetime | None


class DueNotificationPage(BaseModel):
    items: list[DueNotificationRead]
    next_cursor: str | None = None
