"""GET /api/v1/audit: staff see every record, a vivarium's owner that vivarium's, nobody else
anything; filters narrow, pages follow newest first, where requests came from is staff-only."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import httpx
import pytest

from reptidex_common.events.envelope import Actor, ActorType
from reptidex_common.models.core import User
from reptidex_common.models.enums import PlatformRole, VivariumRole
from reptidex_common.testing.plugin import UserFactory, VivariumFactory

from .conftest import Record, now

PATH = "/api/v1/audit"
Headers = Callable[[User], dict[str, str]]


async def pages(client: httpx.AsyncClient, headers: dict[str, str], **params: Any) -> list[Any]:
    items: list[Any] = []
    cursor: str | None = None
    while True:
        query = {**params, "limit": 2, **({"cursor": cursor} if cursor else {})}
        response = await client.get(PATH, params=query, headers=headers)
        assert response.status_code == 200, response.text
        body = response.json()
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items


async def test_an_owner_pages_through_their_vivariums_records_newest_first(
    client: httpx.AsyncClient,
    record_write: Record,
    make_user: UserFactory,
    make_vivarium: VivariumFactory,
    auth_headers: Headers,
) -> None:
    owner = await make_user()
    vivarium = await make_vivarium(owner)
    written = [
        record_write(vivarium_id=vivarium.id, actor=Actor(type=ActorType.user, id=str(owner.id)))
        for _ in range(3)
    ]
    record_write(vivarium_id=uuid.uuid4())  # someone else's

    items = await pages(client, auth_headers(owner), vivarium_id=str(vivarium.id))

    assert [item["request_id"] for item in items] == [
        e.data["request_id"] for e in reversed(written)
    ]
    first = items[0]
    assert first["actor"] == {"type": "user", "id": str(owner.id), "via": None}
    assert first["action"] == "animal.update"
    assert first["target"]["type"] == "animal"
    assert first["vivarium_id"] == str(vivarium.id)
    assert first["changes"] == {"name": {"before": "Nyx", "after": "Nox"}}
    # Where a request came from is for staff only.
    assert first["client_ip"] is None
    assert first["user_agent"] is None


async def test_staff_see_everything_and_filter_it(
    client: httpx.AsyncClient,
    record_write: Record,
    make_user: UserFactory,
    auth_headers: Headers,
) -> None:
    support = await make_user(platform_role=PlatformRole.support)
    target = str(uuid.uuid4())
    actor = Actor(type=ActorType.api_key, id=str(uuid.uuid4()))
    record_write(target_id=target, action="animal.archive", actor=actor)
    record_write(target_id=target, action="animal.update")
    record_write(action="animal.archive")

    by_target = await pages(client, auth_headers(support), target_id=target)
    assert {item["action"] for item in by_target} == {"animal.archive", "animal.update"}
    both = await pages(client, auth_headers(support), target_id=target, action="animal.archive")
    assert [item["actor"] for item in both] == [{"type": "api_key", "id": actor.id, "via": None}]
    by_actor = await pages(client, auth_headers(support), actor_id=actor.id)
    assert len(by_actor) == 1
    assert by_actor[0]["client_ip"] == "203.0.113.9"
    later = await pages(
        client,
        auth_headers(support),
        target_id=target,
        since=(now() + timedelta(hours=1)).isoformat(),
    )
    assert later == []


@pytest.mark.parametrize("role", [VivariumRole.keeper, VivariumRole.curator])
async def test_members_below_owner_are_refused(
    role: VivariumRole,
    client: httpx.AsyncClient,
    make_user: UserFactory,
    make_vivarium: VivariumFactory,
    auth_headers: Headers,
) -> None:
    owner, member = await make_user(), await make_user()
    vivarium = await make_vivarium(owner, members={member.id: role})
    response = await client.get(
        PATH, params={"vivarium_id": str(vivarium.id)}, headers=auth_headers(member)
    )
    assert response.status_code == 403
    assert response.headers["content-type"].startswith("application/problem+json")


async def test_nobody_else_sees_anything(
    client: httpx.AsyncClient,
    record_write: Record,
    make_user: UserFactory,
    make_vivarium: VivariumFactory,
    auth_headers: Headers,
) -> None:
    owner, stranger = await make_user(), await make_user()
    vivarium = await make_vivarium(owner)
    written = record_write(vivarium_id=vivarium.id)
    assert (await client.get(PATH)).status_code == 401
    whole = await client.get(PATH, headers=auth_headers(stranger))
    assert whole.status_code == 403
    theirs = await client.get(
        PATH, params={"vivarium_id": str(vivarium.id)}, headers=auth_headers(stranger)
    )
    assert theirs.status_code == 404
    for response in (whole, theirs):
        assert str(written.id) not in response.text


@pytest.mark.parametrize(
    "params",
    [
        {"cursor": "not-a-cursor"},
        {"cursor": "s" + "9" * 30},
        {"limit": 0},
        {"limit": 1000},
        {"since": "2026-12-02T00:00:00Z", "until": "2026-12-01T00:00:00Z"},
        {"vivarium_id": "nope"},
    ],
)
async def test_bad_parameters_are_clear_errors(
    params: dict[str, Any],
    client: httpx.AsyncClient,
    make_user: UserFactory,
    auth_headers: Headers,
) -> None:
    admin = await make_user(platform_role=PlatformRole.admin)
    response = await client.get(PATH, params=params, headers=auth_headers(admin))
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
