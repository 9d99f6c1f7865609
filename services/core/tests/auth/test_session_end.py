"""Ending a login ends its access tokens at once; two tabs refreshing together stay signed in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from repti_core.auth.tokens import REUSE_GRACE
from reptidex_common.auth.api_keys import hash_token
from reptidex_common.models.core import RefreshToken
from reptidex_common.testing.plugin import DEFAULT_PASSWORD, UserFactory


def bearer(access_token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {access_token}"}


async def sign_in(client: httpx.AsyncClient, email: str) -> dict[str, Any]:
    response = await client.post(
        "/api/v1/auth/login", json={"email": email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def refresh(client: httpx.AsyncClient, refresh_token: str) -> httpx.Response:
    return await client.post("/api/v1/auth/refresh", json={"refresh_token": refresh_token})


async def me(client: httpx.AsyncClient, tokens: dict[str, Any]) -> httpx.Response:
    return await client.get("/api/v1/auth/me", headers=bearer(tokens["access_token"]))


async def test_logout_stops_that_logins_access_token_at_once(
    client: httpx.AsyncClient, make_user: UserFactory
) -> None:
    user = await make_user()
    laptop = await sign_in(client, user.email)
    phone = await sign_in(client, user.email)
    assert (await me(client, laptop)).status_code == 200

    out = await client.post("/api/v1/auth/logout", json={"refresh_token": laptop["refresh_token"]})
    assert out.status_code == 204

    stopped = await me(client, laptop)
    assert stopped.status_code == 401
    assert stopped.json()["type"].endswith("/token-revoked")
    assert (await me(client, phone)).status_code == 200


async def test_a_rotated_logins_older_access_tokens_end_with_it(
    client: httpx.AsyncClient, make_user: UserFactory
) -> None:
    user = await make_user()
    first = await sign_in(client, user.email)
    second = (await refresh(client, first["refresh_token"])).json()
    # Both access tokens belong to the same login: logging out with the newest ends both.
    await client.post("/api/v1/auth/logout", json={"refresh_token": second["refresh_token"]})
    assert (await me(client, first)).status_code == 401
    assert (await me(client, second)).status_code == 401


async def test_sign_out_everywhere_stops_every_access_token_at_once(
    client: httpx.AsyncClient, make_user: UserFactory
) -> None:
    user = await make_user()
    other = await make_user()
    logins = [await sign_in(client, user.email) for _ in range(3)]
    bystander = await sign_in(client, other.email)

    everywhere = await client.post(
        "/api/v1/auth/logout-all", headers=bearer(logins[0]["access_token"])
    )
    assert everywhere.status_code == 204

    for tokens in logins:
        assert (await me(client, tokens)).status_code == 401
    assert (await me(client, bystander)).status_code == 200


async def test_a_token_presented_again_within_the_grace_window_keeps_the_session(
    client: httpx.AsyncClient, make_user: UserFactory
) -> None:
    user = await make_user()
    first = await sign_in(client, user.email)

    # Two tabs hold the same token; one rotates it, then the other presents it too.
    tab_one = await refresh(client, first["refresh_token"])
    tab_two = await refresh(client, first["refresh_token"])
    assert tab_one.status_code == 200, tab_one.text
    assert tab_two.status_code == 200, tab_two.text
    one, two = tab_one.json(), tab_two.json()
    assert one["refresh_token"] != two["refresh_token"]
    for tokens in (one, two):
        assert (await me(client, tokens)).status_code == 200
        assert (await refresh(client, tokens["refresh_token"])).status_code == 200


async def test_a_token_presented_after_the_grace_window_revokes_the_family(
    client: httpx.AsyncClient, make_user: UserFactory, db_session: AsyncSession
) -> None:
    user = await make_user()
    first = await sign_in(client, user.email)
    sibling = (await refresh(client, first["refresh_token"])).json()
    also = (await refresh(client, first["refresh_token"])).json()  # within the window
    await db_session.execute(
        update(RefreshToken)
        .where(RefreshToken.token_hash == hash_token(first["refresh_token"]))
        .values(used_at=datetime.now(UTC) - REUSE_GRACE - timedelta(seconds=1))
    )

    reuse = await refresh(client, first["refresh_token"])
    assert reuse.status_code == 401
    assert reuse.json()["type"].endswith("/refresh-token-reused")
    for tokens in (sibling, also):
        assert (await refresh(client, tokens["refresh_token"])).status_code == 401
        assert (await me(client, tokens)).status_code == 401


async def test_a_logged_out_token_gets_no_grace(
    client: httpx.AsyncClient, make_user: UserFactory
) -> None:
    user = await make_user()
    first = await sign_in(client, user.email)
    second = (await refresh(client, first["refresh_token"])).json()
    await client.post("/api/v1/auth/logout", json={"refresh_token": second["refresh_token"]})
    assert (await refresh(client, first["refresh_token"])).status_code == 401
