"""The one shape every domain event travels in, between every producer and every consumer."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ActorType(StrEnum):
    user = "user"
    api_key = "api_key"
    service = "service"
    system = "system"


class Actor(BaseModel):
    """Who made the change: a user, an API key, a service acting alone, or the system (a beat
    job). `id` is the user's or key's id, the service's name; none for the system."""

    model_config = ConfigDict(frozen=True)

    type: ActorType
    id: str | None = None
    # The service a user's change came through, when another service made the call for them.
    via: str | None = None


SYSTEM = Actor(type=ActorType.system)


class EventEnvelope(BaseModel):
    """`{id, type, version, occurred_at, producer, actor, vivarium_id, data}`.

    `id` is the event's own (UUIDv7, so ids follow time); consumers apply an event once per id.
    """

    model_config = ConfigDict(frozen=True)

    id: uuid.UUID
    type: str = Field(pattern=r"^[a-z]+\.[a-z_]+\.[a-z_]+$")
    version: int = Field(ge=1)
    occurred_at: datetime
    producer: str
    actor: Actor
    vivarium_id: uuid.UUID | None = None
    data: dict[str, Any]
