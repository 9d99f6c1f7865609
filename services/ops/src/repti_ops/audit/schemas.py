"""The audit log as the API shows it."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel


class AuditActor(BaseModel):
    type: str
    id: str | None
    # The service a user's change came through, when one made the call for them.
    via: str | None = None


class AuditTarget(BaseModel):
    type: str
    id: str | None


class AuditRecordRead(BaseModel):
    id: uuid.UUID
    seq: int
    occurred_at: datetime
    actor: AuditActor
    action: str
    target: AuditTarget
    vivarium_id: uuid.UUID | None
    changes: dict[str, Any]
    request_id: str | None
    # Staff only: where the request came from.
    client_ip: str | None = None
    user_agent: str | None = None


class AuditPage(BaseModel):
    items: list[AuditRecordRead]
    next_cursor: str | None = None
