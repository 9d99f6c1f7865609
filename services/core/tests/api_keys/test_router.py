"""API keys through HTTP: the secret is shown once, the key authenticates, revocation sticks."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from repti_core.api_keys import service
from reptidex_common.auth.api_keys import hash_api_key
from reptidex_common.auth.key_usage import LAST_USED_HASH
from reptidex_common.models.core import ApiKey, User
from reptidex_common.models.enums import PlatformRole, VivariumRole
from reptidex_common.redis import get_redis
from reptidex_common.settings import get_settings
from reptidex_common.testing.plugin import UserFactory, VivariumFactory

Headers = Callable[[User], dict[str, str]]
PROBLEM_JSON = "application/problem+json"
URL = "/api/v1/api-keys"
# What a key with `animals:read` may call in core: its owner's vivariums.
PROBE = "/api/v1/vivariums"


async def create_key(
    client: httpx.AsyncClient, headers: dict[str, str], **body: Any
) -> dict[str, Any]:
    payload = {"name": "Shop sync", "scopes": ["animals:read"], **body}
    response = await client.post(URL, json=payload, headers=headers)
    assert response.status_code == 201, response.text
    data: dict[str, Any] = response.json()
    return data


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


async def key_count(db_session: AsyncSession) -> int:
    return await db_session.scalar(select(func.count()).select_from(ApiKey)) or 0


async def test_secret_is_shown_once_and_only_its_hash_is_stored(
    client: httpx.AsyncClient,
    make_user: UserFactory,
    auth_headers: Headers,
    db_session: AsyncSession,
) -> None:
    user = await make_user()
    expires = (datetime.now(UTC) + timedelta(days=30)).replace(microsecond=0)
    created = await create_key(
        client,
        auth_headers(user),
        name="  Morph market  ",
        scopes=["animals:read", "listings:write", "animals:read"],
        expires_at=expires.isoformat(),
    )
    secret = created["key"]
    assert secret.startswith("rdx_")
    assert len(secret) > 40
    assert created["prefix"] == secret[:10]
    assert created["name"] == "Morph market"
    assert created["scopes"] == ["animals:read", "listings:write"]
    assert created["vivarium_id"] is None
    assert datetime.fromisoformat(created["expires_at"]) == expires

    listed = await client.get(URL, headers=auth_headers(user))
    assert listed.status_code == 200
    assert secret not in listed.text
    page = listed.json()
    assert page["next_cursor"] is None
    [item] = page["items"]
    assert item["id"] == created["id"]
    assert "key" not in item
    assert item["prefix"] == created["prefix"]

    row = (
        await db_session.scalars(select(ApiKey).where(ApiKey.id == uuid.UUID(created["id"])))
    ).one()
    assert row.key_hash == hash_api_key(secret, get_settings().api_key_pepper.get_secret_value())
    assert secret not in (row.name, row.prefix, row.key_hash)
    assert row.user_id == user.id


@pytest.mark.parametrize("header", ["authorization", "x-api-key"])
async def test_key_authenticates_against_a_real_endpoint(
    header: str,
    client: httpx.AsyncClient,
    make_user: UserFactory,
    auth_headers: Headers,
    db_session: AsyncSession,
) -> None:
    user = await make_user()
    created = await create_key(client, auth_headers(user))
    headers = bearer(created["key"]) if header == "authorization" else {"X-API-Key": created["key"]}

    listed = await client.get(PROBE, headers=headers)

    assert listed.status_code == 200, listed.text
    # Noted for core's beat to write to the table (see test_usage).
    assert await get_redis().hget(LAST_USED_HASH, created["id"]) is not None


async def test_unknown_key_is_401(client: httpx.AsyncClient) -> None:
    response = await client.get(PROBE, headers=bearer("rdx_" + "x" * 43))
    assert response.status_code == 401
    assert response.headers["content-type"] == PROBLEM_JSON


async def test_revoked_key_is_401_and_leaves_the_list(
    client: httpx.AsyncClient,
    make_user: UserFactory,
    auth_headers: Headers,
    db_session: AsyncSession,
) -> None:
    user = await make_user()
    created = await create_key(client, auth_headers(user))
    assert (await client.get(PROBE, headers=bearer(created["key"]))).status_code == 200

    revoked = await client.delete(f"{URL}/{created['id']}", headers=auth_headers(user))
    assert revoked.status_code == 204
    assert revoked.content == b""

    for headers in (bearer(created["key"]), {"X-API-Key": created["key"]}):
        response = await client.get(PROBE, headers=headers)
        assert response.status_code == 401
        assert response.headers["content-type"] == PROBLEM_JSON
        assert response.json()["type"].endswith("/invalid-api-key")
    assert (await client.get(URL, headers=auth_headers(user))).json()["items"] == []
    revoked_at = await db_session.scalar(
        select(ApiKey.revoked_at).where(ApiKey.id == uuid.UUID(created["id"]))
    )
    assert revoked_at is not None
    # Revoking again is harmless and keeps the first revocation time.
    assert (
        await client.delete(f"{URL}/{created['id']}", headers=auth_headers(user))
    ).status_code == 204
    again = await db_session.scalar(
        select(ApiKey.revoked_at)
        .where(ApiKey.id == uuid.UUID(created["id"]))
        .execution_options(populate_existing=True)
    )
    assert again == revoked_at


async def test_expired_key_is_401(
    client: httpx.AsyncClient,
    make_user: UserFactory,
    auth_headers: Headers,
    db_session: AsyncSession,
) -> None:
    user = await make_user()
    created = await create_key(client, auth_headers(user))
    await db_session.execute(
        update(ApiKey)
        .where(ApiKey.id == uuid.UUID(created["id"]))
        .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    )
    await db_session.commit()

    response = await client.get(PROBE, headers=bearer(created["key"]))

    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


@pytest.mark.parametrize(
    "body",
    [
        {"name": "x", "scopes": ["animals:delete"]},
        {"name": "x", "scopes": []},
        {"name": "x"},
        {"name": "", "scopes": ["embed"]},
        {"name": "x" * 101, "scopes": ["embed"]},
        {"name": "x", "scopes": ["embed"], "expires_at": "2020-01-01T00:00:00Z"},
        {"name": "x", "scopes": ["embed"], "expires_at": "2999-01-01T00:00:00"},
        {"name": "x", "scopes": ["embed"], "expires_at": "9999-12-31T23:59:59.999999Z"},
        {"name": "x", "scopes": ["embed"], "expires_at": "2999-01-01T00:00:00Z"},
        {"name": "x", "scopes": ["embed"], "vivarium_id": "not-a-uuid"},
        {"name": "x", "scopes": ["embed"], "user_id": str(uuid.uuid4())},
    ],
    ids=[
        "unknown-scope",
        "no-scopes",
        "scopes-missing",
        "empty-name",
        "long-name",
        "expired",
        "naive-datetime",
        "driver-infinity",
        "beyond-horizon",
        "bad-vivarium",
        "unknown-field",
    ],
)
async def test_bad_input_is_422_and_writes_nothing(
    body: dict[str, Any],
    client: httpx.AsyncClient,
    make_user: UserFactory,
    auth_headers: Headers,
    db_session: AsyncSession,
) -> None:
    user = await make_user()

    response = await client.post(URL, json=body, headers=auth_headers(user))

    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.json()["errors"]
    assert await key_count(db_session) == 0


async def test_anonymous_cannot_create_or_list(client: httpx.AsyncClient) -> None:
    assert (await client.post(URL, json={"name": "x", "scopes": ["embed"]})).status_code == 401
    assert (await client.get(URL)).status_code == 401


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("owner", 201),
        ("curator", 201),
        ("handler", 403),
        ("keeper", 403),
        ("other-member", 404),
        ("admin", 404),
        ("support", 404),
        ("anonymous", 401),
    ],
)
async def test_binding_a_key_to_a_vivarium_needs_curator_membership(
    who: str,
    expected: int,
    client: httpx.AsyncClient,
    make_user: UserFactory,
    make_vivarium: VivariumFactory,
    auth_headers: Headers,
    db_session: AsyncSession,
) -> None:
    owner = await make_user()
    members = {role: await make_user() for role in ("curator", "handler", "keeper")}
    vivarium = await make_vivarium(
        owner, members={user.id: VivariumRole(role) for role, user in members.items()}
    )
    other = await make_user()
    await make_vivarium(other)
    callers = {
        "owner": owner,
        "other-member": other,
        # Staff outside the vivarium: a key never carries their powers, so they may not bind it.
        "admin": await make_user(platform_role=PlatformRole.admin),
        "support": await make_user(platform_role=PlatformRole.support),
        **members,
    }
    headers = auth_headers(callers[who]) if who in callers else {}

    response = await client.post(
        URL,
        json={"name": "Widget", "scopes": ["embed"], "vivarium_id": str(vivarium.id)},
        headers=headers,
    )

    assert response.status_code == expected, response.text
    if expected == 201:
        assert response.json()["vivarium_id"] == str(vivarium.id)
    else:
        assert response.headers["content-type"] == PROBLEM_JSON
        assert await key_count(db_session) == 0


async def test_unknown_vivarium_is_404(
    client: httpx.AsyncClient, make_user: UserFactory, auth_headers: Headers
) -> None:
    user = await make_user()
    response = await client.post(
        URL,
        json={"name": "x", "scopes": ["embed"], "vivarium_id": str(uuid.uuid4())},
        headers=auth_headers(user),
    )
    assert response.status_code == 404


async def test_key_bound_to_one_vivarium_cannot_act_in_another(
    client: httpx.AsyncClient,
    make_user: UserFactory,
    make_vivarium: VivariumFactory,
    auth_headers: Headers,
) -> None:
    owner = await make_user()
    home = await make_vivarium(owner)
    elsewhere = await make_vivarium(owner)
    bound = await create_key(client, auth_headers(owner), vivarium_id=str(home.id))
    unbound = await create_key(client, auth_headers(owner))

    assert (
        await client.get(f"/api/v1/vivariums/{home.id}", headers=bearer(bound["key"]))
    ).status_code == 200
    # The owner belongs to both vivariums, but this key was limited to the first one.
    other = await client.get(f"/api/v1/vivariums/{elsewhere.id}", headers=bearer(bound["key"]))
    assert other.status_code == 404
    assert other.headers["content-type"] == PROBLEM_JSON
    for vivarium in (home, elsewhere):
        url = f"/api/v1/vivariums/{vivarium.id}"
        assert (await client.get(url, headers=bearer(unbound["key"]))).status_code == 200
    # Lists follow the same rule: the bound key lists its own vivarium only.
    listed = await client.get(PROBE, headers=bearer(bound["key"]))
    assert [v["id"] for v in listed.json()["items"]] == [str(home.id)]
    listed = await client.get(PROBE, headers=bearer(unbound["key"]))
    assert {v["id"] for v in listed.json()["items"]} == {str(home.id), str(elsewhere.id)}


async def test_key_never_carries_staff_powers(
    client: httpx.AsyncClient,
    make_user: UserFactory,
    make_vivarium: VivariumFactory,
    auth_headers: Headers,
) -> None:
    admin = await make_user(platform_role=PlatformRole.admin)
    stranger = await make_user()
    vivarium = await make_vivarium(stranger)
    key = bearer((await create_key(client, auth_headers(admin)))["key"])

    assert (
        await client.get("/api/v1/feature-flags", headers=auth_headers(admin))
    ).status_code == 200
    assert (await client.get("/api/v1/feature-flags", headers=key)).status_code == 403
    change = await client.put(
        f"/api/v1/vivariums/{vivarium.id}/plan", json={"plan_code": "breeder"}, headers=key
    )
    assert change.status_code == 403
    # As an ordinary user the admin is not a member of this vivarium.
    assert (await client.get(f"/api/v1/vivariums/{vivarium.id}", headers=key)).status_code == 404


async def test_an_api_key_cannot_manage_api_keys(
    client: httpx.AsyncClient,
    make_user: UserFactory,
    auth_headers: Headers,
    db_session: AsyncSession,
) -> None:
    user = await make_user()
    created = await create_key(client, auth_headers(user), scopes=["animals:read", "embed"])
    key = bearer(created["key"])

    minted = await client.post(
        URL, json={"name": "escalate", "scopes": ["webhooks:manage"]}, headers=key
    )
    assert minted.status_code == 403
    assert minted.json()["type"].endswith("/signed-in-user-required")
    assert (await client.get(URL, headers=key)).status_code == 403
    assert (await client.delete(f"{URL}/{created['id']}", headers=key)).status_code == 403
    assert await key_count(db_session) == 1


@pytest.mark.parametrize(
    ("who", "expected"),
    [("owner", 204), ("other-user", 404), ("support", 404), ("admin", 204), ("anonymous", 401)],
)
async def test_revoke_authorization(
    who: str,
    expected: int,
    client: httpx.AsyncClient,
    make_user: UserFactory,
    auth_headers: Headers,
    db_session: AsyncSession,
) -> None:
    owner = await make_user()
    created = await create_key(client, auth_headers(owner))
    callers = {
        "owner": owner,
        "other-user": await make_user(),
        "support": await make_user(platform_role=PlatformRole.support),
        # Admins may revoke any key: a leaked key is an incident that cannot wait for its owner.
        "admin": await make_user(platform_role=PlatformRole.admin),
    }
    headers = auth_headers(callers[who]) if who in callers else {}

    response = await client.delete(f"{URL}/{created['id']}", headers=headers)

    assert response.status_code == expected, response.text
    still_works = (await client.get(PROBE, headers=bearer(created["key"]))).status_code == 200
    assert still_works is (expected != 204)


async def test_revoke_unknown_or_malformed_id(
    client: httpx.AsyncClient, make_user: UserFactory, auth_headers: Headers
) -> None:
    headers = auth_headers(await make_user())
    assert (await client.delete(f"{URL}/{uuid.uuid4()}", headers=headers)).status_code == 404
    malformed = await client.delete(f"{URL}/not-a-uuid", headers=headers)
    assert malformed.status_code == 422
    assert malformed.headers["content-type"] == PROBLEM_JSON


async def test_list_is_paged_and_shows_only_the_callers_keys(
    client: httpx.AsyncClient, make_user: UserFactory, auth_headers: Headers
) -> None:
    user = await make_user()
    other = await make_user()
    ids = [(await create_key(client, auth_headers(user), name=f"k{i}"))["id"] for i in range(3)]
    await create_key(client, auth_headers(other), name="not yours")

    first = (await client.get(URL, params={"limit": 2}, headers=auth_headers(user))).json()
    assert [item["id"] for item in first["items"]] == ids[::-1][:2]
    assert first["next_cursor"]
    second = (
        await client.get(
            URL, params={"limit": 2, "cursor": first["next_cursor"]}, headers=auth_headers(user)
        )
    ).json()
    assert [item["id"] for item in second["items"]] == ids[:1]
    assert second["next_cursor"] is None
    assert (
        await client.get(URL, params={"limit": 101}, headers=auth_headers(user))
    ).status_code == 422


async def test_active_keys_are_capped(
    client: httpx.AsyncClient,
    make_user: UserFactory,
    auth_headers: Headers,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(service, "MAX_ACTIVE_KEYS", 2)
    user = await make_user()
    first = await create_key(client, auth_headers(user))
    await create_key(client, auth_headers(user))

    third = await client.post(
        URL, json={"name": "x", "scopes": ["embed"]}, headers=auth_headers(user)
    )
    assert third.status_code == 409
    assert third.json()["type"].endswith("/too-many-api-keys")
    # A revoked key frees its slot.
    await client.delete(f"{URL}/{first['id']}", headers=auth_headers(user))
    await create_key(client, auth_headers(user))


async def test_an_api_key_only_reads_in_core(
    client: httpx.AsyncClient,
    make_user: UserFactory,
    make_vivarium: VivariumFactory,
    auth_headers: Headers,
    db_session: AsyncSession,
) -> None:
    # No scope covers accounts or tenancy, so a key (an embed key sits in public pages) must
    # not rename its owner, invite people, end sessions or delete a vivarium.
    owner = await make_user(display_name="Owner")
    vivarium = await make_vivarium(owner)
    for header in ("authorization", "x-api-key"):
        secret = (await create_key(client, auth_headers(owner), scopes=["embed"]))["key"]
        key = bearer(secret) if header == "authorization" else {"X-API-Key": secret}
        attempts = [
            ("PATCH", "/api/v1/users/me", {"display_name": "Pwned"}),
            (
                "POST",
                f"/api/v1/vivariums/{vivarium.id}/invitations",
                {"email": "friend@example.com", "role": "keeper"},
            ),
            ("POST", "/api/v1/auth/logout-all", None),
            ("DELETE", f"/api/v1/vivariums/{vivarium.id}", None),
        ]
        for method, url, body in attempts:
            response = await client.request(method, url, json=body, headers=key)
            assert response.status_code == 403, response.text
            assert response.headers["content-type"] == PROBLEM_JSON
            assert response.json()["type"].endswith("/signed-in-user-required")
    await db_session.refresh(owner)
    assert owner.display_name == "Owner"
    assert (
        await client.get(f"/api/v1/vivariums/{vivarium.id}", headers=auth_headers(owner))
    ).status_code == 200
    assert (
        await client.get(
            f"/api/v1/vivariums/{vivarium.id}/invitations", headers=auth_headers(owner)
        )
    ).json() == []
