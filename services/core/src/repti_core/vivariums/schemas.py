"""Request and response bodies of the vivarium endpoints."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from reptidex_common.db.pagination import Page
from reptidex_common.models.enums import VivariumRole
from reptidex_common.schemas import PartialUpdate
from reptidex_common.vivarium_time import DEFAULT_TIME_ZONE, TimeZone

VivariumName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)
]
Description = Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000)]
Location = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]

# The animal service numbers animals from this template, so it must carry the sequence.
SEQ_PLACEHOLDER = re.compile(r"\{SEQ(?::\d{1,2})?\}")


class VivariumSettings(BaseModel):
    """The settings a client may write; unknown keys are refused so typos do not linger."""

    model_config = ConfigDict(extra="forbid")

    animal_id_template: Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=60),
        Field(
            description="Display ID template, e.g. {SPECIES}-{SEQ:03}; must contain {SEQ} or {SEQ:0N}"
        ),
    ] = "{SPECIES}-{SEQ:03}"
    default_species_id: uuid.UUID | None = None

    @field_validator("animal_id_template")
    @classmethod
    def _has_sequence(cls, value: str) -> str:
        if not SEQ_PLACEHOLDER.search(value):
            raise ValueError("must contain a sequence placeholder such as {SEQ} or {SEQ:03}")
        return value

    def changes(self) -> dict[str, Any]:
        """Only the keys the client sent, JSON-ready for the JSONB column."""
        return self.model_dump(mode="json", exclude_unset=True)


class VivariumCreate(BaseModel):
    name: VivariumName
    description: Description | None = None
    location: Location | None = None
    is_public: bool = False
    settings: VivariumSettings | None = None
    time_zone: TimeZone = DEFAULT_TIME_ZONE


class VivariumUpdate(PartialUpdate):
    """Every field optional; only the fields sent are applied."""

    name: VivariumName | None = None
    description: Description | None = None
    location: Location | None = None
    is_public: bool | None = None
    settings: VivariumSettings | None = None
    time_zone: TimeZone | None = None

    # description and location may be cleared; the others always have a value.
    not_nullable = ("name", "is_public", "settings", "time_zone")

    @property
    def touches_settings(self) -> bool:
        # The time zone changes what every date check means: the owner's, like the settings.
        return bool({"settings", "time_zone"} & self.model_fields_set)


class VivariumRead(BaseModel):
    id: uuid.UUID
    slug: str
    name: str
    description: str | None
    location: str | None
    is_public: bool
    is_personal: bool
    settings: dict[str, Any]
    time_zone: str
    plan_code: str | None = None
    # The caller's effective role: staff without a membership see the role they act as.
    my_role: VivariumRole | None
    created_at: datetime


VivariumPage = Page[VivariumRead]
