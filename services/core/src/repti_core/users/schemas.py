"""Request and response bodies of the user profile endpoints."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from repti_core.auth.schemas import DisplayName
from reptidex_common.schemas import PartialUpdate

Bio = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
Location = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]


class PrivacySettings(BaseModel):
    """Known keys only: a misspelt privacy switch must fail loudly, not leave a profile open."""

    model_config = ConfigDict(extra="forbid")

    profile_public: bool = Field(default=True, description="Others may see the public profile")
    show_location: bool = Field(default=True, description="The public profile shows the location")


class ContactPreferences(BaseModel):
    model_config = ConfigDict(extra="forbid")

    preferred_channel: Literal["email", "in_app"] = "email"
    allow_messages: bool = Field(default=True, description="Other breeders may message this user")
    marketing_emails: bool = False


class UserUpdate(PartialUpdate):
    """Every field optional; only the fields sent change, and nested settings merge key by key."""

    model_config = ConfigDict(extra="forbid")

    display_name: DisplayName | None = None
    bio: Bio | None = None
    location: Location | None = None
    contact_preferences: ContactPreferences | None = None
    privacy_settings: PrivacySettings | None = None

    not_nullable = ("display_name", "contact_preferences", "privacy_settings")


class UserPublicRead(BaseModel):
    id: uuid.UUID
    display_name: str
    bio: str | None = None
    location: str | None = None
