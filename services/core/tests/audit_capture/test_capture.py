"""Every write through core's API reports itself once to the audit log, in its transaction:
who (user, API key), what (the operation, the row, the changed fields without secrets), where
from (request id, address, browser); reads and refused writes report nothing."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.audit.capture import is_secret
from reptidex_common.events.envelope import EventEnvelope
from reptidex_common.events.types.audit import audit_event_type
from reptidex_common.models.core import User
from reptidex_common.models.outbox import OUTBOX_MODELS
from reptidex_common.testing.plugin import DEFAULT_PASSWORD, UserFactory, VivariumFactory

CoreOutbox = OUTBOX_MODELS["core"]
Headers = Callable[[User], dict[str, str]]
BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)"


async def audit_events(db: AsyncSession, request_id: str) -> list[EventEnvelope]:
    rows = await db.scalars(
        select(CoreOutbox.payload).where(
            CoreOutbox.task_name == audit_event_type("core"),
            CoreOutbox.payload["data"]["request_id"].astext == request_id,
        )
    )
    return [EventEnvelope.model_validate(row) for row in rows]


def tagged(headers: dict[str, str]) -> tuple[str, dict[str, str]]:
    request_id = uuid.uuid4().hex
    return request_id, {**headers, "X-Request-ID": request_id, "User-Agent": BROWSER}


async def test_an_update_is_one_record_with_the_changed_fields_and_where_it_came_from(
    client: httpx.AsyncClient,
    db_session: AsyncSession,
    make_user: UserFactory,
    make_vivarium: VivariumFactory,
    auth_headers: Headers,
) -> None:
    owner = await make_user()
    vivarium = await make_vivarium(owner, name="Scale Haven")
    request_id, headers = tagged(auth_headers(owner))

    response = await client.patch(
        f"/api/v1/vivariums/{vivarium.id}", json={"name": "Scale Harbour"}, headers=headers
    )

    assert response.status_code == 200, response.text
    [event] = await audit_events(db_session, request_id)
    assert event.type == "core.audit.recorded"
    assert event.actor.type == "user"
    assert event.actor.id == str(owner.id)
    assert event.vivarium_id == vivarium.id
    data = event.data
    assert data["action"] == "vivariums-update"
    assert data["target_type"] == "vivariums"
    assert data["target_id"] == str(vivarium.id)
    assert data["changes"]["name"] == {"before": "Scale Haven", "after": "Scale Harbour"}
    assert "slug" not in data["changes"]  # unchanged fields are left out
    assert data["user_agent"] == BROWSER
    assert data["client_ip"]


async def test_a_password_change_is_recorded_without_the_password(
    client: httpx.AsyncClient,
    db_session: AsyncSession,
    make_user: UserFactory,
    auth_headers: Headers,
) -> None:
    user = await make_user()
    request_id, headers = tagged(auth_headers(user))
    response = await client.post(
        "/api/v1/auth/password/change",
        json={"current_password": DEFAULT_PASSWORD, "new_password": "Another-gecko-2026!"},
        headers=headers,
    )
    assert response.status_code in (200, 204), response.text
    [event] = await audit_events(db_session, request_id)
    text = event.model_dump_json()
    assert "Another-gecko-2026!" not in text
    assert "password_hash" not in text
    assert "argon2" not in text
    assert event.data["target_type"] == "users"
    assert "password_changed_at" in event.data["changes"]


async def test_reads_and_refused_writes_record_nothing(
    client: httpx.AsyncClient,
    db_session: AsyncSession,
    make_user: UserFactory,
    make_vivarium: VivariumFactory,
    auth_headers: Headers,
) -> None:
    owner, stranger = await make_user(), await make_user()
    vivarium = await make_vivarium(owner)
    attempts: list[tuple[str, str, dict[str, Any] | None, User]] = [
        ("GET", f"/api/v1/vivariums/{vivarium.id}", None, owner),
        ("PATCH", f"/api/v1/vivariums/{vivarium.id}", {"name": "Mine now"}, stranger),
        ("PATCH", f"/api/v1/vivariums/{vivarium.id}", {"name": ""}, owner),
    ]
    for method, path, body, who in attempts:
        request_id, headers = tagged(auth_headers(who))
        response = await client.request(method, path, json=body, headers=headers)
        assert response.status_code in (200, 404, 422), response.text
        assert await audit_events(db_session, request_id) == [], (method, path)


@pytest.mark.parametrize(
    ("column", "secret"),
    [
        ("password_hash", True),
        ("key_hash", True),
        ("token_hash", True),
        ("client_secret", True),
        ("password", True),
        ("refresh_token", True),
        ("password_changed_at", False),
        ("key_prefix", False),
        ("name", False),
        ("email", False),
    ],
)
def test_secrets_are_told_apart_from_what_merely_mentions_them(column: str, secret: bool) -> None:
    assert is_secret(column) is secret
