"""A vivarium's time zone: set at creation (or registration) from the browser, owner-editable."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.core import Membership, User, Vivarium
from reptidex_common.testing.plugin import DEFAULT_PASSWORD

from .world import OWNER_ONLY, World, assert_problem, matrix, ok_as

API = "/api/v1/vivariums"
Headers = Callable[[User], dict[str, str]]
UserFactory = Callable[..., Any]


async def test_created_in_the_browser_s_time_zone_and_utc_by_default(
    client: httpx.AsyncClient, new_user: UserFactory, auth_headers: Headers
) -> None:
    headers = auth_headers(await new_user())
    sydney = await client.post(
        API, json={"name": "Down Under", "time_zone": "Australia/Sydney"}, headers=headers
    )
    assert sydney.status_code == 201, sydney.text
    assert sydney.json()["time_zone"] == "Australia/Sydney"
    shown = await client.get(f"{API}/{sydney.json()['id']}", headers=headers)
    assert shown.json()["time_zone"] == "Australia/Sydney"
    plain = await client.post(API, json={"name": "Plain"}, headers=headers)
    assert plain.json()["time_zone"] == "UTC"


@pytest.mark.parametrize(
    "time_zone", ["Mars/Olympus", "", "europe/berlin ", "UTC+14", "../../etc/passwd", "x" * 65]
)
async def test_an_unknown_time_zone_is_refused_and_writes_nothing(
    client: httpx.AsyncClient,
    db_session: AsyncSession,
    world: World,
    time_zone: str,
) -> None:
    before = await db_session.scalar(select(func.count()).select_from(Vivarium))
    created = await client.post(
        API, json={"name": "Nowhere", "time_zone": time_zone}, headers=world.headers()
    )
    body = assert_problem(created, 422)
    assert any(e["field"].endswith("time_zone") for e in body["errors"]), body
    assert await db_session.scalar(select(func.count()).select_from(Vivarium)) == before
    changed = await client.patch(world.url, json={"time_zone": time_zone}, headers=world.headers())
    assert_problem(changed, 422)
    await db_session.refresh(world.vivarium)
    assert world.vivarium.time_zone == "UTC"


@matrix(**ok_as(200, OWNER_ONLY))
async def test_the_owner_changes_the_time_zone(
    client: httpx.AsyncClient,
    db_session: AsyncSession,
    world: World,
    actor: str,
    expected: int,
) -> None:
    response = await client.patch(
        world.url, json={"time_zone": "Pacific/Kiritimati"}, headers=world.headers(actor)
    )
    assert response.status_code == expected, response.text
    await db_session.refresh(world.vivarium)
    changed = expected == 200
    assert world.vivarium.time_zone == ("Pacific/Kiritimati" if changed else "UTC")
    if changed:
        assert response.json()["time_zone"] == "Pacific/Kiritimati"
    assert_problem(
        await client.patch(world.url, json={"time_zone": None}, headers=world.headers()), 422
    )


async def test_registration_puts_the_personal_vivarium_in_the_browser_s_time_zone(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    body = {
        "email": "perth@example.com",
        "password": DEFAULT_PASSWORD,
        "display_name": "Perth Pythons",
        "time_zone": "Australia/Perth",
    }
    assert (await client.post("/api/v1/auth/register", json=body)).status_code == 201
    zone = await db_session.scalar(
        select(Vivarium.time_zone)
        .join(Membership, Membership.vivarium_id == Vivarium.id)
        .join(User, User.id == Membership.user_id)
        .where(User.email == "perth@example.com")
    )
    assert zone == "Australia/Perth"
    refused = await client.post(
        "/api/v1/auth/register",
        json={**body, "email": "nowhere@example.com", "time_zone": "Mars/Olympus"},
    )
    assert_problem(refused, 422)
