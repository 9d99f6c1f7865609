"""The "today" list: what a keeper walks the racks with."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field

from reptidex_common.models.animal_enums import FeedingOutcome, LogKind


class TodayAnimal(BaseModel):
    id: uuid.UUID
    display_id: str
    name: str | None
    species_name: str
    enclosure_id: uuid.UUID | None
    enclosure_name: str | None


class FeedingDue(BaseModel):
    animal: TodayAnimal
    interval_days: int
    last_fed_at: datetime | None
    last_outcome: FeedingOutcome | None
    next_feed_due: datetime | None = Field(description="null: never fed, due now.")
    next_offer_at: datetime | None
    overdue_days: int
    quick_log: dict[str, Any] = Field(
        description="POST body for /animals/{id}/logs that logs the usual meal as accepted "
        "(the last accepted prey); without prey_type when the animal was never fed."
    )


class WeighingDue(BaseModel):
    animal: TodayAnimal
    every_days: int
    last_weighed_at: datetime | None
    last_grams: float | None
    due_at: datetime | None = Field(description="null: never weighed, due now.")
    quick_log: dict[str, Any] = Field(description="POST body to complete with `grams`.")


class ReminderDue(BaseModel):
    id: uuid.UUID
    title: str
    kind: LogKind | None
    animal_id: uuid.UUID | None
    enclosure_id: uuid.UUID | None
    next_due_at: datetime


class NotificationOpen(BaseModel):
    id: uuid.UUID
    reminder_id: uuid.UUID
    title: str
    animal_id: uuid.UUID | None
    due_at: datetime


class TodayList(BaseModel):
    vivarium_id: uuid.UUID
    date: date
    timezone: str
    feedings: list[FeedingDue] = Field(description="Due or overdue, most overdue first.")
    weighings: list[WeighingDue]
    reminders: list[ReminderDue] = Field(description="Active reminders due before the day ends.")
    notifications: list[NotificationOpen] = Field(
        description="Reminders that already fired and nobody acknowledged (newest 100)."
    )
