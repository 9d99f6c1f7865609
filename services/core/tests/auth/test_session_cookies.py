"""Browsers keep the refresh token in an HttpOnly cookie that only our web apps can use."""

from __future__ import annotations

from typing import Any

import httpx

from repti_core.auth.cookies import DEVICE_COOKIE, REFRESH_COOKIE
from repti_core.auth.csrf import CSRF_HEADER
from reptidex_common.testing.plugin import DEFAULT_PASSWORD, UserFactory

APP = {"Origin": "http://breeder.localhost:8000"}
SAME_APP = {**APP, CSRF_HEADER: "1"}


def set_cookies(response: httpx.Response) -> list[str]:
    return response.headers.get_list("set-cookie")


def cookie_lines(response: httpx.Response, name: str) -> list[str]:
    return [line for line in set_cookies(response) if line.startswith(f"{name}=")]


async def browser_sign_in(client: httpx.AsyncClient, email: str) -> httpx.Response:
    response = await client.post(
        "/api/v1/auth/login", json={"email": email, "password": DEFAULT_PASSWORD}, headers=APP
    )
    assert response.status_code == 200, response.text
    return response


async def me(client: httpx.AsyncClient, body: dict[str, Any]) -> httpx.Response:
    return await client.get(
        "/api/v1/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"}
    )


async def test_browsers_get_the_refresh_token_only_as_a_scoped_httponly_cookie(
    client: httpx.AsyncClient, make_user: UserFactory
) -> None:
    user = await make_user()
    signed_in = await browser_sign_in(client, user.email)

    assert "refresh_token" not in signed_in.json()
    assert (await me(client, signed_in.json())).status_code == 200
    lines = cookie_lines(signed_in, REFRESH_COOKIE)
    assert sorted(line.split("Path=")[1].split(";")[0] for line in lines) == [
        "/api/v1/auth/logout",
        "/api/v1/auth/refresh",
    ]
    for line in lines:
        assert "HttpOnly" in line
        assert "SameSite=strict" in line
        # Local http: no Secure flag, or browsers other than Chromium would drop the cookie.
        assert "Secure" not in line
    (device,) = cookie_lines(signed_in, DEVICE_COOKIE)
    assert "HttpOnly" in device
    assert "Path=/api/v1/auth/login" in device


async def test_over_https_the_cookies_are_secure(
    client: httpx.AsyncClient, make_user: UserFactory
) -> None:
    user = await make_user()
    response = await client.post(
        "/api/v1/auth/login",
        json={"email": user.email, "password": DEFAULT_PASSWORD},
        headers={**APP, "X-Forwarded-Proto": "https"},
    )
    assert response.status_code == 200
    assert all("Secure" in line for line in set_cookies(response))


async def test_the_cookie_refreshes_and_rotates_for_our_app(
    client: httpx.AsyncClient, make_user: UserFactory
) -> None:
    user = await make_user()
    await browser_sign_in(client, user.email)
    first_cookie = client.cookies.get(REFRESH_COOKIE, path="/api/v1/auth/refresh")

    refreshed = await client.post("/api/v1/auth/refresh", headers=SAME_APP)
    assert refreshed.status_code == 200, refreshed.text
    assert "refresh_token" not in refreshed.json()
    assert (await me(client, refreshed.json())).status_code == 200
    assert client.cookies.get(REFRESH_COOKIE, path="/api/v1/auth/refresh") != first_cookie
    # The logout path's copy follows the rotation.
    assert client.cookies.get(REFRESH_COOKIE, path="/api/v1/auth/logout") == client.cookies.get(
        REFRESH_COOKIE, path="/api/v1/auth/refresh"
    )


async def test_the_cookie_is_refused_without_our_origin_and_header(
    client: httpx.AsyncClient, make_user: UserFactory
) -> None:
    user = await make_user()
    await browser_sign_in(client, user.email)
    for headers in (
        APP,  # a form post cannot add the header
        {"Origin": "https://evil.example", CSRF_HEADER: "1"},
        {CSRF_HEADER: "1"},  # no Origin: not a page of ours
    ):
        refused = await client.post("/api/v1/auth/refresh", headers=headers)
        assert refused.status_code == 403, headers
        assert refused.json()["type"].endswith("/cross-site-request")
        out = await client.post("/api/v1/auth/logout", headers=headers)
        assert out.status_code == 403, headers
    # Nothing was spent: the app itself still refreshes.
    assert (await client.post("/api/v1/auth/refresh", headers=SAME_APP)).status_code == 200


async def test_another_sites_page_cannot_sign_in(
    client: httpx.AsyncClient, make_user: UserFactory
) -> None:
    user = await make_user()
    response = await client.post(
        "/api/v1/auth/login",
        json={"email": user.email, "password": DEFAULT_PASSWORD},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert set_cookies(response) == []


async def test_logout_ends_the_cookie_and_the_access_token(
    client: httpx.AsyncClient, make_user: UserFactory
) -> None:
    user = await make_user()
    signed_in = await browser_sign_in(client, user.email)
    stale_cookie = client.cookies.get(REFRESH_COOKIE, path="/api/v1/auth/refresh")

    out = await client.post("/api/v1/auth/logout", headers=SAME_APP)
    assert out.status_code == 204
    assert all("Max-Age=0" in line for line in cookie_lines(out, REFRESH_COOKIE))
    assert len(cookie_lines(out, REFRESH_COOKIE)) == 2
    assert (await me(client, signed_in.json())).status_code == 401

    client.cookies.set(REFRESH_COOKIE, stale_cookie or "", path="/api/v1/auth/refresh")
    assert (await client.post("/api/v1/auth/refresh", headers=SAME_APP)).status_code == 401


async def test_no_cookie_no_session(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/auth/refresh", headers=SAME_APP)
    assert response.status_code == 401
    assert response.json()["type"].endswith("/invalid-refresh-token")


async def test_the_docs_login_form_in_a_browser_gets_no_refresh_token(
    client: httpx.AsyncClient, make_user: UserFactory
) -> None:
    user = await make_user()
    form = {"username": user.email, "password": DEFAULT_PASSWORD}
    in_browser = await client.post(
        "/api/v1/auth/token", data=form, headers={"Origin": "http://api.localhost:8000"}
    )
    assert in_browser.status_code == 200, in_browser.text
    assert set(in_browser.json()) == {"access_token", "token_type", "expires_in"}
    assert set_cookies(in_browser) == []
    # A script or server (no Origin) is an API client: it keeps its refresh token in JSON.
    api_client = await client.post("/api/v1/auth/token", data=form)
    assert api_client.json()["refresh_token"]
