"""Request and response bodies of the member endpoints."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel

from reptidex_common.models.enums import VivariumRole


class MemberRead(BaseModel):
    user_id: uuid.UUID
    display_name: str
    email: str
    role: VivariumRole
    joined_at: datetime


class MemberUpdate(BaseModel):
    role: VivariumRole
