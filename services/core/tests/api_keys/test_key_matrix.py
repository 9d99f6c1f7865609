"""The API-key actor in core's authorization matrix: one owner's key per scope, bound to the
vivarium. Account, user, member, invitation, session, key, partnership and plan data never
answer a key, whatever its scopes; a key with a data scope may read its vivarium's record."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.auth.api_keys import ApiKeyScope
from reptidex_common.models.core import User
from reptidex_common.testing.matrix import (
    World,
    assert_problem,
    key_matrix,
    key_rows,
    make_api_key,
)
from reptidex_common.testing.plugin import VivariumFactory
from reptidex_common.testing.service_checks import check_keys_reach_only_open_operations

from ..vivariums.world import build_world

Headers = Callable[[User], dict[str, str]]
EVERY_KEY = key_rows()  # refused for every scope
DATA_READ = ("animals:read", "animals:write", "breeding:read", "breeding:write",
             "husbandry:read", "husbandry:write")  # fmt: skip


@pytest.fixture
async def world(
    db_session: AsyncSession, make_vivarium: VivariumFactory, auth_headers: Headers
) -> World:
    return await build_world(db_session, make_vivarium, auth_headers)


def account_requests(world: World) -> list[tuple[str, str, dict[str, Any] | None]]:
    keeper = world.users["keeper"].id
    return [
        ("GET", "/api/v1/auth/me", None),
        ("POST", "/api/v1/auth/logout-all", None),
        ("POST", "/api/v1/auth/verify-email/request", None),
        (
            "POST",
            "/api/v1/auth/password/change",
            {"current_password": "x" * 12, "new_password": "y" * 12},
        ),
        ("PATCH", "/api/v1/users/me", {"display_name": "Renamed"}),
        ("GET", f"/api/v1/users/{world.users['owner'].id}", None),
        ("GET", f"{world.url}/members", None),
        ("PATCH", f"{world.url}/members/{keeper}", {"role": "handler"}),
        ("DELETE", f"{world.url}/members/{keeper}", None),
        ("GET", f"{world.url}/invitations", None),
        ("POST", f"{world.url}/invitations", {"email": "new@example.com", "role": "keeper"}),
        ("GET", "/api/v1/invitations", None),
        ("GET", "/api/v1/api-keys", None),
        ("POST", "/api/v1/api-keys", {"name": "more", "scopes": ["animals:write"]}),
        ("GET", f"{world.url}/partnerships", None),
        ("GET", f"{world.url}/plan", None),
        ("GET", "/api/v1/feature-flags", None),
        ("PATCH", world.url, {"name": "Renamed"}),
        ("DELETE", world.url, None),
        ("POST", "/api/v1/vivariums", {"name": "Another"}),
    ]


@key_matrix(**EVERY_KEY)
async def test_no_key_reads_or_changes_account_data(
    client: httpx.AsyncClient, world: World, actor: str, expected: int
) -> None:
    for method, url, body in account_requests(world):
        response = await client.request(method, url, json=body, headers=world.headers(actor))
        problem = assert_problem(response, expected)
        assert problem["type"].endswith("/signed-in-user-required"), (method, url)
    # Nothing changed: the owner still sees the same name and members.
    owner = world.headers("owner")
    assert (await client.get(world.url, headers=owner)).json()["name"] == world.vivarium.name
    members = (await client.get(f"{world.url}/members", headers=owner)).json()
    assert len(members["items"] if isinstance(members, dict) else members) == 4


@key_matrix(**key_rows(*DATA_READ))
async def test_a_data_key_reads_its_vivarium(
    client: httpx.AsyncClient, world: World, actor: str, expected: int
) -> None:
    one = await client.get(world.url, headers=world.headers(actor))
    listed = await client.get("/api/v1/vivariums", headers=world.headers(actor))
    if expected == 200:
        assert one.status_code == 200, one.text
        assert [v["id"] for v in listed.json()["items"]] == [str(world.vivarium.id)]
        # Bound to this vivarium, the key cannot see another, not even that it exists.
        elsewhere = await client.get(
            f"/api/v1/vivariums/{world.other.id}", headers=world.headers(actor)
        )
        assert_problem(elsewhere, 404)
    else:
        assert assert_problem(one, expected)["type"].endswith("/missing-scope")
        assert_problem(listed, expected)


@key_matrix(**key_rows(*DATA_READ, ApiKeyScope.embed.value))
async def test_feature_flags_evaluate_for_data_and_embed_keys(
    client: httpx.AsyncClient, world: World, actor: str, expected: int
) -> None:
    response = await client.get("/api/v1/feature-flags/evaluate", headers=world.headers(actor))
    assert response.status_code == expected, response.text


@key_matrix(**key_rows(*(scope.value for scope in ApiKeyScope)))
async def test_public_data_answers_every_key(
    client: httpx.AsyncClient, world: World, actor: str, expected: int
) -> None:
    for url in ("/api/v1/plans", "/.well-known/jwks.json", "/api/v1/health"):
        response = await client.get(url, headers=world.headers(actor))
        assert response.status_code == expected, (url, response.text)


async def test_every_core_route_refuses_a_key_unless_its_scopes_open_it(
    client: httpx.AsyncClient, db_session: AsyncSession, make_user: Callable[..., Any]
) -> None:
    key = await make_api_key(db_session, await make_user(), ["embed"], vivarium=None)
    await check_keys_reach_only_open_operations(
        client,
        {"X-API-Key": key},
        frozenset({"health-live", "health-ready", "auth-jwks", "plans-list-plans"})
        # Flags are evaluated for embed widgets.
        | {"feature-flags-evaluate-flags"},
    )
