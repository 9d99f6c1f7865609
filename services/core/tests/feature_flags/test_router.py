"""Feature flags through HTTP: admin CRUD, the authorization matrix, evaluation."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.feature_flags import rollout_bucket
from reptidex_common.models.core import FeatureFlag, User
from reptidex_common.models.enums import PlatformRole, VivariumRole
from reptidex_common.testing.plugin import UserFactory, VivariumFactory

Headers = Callable[[User], dict[str, str]]
PROBLEM_JSON = "application/problem+json"
URL = "/api/v1/feature-flags"


@pytest.fixture
async def staff(make_user: UserFactory) -> dict[str, User]:
    return {
        "admin": await make_user(platform_role=PlatformRole.admin),
        "support": await make_user(platform_role=PlatformRole.support),
        "user": await make_user(),
    }


async def put_flag(
    client: httpx.AsyncClient, headers: dict[str, str], key: str, **body: Any
) -> httpx.Response:
    payload = {"enabled": True, "rollout_percent": 0, **body}
    return await client.put(f"{URL}/{key}", json=payload, headers=headers)


async def flag_count(db_session: AsyncSession) -> int:
    return await db_session.scalar(select(func.count()).select_from(FeatureFlag)) or 0


async def evaluate(
    client: httpx.AsyncClient, headers: dict[str, str], **params: str
) -> dict[str, bool]:
    response = await client.get(f"{URL}/evaluate", params=params, headers=headers)
    assert response.status_code == 200, response.text
    flags: dict[str, bool] = response.json()["flags"]
    return flags


async def test_put_creates_then_updates_keeping_what_is_left_out(
    client: httpx.AsyncClient, staff: dict[str, User], auth_headers: Headers
) -> None:
    admin = auth_headers(staff["admin"])
    target = uuid.uuid4()

    created = await put_flag(
        client,
        admin,
        "market.new-search",
        description="Faster search",
        rollout_percent=25,
        user_ids=[str(target)] * 2,
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["key"] == "market.new-search"
    assert body["description"] == "Faster search"
    assert body["rollout_percent"] == 25
    assert body["user_ids"] == [str(target)]
    assert body["vivarium_ids"] == []

    updated = await put_flag(client, admin, "market.new-search", enabled=False, rollout_percent=50)
    assert updated.status_code == 200, updated.text
    assert updated.json() | {"updated_at": None} == body | {
        "enabled": False,
        "rollout_percent": 50,
        "updated_at": None,
    }

    listed = await client.get(URL, headers=admin)
    assert listed.status_code == 200
    assert [flag["key"] for flag in listed.json()["items"]] == ["market.new-search"]


async def test_list_is_paged(
    client: httpx.AsyncClient, staff: dict[str, User], auth_headers: Headers
) -> None:
    admin = auth_headers(staff["admin"])
    for key in ("a.one", "b.two", "c.three"):
        assert (await put_flag(client, admin, key)).status_code == 201
    first = (await client.get(URL, params={"limit": 2}, headers=admin)).json()
    assert [f["key"] for f in first["items"]] == ["a.one", "b.two"]
    second = (
        await client.get(URL, params={"limit": 2, "cursor": first["next_cursor"]}, headers=admin)
    ).json()
    assert [f["key"] for f in second["items"]] == ["c.three"]
    assert second["next_cursor"] is None


@pytest.mark.parametrize(
    ("who", "expected"), [("admin", 200), ("support", 200), ("user", 403), ("anonymous", 401)]
)
async def test_list_is_for_staff(
    who: str,
    expected: int,
    client: httpx.AsyncClient,
    staff: dict[str, User],
    auth_headers: Headers,
) -> None:
    headers = auth_headers(staff[who]) if who in staff else {}
    response = await client.get(URL, headers=headers)
    assert response.status_code == expected
    if expected != 200:
        assert response.headers["content-type"] == PROBLEM_JSON


@pytest.mark.parametrize(
    ("who", "expected"), [("admin", 201), ("support", 403), ("user", 403), ("anonymous", 401)]
)
async def test_only_admins_create_flags(
    who: str,
    expected: int,
    client: httpx.AsyncClient,
    staff: dict[str, User],
    auth_headers: Headers,
    db_session: AsyncSession,
) -> None:
    headers = auth_headers(staff[who]) if who in staff else {}
    response = await put_flag(client, headers, "embed.dark-mode")
    assert response.status_code == expected
    assert await flag_count(db_session) == (1 if expected == 201 else 0)


@pytest.mark.parametrize(
    ("who", "expected"), [("admin", 204), ("support", 403), ("user", 403), ("anonymous", 401)]
)
async def test_only_admins_delete_flags(
    who: str,
    expected: int,
    client: httpx.AsyncClient,
    staff: dict[str, User],
    auth_headers: Headers,
    db_session: AsyncSession,
) -> None:
    assert (
        await put_flag(client, auth_headers(staff["admin"]), "embed.dark-mode")
    ).status_code == 201
    headers = auth_headers(staff[who]) if who in staff else {}

    response = await client.delete(f"{URL}/embed.dark-mode", headers=headers)

    assert response.status_code == expected
    assert await flag_count(db_session) == (0 if expected == 204 else 1)


async def test_delete_unknown_flag_is_404(
    client: httpx.AsyncClient, staff: dict[str, User], auth_headers: Headers
) -> None:
    response = await client.delete(f"{URL}/never.made", headers=auth_headers(staff["admin"]))
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM_JSON
    assert "never.made" in response.json()["detail"]


async def test_admins_api_key_cannot_manage_flags(
    client: httpx.AsyncClient,
    staff: dict[str, User],
    auth_headers: Headers,
    db_session: AsyncSession,
) -> None:
    minted = await client.post(
        "/api/v1/api-keys",
        json={"name": "ops", "scopes": ["embed"]},
        headers=auth_headers(staff["admin"]),
    )
    key = {"X-API-Key": minted.json()["key"]}
    assert (await put_flag(client, key, "embed.dark-mode")).status_code == 403
    assert await flag_count(db_session) == 0


@pytest.mark.parametrize(
    "key", ["Upper", "with_underscore", "with%20space", ".leading", "trailing.", "a" * 81]
)
async def test_bad_key_is_422_and_writes_nothing(
    key: str,
    client: httpx.AsyncClient,
    staff: dict[str, User],
    auth_headers: Headers,
    db_session: AsyncSession,
) -> None:
    response = await put_flag(client, auth_headers(staff["admin"]), key)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.json()["errors"][0]["field"] == "path.key"
    assert await flag_count(db_session) == 0


@pytest.mark.parametrize(
    "body",
    [
        {"enabled": True, "rollout_percent": 101},
        {"enabled": True, "rollout_percent": -1},
        {"enabled": True, "rollout_percent": 12.5},
        {"rollout_percent": 10},
        {"enabled": True},
        {"enabled": "yes", "rollout_percent": 10},
        {"enabled": True, "rollout_percent": 10, "user_ids": ["not-a-uuid"]},
        {"enabled": True, "rollout_percent": 10, "colour": "red"},
        {"enabled": True, "rollout_percent": 10, "description": "x" * 2001},
    ],
)
async def test_bad_body_is_422_and_writes_nothing(
    body: dict[str, Any],
    client: httpx.AsyncClient,
    staff: dict[str, User],
    auth_headers: Headers,
    db_session: AsyncSession,
) -> None:
    response = await client.put(f"{URL}/good.key", json=body, headers=auth_headers(staff["admin"]))
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
    assert await flag_count(db_session) == 0


async def test_bad_update_leaves_the_flag_alone(
    client: httpx.AsyncClient, staff: dict[str, User], auth_headers: Headers
) -> None:
    admin = auth_headers(staff["admin"])
    await put_flag(client, admin, "good.key", rollout_percent=10)
    assert (await put_flag(client, admin, "good.key", rollout_percent=150)).status_code == 422
    assert (await client.get(URL, headers=admin)).json()["items"][0]["rollout_percent"] == 10


async def test_evaluate_needs_a_signed_in_caller(client: httpx.AsyncClient) -> None:
    response = await client.get(f"{URL}/evaluate")
    assert response.status_code == 401
    assert response.headers["content-type"] == PROBLEM_JSON


async def test_evaluate_applies_the_rules(
    client: httpx.AsyncClient,
    staff: dict[str, User],
    make_user: UserFactory,
    make_vivarium: VivariumFactory,
    auth_headers: Headers,
) -> None:
    admin = auth_headers(staff["admin"])
    user = await make_user()
    vivarium = await make_vivarium(user)
    await put_flag(client, admin, "everyone", rollout_percent=100)
    await put_flag(client, admin, "nobody", rollout_percent=0)
    await put_flag(
        client, admin, "switched.off", enabled=False, rollout_percent=100, user_ids=[str(user.id)]
    )
    await put_flag(client, admin, "just.me", user_ids=[str(user.id)])
    await put_flag(client, admin, "my.vivarium", vivarium_ids=[str(vivarium.id)])

    plain = await evaluate(client, auth_headers(user))
    assert plain == {
        "everyone": True,
        "just.me": True,
        "my.vivarium": False,
        "nobody": False,
        "switched.off": False,
    }
    inside = await evaluate(client, auth_headers(user), vivarium_id=str(vivarium.id))
    assert inside["my.vivarium"] is True
    other = await evaluate(client, auth_headers(await make_user()))
    assert other["just.me"] is False


async def test_rollout_answer_is_stable_per_user(
    client: httpx.AsyncClient, staff: dict[str, User], make_user: UserFactory, auth_headers: Headers
) -> None:
    await put_flag(client, auth_headers(staff["admin"]), "half.of.you", rollout_percent=50)
    users = [await make_user() for _ in range(12)]
    for user in users:
        answers = {(await evaluate(client, auth_headers(user)))["half.of.you"] for _ in range(3)}
        assert answers == {rollout_bucket("half.of.you", user.id) < 50}


@pytest.mark.parametrize(
    ("who", "expected"),
    [("owner", 200), ("keeper", 200), ("other-member", 404), ("admin", 200), ("support", 200)],
)
async def test_evaluating_in_a_vivarium_needs_access_to_it(
    who: str,
    expected: int,
    client: httpx.AsyncClient,
    staff: dict[str, User],
    make_user: UserFactory,
    make_vivarium: VivariumFactory,
    auth_headers: Headers,
) -> None:
    owner, keeper, other = await make_user(), await make_user(), await make_user()
    vivarium = await make_vivarium(owner, members={keeper.id: VivariumRole.keeper})
    await make_vivarium(other)
    callers = {"owner": owner, "keeper": keeper, "other-member": other, **staff}

    response = await client.get(
        f"{URL}/evaluate",
        params={"vivarium_id": str(vivarium.id)},
        headers=auth_headers(callers[who]),
    )

    assert response.status_code == expected, response.text


async def test_vivarium_bound_key_evaluates_in_its_vivarium(
    client: httpx.AsyncClient,
    staff: dict[str, User],
    make_user: UserFactory,
    make_vivarium: VivariumFactory,
    auth_headers: Headers,
) -> None:
    owner = await make_user()
    home, elsewhere = await make_vivarium(owner), await make_vivarium(owner)
    await put_flag(client, auth_headers(staff["admin"]), "home.only", vivarium_ids=[str(home.id)])
    minted = await client.post(
        "/api/v1/api-keys",
        json={"name": "widget", "scopes": ["embed"], "vivarium_id": str(home.id)},
        headers=auth_headers(owner),
    )
    key = {"X-API-Key": minted.json()["key"]}

    assert (await evaluate(client, key))["home.only"] is True
    blocked = await client.get(
        f"{URL}/evaluate", params={"vivarium_id": str(elsewhere.id)}, headers=key
    )
    assert blocked.status_code == 404
