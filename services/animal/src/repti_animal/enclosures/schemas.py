"""Request and response bodies of enclosures (racks, tubs, vivaria) and moves between them."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator

from reptidex_common.models.animal_enums import AnimalStatus, Sex

MAX_MOVE = 500


class EnclosureCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=80, examples=["Rack A / Tub 3"])
    kind: str | None = Field(default=None, max_length=40, examples=["tub", "vivarium"])
    location: str | None = Field(default=None, max_length=120, examples=["Reptile room"])
    notes: str | None = Field(default=None, max_length=4000)


class EnclosureUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, min_length=1, max_length=80)
    kind: str | None = Field(default=None, max_length=40)
    location: str | None = Field(default=None, max_length=120)
    notes: str | None = Field(default=None, max_length=4000)
    archived: bool | None = None

    @model_validator(mode="after")
    def _required_stay_set(self) -> EnclosureUpdate:
        for name in ("name", "archived"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} may not be null")
        return self


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
