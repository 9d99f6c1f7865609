"""Request and response bodies of the invitation endpoints."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, EmailStr

from reptidex_common.models.enums import InvitationStatus, VivariumRole


class InvitationCreate(BaseModel):
    email: EmailStr
    role: VivariumRole


class InvitationRead(BaseModel):
    id: uuid.UUID
    email: str
    role: VivariumRole
    status: InvitationStatus
    expires_at: datetime
    vivarium_id: uuid.UUID
    vivarium_name: str


class AcceptedMembership(BaseModel):
    vivarium_id: uuid.UUID
    role: VivariumRole
