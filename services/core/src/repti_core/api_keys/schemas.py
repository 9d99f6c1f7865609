"""Request and response bodies of the API key endpoints."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from reptidex_common.auth.api_keys import ApiKeyScope
from reptidex_common.bounds import DomainInstant
from reptidex_common.db.pagination import Page

KeyName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class ApiKeyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: KeyName
    scopes: Annotated[list[ApiKeyScope], Field(min_length=1, max_length=len(ApiKeyScope))]
    vivarium_id: uuid.UUID | None = Field(
        default=None,
        description="Limit the key to this vivarium; without it the key acts in all of yours.",
    )
    expires_at: DomainInstant | None = None

    @field_validator("scopes")
    @classmethod
    def _unique_scopes(cls, scopes: list[ApiKeyScope]) -> list[ApiKeyScope]:
        # Keep the caller's order but store each scope once.
        return list(dict.fromkeys(scopes))

    @field_validator("expires_at")
    @classmethod
    def _in_future(cls, value: datetime | None) -> datetime | None:
        if value is not None and value <= datetime.now(UTC):
            raise ValueError("must be in the future")
        return value


class ApiKeyRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    prefix: str = Field(description="The first characters of the key, to tell keys apart.")
    scopes: list[str]
    vivarium_id: uuid.UUID | None
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None = Field(
        description="When the key was last used; written once a minute, so up to a minute behind."
    )


class ApiKeyCreated(ApiKeyRead):
    key: str = Field(description="The secret. Shown only in this response; store it now.")


ApiKeyPage = Page[ApiKeyRead]
