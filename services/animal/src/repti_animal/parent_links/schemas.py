"""Bodies of the parent-link endpoints."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel

from repti_animal.animals.schemas import PrivateParent
from reptidex_common.db.pagination import Page
from reptidex_common.models.animal_enums import ParentLinkStatus, ParentRole, Sex


class LinkDirection(StrEnum):
    """`incoming`: requests for this vivarium's animals to become parents elsewhere.
    `outgoing`: this vivarium's animals asking for (or holding suspended) parents elsewhere."""

    incoming = "incoming"
    outgoing = "outgoing"


class LinkedAnimal(BaseModel):
    id: uuid.UUID
    display_id: str
    name: str | None
    sex: Sex
    hatch_date: date | None
    vivarium_id: uuid.UUID
    vivarium_name: str


class ParentLinkRead(BaseModel):
    id: uuid.UUID
    role: ParentRole
    status: ParentLinkStatus
    reason: str | None
    child: LinkedAnimal
    # The parent as the caller may see it (its owner may have made it private since).
    parent: LinkedAnimal | PrivateParent
    created_at: datetime
    responded_at: datetime | None


ParentLinkPage = Page[ParentLinkRead]
