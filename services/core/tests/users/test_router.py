from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.core import User
from reptidex_common.models.enums import PlatformRole, UserStatus
from reptidex_common.testing.plugin import DEFAULT_PASSWORD, UserFactory

AuthHeaders = Callable[[User], dict[str, str]]


def problem_type(response: httpx.Response) -> str:
    assert response.headers["content-type"] == "application/problem+json", response.text
    return str(response.json()["type"]).rsplit("/", 1)[1]


async def patch_me(
    client: httpx.AsyncClient, headers: dict[str, str], body: dict[str, Any]
) -> httpx.Response:
    return await client.patch("/api/v1/users/me", json=body, headers=headers)


# --- PATCH /users/me ------------------------------------------------------------------------


async def test_update_profile_changes_only_what_was_sent(
    client: httpx.AsyncClient, make_user: UserFactory, auth_headers: AuthHeaders
) -> None:
    user = await make_user(display_name="Old Name", bio="Keeps geckos", location="Ghent")
    headers = auth_headers(user)

    response = await patch_me(
        client,
        headers,
        {
            "display_name": "  Crested Co.  ",
            "location": None,
            "privacy_settings": {"show_location": False},
            "contact_preferences": {"allow_messages": False},
        },
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["display_name"] == "Crested Co."
    assert body["bio"] == "Keeps geckos"
    assert body["location"] is None
    assert body["privacy_settings"] == {"show_location": False}
    assert body["contact_preferences"] == {"allow_messages": False}

    # Nested settings merge key by key rather than replacing the whole object.
    second = await patch_me(client, headers, {"privacy_settings": {"profile_public": False}})
    assert second.json()["privacy_settings"] == {"show_location": False, "profile_public": False}
    me = await client.get("/api/v1/auth/me", headers=headers)
    assert me.json()["display_name"] == "Crested Co."
    assert me.json()["privacy_settings"] == {"show_location": False, "profile_public": False}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"display_name": ""}, "body.display_name"),
        ({"display_name": "x" * 101}, "body.display_name"),
        ({"display_name": None}, "body"),
        ({"bio": "b" * 2001}, "body.bio"),
        ({"location": "l" * 201}, "body.location"),
        ({"privacy_settings": {"profile_pubic": False}}, "body.privacy_settings.profile_pubic"),
        ({"privacy_settings": {"profile_public": "maybe"}}, "body.privacy_settings.profile_public"),
        ({"privacy_settings": None}, "body"),
        (
            {"contact_preferences": {"preferred_channel": "pigeon"}},
            "body.contact_preferences.preferred_channel",
        ),
        ({"email": "new@example.com"}, "body.email"),
        ({"platform_role": "admin"}, "body.platform_role"),
    ],
)
async def test_invalid_profile_update_is_422_and_changes_nothing(
    client: httpx.AsyncClient,
    make_user: UserFactory,
    auth_headers: AuthHeaders,
    body: dict[str, Any],
    field: str,
) -> None:
    user = await make_user(display_name="Unchanged")
    headers = auth_headers(user)

    response = await patch_me(client, headers, body)
    assert response.status_code == 422
    assert problem_type(response) == "validation-error"
    assert field in [error["field"] for error in response.json()["errors"]]
    me = (await client.get("/api/v1/auth/me", headers=headers)).json()
    assert me["display_name"] == "Unchanged"
    assert me["platform_role"] == "user"
    assert me["email"] == user.email


async def test_update_profile_needs_a_login(client: httpx.AsyncClient) -> None:
    response = await client.patch("/api/v1/users/me", json={"bio": "hi"})
    assert response.status_code == 401


# --- GET /users/{id} ------------------------------------------------------------------------


async def test_public_profile_shows_only_public_fields(
    client: httpx.AsyncClient, make_user: UserFactory
) -> None:
    user = await make_user(display_name="Boa Barn", bio="Boas since 2009", location="Leuven")

    response = await client.get(f"/api/v1/users/{user.id}")
    assert response.status_code == 200
    assert response.json() == {
        "id": str(user.id),
        "display_name": "Boa Barn",
        "bio": "Boas since 2009",
        "location": "Leuven",
    }


async def test_private_profile_is_404_except_for_its_owner_and_staff(
    client: httpx.AsyncClient, make_user: UserFactory, auth_headers: AuthHeaders
) -> None:
    user = await make_user(privacy_settings={"profile_public": False})
    stranger = await make_user()
    support = await make_user(platform_role=PlatformRole.support)
    url = f"/api/v1/users/{user.id}"

    anonymous = await client.get(url)
    assert anonymous.status_code == 404
    assert problem_type(anonymous) == "user-not-found"
    # The same answer as for an id that never existed.
    assert (await client.get(f"/api/v1/users/{uuid.uuid4()}")).json()["detail"] == anonymous.json()[
        "detail"
    ]
    assert (await client.get(url, headers=auth_headers(stranger))).status_code == 404
    assert (await client.get(url, headers=auth_headers(user))).status_code == 200
    assert (await client.get(url, headers=auth_headers(support))).status_code == 200


async def test_hidden_location_is_left_out_for_others(
    client: httpx.AsyncClient, make_user: UserFactory, auth_headers: AuthHeaders
) -> None:
    user = await make_user(location="Antwerp", privacy_settings={"show_location": False})

    assert (await client.get(f"/api/v1/users/{user.id}")).json()["location"] is None
    own = await client.get(f"/api/v1/users/{user.id}", headers=auth_headers(user))
    assert own.json()["location"] == "Antwerp"


async def test_profile_of_unknown_or_malformed_id(client: httpx.AsyncClient) -> None:
    assert (await client.get(f"/api/v1/users/{uuid.uuid4()}")).status_code == 404
    assert (await client.get("/api/v1/users/not-a-uuid")).status_code == 422


# --- suspension -----------------------------------------------------------------------------


async def test_suspend_authorization_matrix(
    client: httpx.AsyncClient, make_user: UserFactory, auth_headers: AuthHeaders
) -> None:
    target = await make_user()
    ordinary = await make_user()
    support = await make_user(platform_role=PlatformRole.support)
    admin = await make_user(platform_role=PlatformRole.admin)
    url = f"/api/v1/users/{target.id}/suspend"

    assert (await client.post(url)).status_code == 401
    # Anonymous callers learn nothing about which ids exist.
    assert (await client.post(f"/api/v1/users/{uuid.uuid4()}/suspend")).status_code == 401
    forbidden = await client.post(url, headers=auth_headers(ordinary))
    assert forbidden.status_code == 403
    assert problem_type(forbidden) == "forbidden"
    by_support = await client.post(url, headers=auth_headers(support))
    assert by_support.status_code == 200, by_support.text
    assert by_support.json()["status"] == "suspended"
    by_admin = await client.post(
        f"/api/v1/users/{target.id}/reactivate", headers=auth_headers(admin)
    )
    assert by_admin.status_code == 200
    assert by_admin.json()["status"] == "active"
    assert (await client.post(url, headers=auth_headers(admin))).json()["status"] == "suspended"
    unknown = await client.post(
        f"/api/v1/users/{uuid.uuid4()}/suspend", headers=auth_headers(admin)
    )
    assert unknown.status_code == 404
    assert problem_type(unknown) == "user-not-found"


async def test_reactivate_authorization_matrix(
    client: httpx.AsyncClient, make_user: UserFactory, auth_headers: AuthHeaders
) -> None:
    target = await make_user(status=UserStatus.suspended)
    url = f"/api/v1/users/{target.id}/reactivate"

    assert (await client.post(url)).status_code == 401
    assert (await client.post(url, headers=auth_headers(await make_user()))).status_code == 403
    support = await make_user(platform_role=PlatformRole.support)
    assert (
        await client.post(f"/api/v1/users/{uuid.uuid4()}/reactivate", headers=auth_headers(support))
    ).status_code == 404
    response = await client.post(url, headers=auth_headers(support))
    assert response.status_code == 200
    assert response.json()["status"] == "active"


async def test_suspension_takes_effect_at_once(
    client: httpx.AsyncClient,
    make_user: UserFactory,
    auth_headers: AuthHeaders,
    db_session: AsyncSession,
) -> None:
    user = await make_user()
    admin = await make_user(platform_role=PlatformRole.admin)
    credentials = {"email": user.email, "password": DEFAULT_PASSWORD}
    tokens = (await client.post("/api/v1/auth/login", json=credentials)).json()
    access = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert (await client.get("/api/v1/auth/me", headers=access)).status_code == 200

    assert (
        await client.post(f"/api/v1/users/{user.id}/suspend", headers=auth_headers(admin))
    ).status_code == 200

    me = await client.get("/api/v1/auth/me", headers=access)
    assert me.status_code == 401
    assert problem_type(me) == "account-suspended"
    refreshed = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}
    )
    assert refreshed.status_code == 401
    login = await client.post("/api/v1/auth/login", json=credentials)
    assert login.status_code == 401
    assert problem_type(login) == "account-suspended"
    # Hidden from the public while suspended.
    assert (await client.get(f"/api/v1/users/{user.id}")).status_code == 404
    await db_session.refresh(user)
    assert user.status is UserStatus.suspended

    assert (
        await client.post(f"/api/v1/users/{user.id}/reactivate", headers=auth_headers(admin))
    ).status_code == 200
    assert (await client.post("/api/v1/auth/login", json=credentials)).status_code == 200
    # Reactivation does not bring back the sessions that suspension ended.
    again = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}
    )
    assert again.status_code == 401


async def test_staff_limits_on_suspension(
    client: httpx.AsyncClient, make_user: UserFactory, auth_headers: AuthHeaders
) -> None:
    support = await make_user(platform_role=PlatformRole.support)
    other_support = await make_user(platform_role=PlatformRole.support)
    admin = await make_user(platform_role=PlatformRole.admin)

    on_admin = await client.post(f"/api/v1/users/{admin.id}/suspend", headers=auth_headers(support))
    assert on_admin.status_code == 403
    assert problem_type(on_admin) == "insufficient-platform-role"
    on_peer = await client.post(
        f"/api/v1/users/{other_support.id}/suspend", headers=auth_headers(support)
    )
    assert on_peer.status_code == 403
    on_self = await client.post(f"/api/v1/users/{admin.id}/suspend", headers=auth_headers(admin))
    assert on_self.status_code == 409
    assert problem_type(on_self) == "cannot-moderate-self"
    by_admin = await client.post(f"/api/v1/users/{support.id}/suspend", headers=auth_headers(admin))
    assert by_admin.status_code == 200
    # The suspended support agent has lost their powers with their session.
    assert (await client.get("/api/v1/auth/me", headers=auth_headers(support))).status_code == 401
