"""Request and response bodies of the partnership endpoints."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, StringConstraints

from reptidex_common.models.enums import PartnershipStatus


class PartnershipCreate(BaseModel):
    partner_slug: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)
    ]
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)] | None = None


class VivariumSummary(BaseModel):
    id: uuid.UUID
    slug: str
    name: str


class PartnershipRead(BaseModel):
    id: uuid.UUID
    status: PartnershipStatus
    # The side that proposed, and the side that accepts.
    requester: VivariumSummary
    partner: VivariumSummary
    note: str | None
    created_at: datetime
    accepted_at: datetime | None
    ended_at: datetime | None
