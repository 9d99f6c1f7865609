"""Request and response bodies of enclosures (racks, tubs, vivaria) and moves between them."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from reptidex_common.models.animal_enums import AnimalStatus, Sex
from reptidex_common.schemas import PartialUpdate

MAX_MOVE = 500


class EnclosureCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=80, examples=["Rack A / Tub 3"])
    kind: str | None = Field(default=None, max_length=40, examples=["tub", "vivarium"])
    location: str | None = Field(default=None, max_length=120, examples=["Reptile room"])
    notes: str | None = Field(default=None, max_length=4000)


class EnclosureUpdate(PartialUpdate):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, min_length=1, max_length=80)
    kind: str | None = Field(default=None, max_length=40)
    location: str | None = Field(default=None, max_length=120)
    notes: str | None = Field(default=None, max_length=4000)
    archived: bool | None = None

    not_nullable = ("name", "archived")


class EnclosureAnimal(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    display_id: str
    name: str | None
    species_id: uuid.UUID
    sex: Sex
    status: AnimalStatus


class EnclosureRead(BaseModel):
    id: uuid.UUID
    vivarium_id: uuid.UUID
    name: str
    kind: str | None
    location: str | None
    notes: str | None
    archived_at: datetime | None
    created_at: datetime
    animals: list[EnclosureAnimal]


class EnclosurePage(BaseModel):
    items: list[EnclosureRead]
    next_cursor: str | None = None


class EnclosureAnimals(BaseModel):
    enclosure_id: uuid.UUID
    animals: list[EnclosureAnimal]


class AnimalMove(BaseModel):
    model_config = ConfigDict(extra="forbid")

    animal_ids: list[uuid.UUID] = Field(min_length=1, max_length=MAX_MOVE)
