from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from repti_core.email.outbox import SEND_EMAIL_TASK
from reptidex_common.models.outbox import OUTBOX_MODELS
from reptidex_common.settings import get_settings

CoreOutboxEvent = OUTBOX_MODELS["core"]
SentEmails = Callable[[str], Awaitable[list[dict[str, Any]]]]


@pytest.fixture
def sent_emails(db_session: AsyncSession) -> SentEmails:
    """Emails queued for `address`, oldest first, read from core's outbox as the worker would."""

    async def read(address: str) -> list[dict[str, Any]]:
        events = await db_session.scalars(
            select(CoreOutboxEvent)
            .where(CoreOutboxEvent.task_name == SEND_EMAIL_TASK)
            .order_by(CoreOutboxEvent.id)
        )
        return [e.payload for e in events if e.payload["to"] == address]

    return read


@pytest.fixture(autouse=True)
def behind_one_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests speak as the gateway would: one trusted hop appends the client's address."""
    monkeypatch.setattr(get_settings(), "trusted_proxy_hops", 1)
