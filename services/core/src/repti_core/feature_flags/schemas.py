"""Request and response bodies of the feature-flag endpoints."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import Path
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, field_validator

from reptidex_common.db.pagination import Page
from reptidex_common.feature_flags import FLAG_KEY_MAX_LENGTH, FLAG_KEY_PATTERN

# Targeting lists live in one row and are read on every evaluation; keep them bounded.
MAX_TARGETS = 1000

FlagKey = Annotated[
    str,
    Path(
        pattern=FLAG_KEY_PATTERN,
        max_length=FLAG_KEY_MAX_LENGTH,
        description="Lowercase letters and digits, words joined by dots or dashes: `market.featured-listings`.",
    ),
]
Targets = Annotated[list[uuid.UUID], Field(max_length=MAX_TARGETS)]


class FeatureFlagPut(BaseModel):
    """Fields left out keep their current value (or the default on creation)."""

    model_config = ConfigDict(extra="forbid")

    description: Annotated[str, Field(max_length=2000)] = ""
    enabled: StrictBool
    rollout_percent: Annotated[StrictInt, Field(ge=0, le=100)]
    user_ids: Targets = Field(default_factory=list)
    vivarium_ids: Targets = Field(default_factory=list)

    @field_validator("user_ids", "vivarium_ids")
    @classmethod
    def _unique(cls, ids: list[uuid.UUID]) -> list[uuid.UUID]:
        return list(dict.fromkeys(ids))


class FeatureFlagRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    key: str
    description: str
    enabled: bool
    rollout_percent: int
    user_ids: list[uuid.UUID]
    vivarium_ids: list[uuid.UUID]
    created_at: datetime
    updated_at: datetime


FeatureFlagPage = Page[FeatureFlagRead]


class FlagEvaluation(BaseModel):
    flags: dict[str, bool] = Field(
        description="Every known flag and whether it is on for the caller."
    )
