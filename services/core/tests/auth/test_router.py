from __future__ import annotations

import logging
import re
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pyotp
import pytest
from fastapi import FastAPI
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from repti_core.auth import tokens as token_service
from repti_core.auth.passwords import FORGOT_PER_ACCOUNT, FORGOT_PER_IP
from repti_core.auth.service import REGISTER_PER_IP
from repti_core.auth.throttle import LOGIN_PER_IP
from reptidex_common import client_address, ratelimit
from reptidex_common.auth.api_keys import hash_token
from reptidex_common.auth.keys import SigningKey
from reptidex_common.auth.tokens import issue_access_token
from reptidex_common.models.core import RefreshToken, User, UserToken
from reptidex_common.models.enums import PlatformRole, UserTokenPurpose
from reptidex_common.ratelimit import RateLimit
from reptidex_common.settings import get_settings
from reptidex_common.testing.plugin import DEFAULT_PASSWORD, UserFactory

PASSWORD = "Sturdy-gecko-42"
NEW_PASSWORD = "Molting-season-77"
AuthHeaders = Callable[[User], dict[str, str]]
# The `sent_emails` fixture of conftest.py.
SentEmails = Callable[[str], Awaitable[list[dict[str, Any]]]]


def problem_type(response: httpx.Response) -> str:
    assert response.headers["content-type"] == "application/problem+json", response.text
    return str(response.json()["type"]).rsplit("/", 1)[1]


def bearer(access_token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {access_token}"}


def token_in(email: dict[str, Any], path: str) -> str:
    """The raw token from the link `{breeder_web_url}/{path}?token=...` in an email body."""
    match = re.search(
        rf"{re.escape(get_settings().breeder_web_url)}/{path}\?token=([\w\-]+)", email["text"]
    )
    assert match, email["text"]
    token = match.group(1)
    # The code is spelled out too, for mail clients that break links.
    assert f"code in the app: {token}" in email["text"]
    return token


async def login(
    client: httpx.AsyncClient, email: str, password: str = DEFAULT_PASSWORD, **extra: Any
) -> httpx.Response:
    return await client.post(
        "/api/v1/auth/login", json={"email": email, "password": password, **extra}
    )


async def tokens_for(
    client: httpx.AsyncClient, email: str, password: str = DEFAULT_PASSWORD
) -> dict[str, Any]:
    response = await login(client, email, password)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def refresh(client: httpx.AsyncClient, refresh_token: str) -> httpx.Response:
    return await client.post("/api/v1/auth/refresh", json={"refresh_token": refresh_token})


# --- registration ---------------------------------------------------------------------------


async def test_register_creates_user_and_personal_vivarium(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/v1/auth/register",
        json={"email": "Breeder@Example.com", "password": PASSWORD, "display_name": "Breeder"},
    )
    assert response.status_code == 201, response.text
    assert response.json()["email"] == "Breeder@example.com"

    login = await client.post(
        "/api/v1/auth/login", json={"email": "breeder@example.com", "password": PASSWORD}
    )
    assert login.status_code == 200, login.text
    tokens = login.json()
    assert tokens["token_type"] == "bearer"
    me = await client.get(
        "/api/v1/auth/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}
    )
    assert me.status_code == 200
    memberships = me.json()["memberships"]
    assert len(memberships) == 1
    assert memberships[0]["role"] == "herpetologist"
    assert memberships[0]["is_personal"] is True


async def test_duplicate_email_in_any_case_is_409(client: httpx.AsyncClient) -> None:
    body = {"email": "dup@example.com", "password": PASSWORD, "display_name": "A"}
    assert (await client.post("/api/v1/auth/register", json=body)).status_code == 201
    again = await client.post("/api/v1/auth/register", json={**body, "email": "DUP@example.com"})
    assert again.status_code == 409
    assert again.headers["content-type"] == "application/problem+json"
    assert again.json()["status"] == 409


async def test_registration_is_rate_limited_per_ip(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    ip = {"X-Forwarded-For": "198.51.100.23"}
    body = {"email": "first@example.com", "password": PASSWORD, "display_name": "First"}
    assert (await client.post("/api/v1/auth/register", json=body, headers=ip)).status_code == 201
    # Probing taken addresses counts too (and costs no password hash).
    for attempt in range(REGISTER_PER_IP.limit - 1):
        again = await client.post("/api/v1/auth/register", json=body, headers=ip)
        assert again.status_code == 409, attempt

    fresh = {**body, "email": "second@example.com"}
    blocked = await client.post("/api/v1/auth/register", json=fresh, headers=ip)
    assert blocked.status_code == 429
    assert problem_type(blocked) == "rate-limited"
    assert 0 < int(blocked.headers["retry-after"]) <= REGISTER_PER_IP.window_seconds
    assert await db_session.scalar(select(User).where(User.email == fresh["email"])) is None
    # Someone at another address is not held back.
    elsewhere = await client.post(
        "/api/v1/auth/register", json=fresh, headers={"X-Forwarded-For": "198.51.100.24"}
    )
    assert elsewhere.status_code == 201, elsewhere.text


async def test_weak_password_is_422_saying_why(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/v1/auth/register",
        json={"email": "weak@example.com", "password": "short", "display_name": "W"},
    )
    assert response.status_code == 422
    body = response.json()
    assert "at least 10 characters" in body["detail"]
    assert body["errors"]


async def test_registration_mails_a_verification_link_that_verifies(
    client: httpx.AsyncClient, sent_emails: SentEmails
) -> None:
    response = await client.post(
        "/api/v1/auth/register",
        json={"email": "newbie@example.com", "password": PASSWORD, "display_name": "Newbie"},
    )
    assert response.status_code == 201
    assert response.json()["email_verified"] is False
    [email] = await sent_emails("newbie@example.com")
    assert "Confirm your email" in email["subject"]

    confirm = await client.post(
        "/api/v1/auth/verify-email/confirm", json={"token": token_in(email, "verify-email")}
    )
    assert confirm.status_code == 204, confirm.text
    tokens = await tokens_for(client, "newbie@example.com", PASSWORD)
    me = await client.get("/api/v1/auth/me", headers=bearer(tokens["access_token"]))
    assert me.json()["email_verified"] is True


# --- tokens ---------------------------------------------------------------------------------


async def test_refresh_rotates_to_a_working_pair(
    client: httpx.AsyncClient, make_user: UserFactory
) -> None:
    user = await make_user()
    first = await tokens_for(client, user.email)

    rotated = await refresh(client, first["refresh_token"])
    assert rotated.status_code == 200, rotated.text
    second = rotated.json()
    assert second["refresh_token"] != first["refresh_token"]
    me = await client.get("/api/v1/auth/me", headers=bearer(second["access_token"]))
    assert me.status_code == 200
    assert me.json()["id"] == str(user.id)
    assert (await refresh(client, second["refresh_token"])).status_code == 200


async def spent_long_ago(db_session: AsyncSession, refresh_token: str) -> None:
    """Move a spent token's rotation past the grace window that covers two racing tabs."""
    await db_session.execute(
        update(RefreshToken)
        .where(RefreshToken.token_hash == hash_token(refresh_token))
        .values(used_at=datetime.now(UTC) - token_service.REUSE_GRACE - timedelta(seconds=1))
    )


async def test_reusing_a_spent_refresh_token_revokes_the_whole_family(
    client: httpx.AsyncClient, make_user: UserFactory, db_session: AsyncSession
) -> None:
    user = await make_user()
    first = await tokens_for(client, user.email)
    second = (await refresh(client, first["refresh_token"])).json()
    await spent_long_ago(db_session, first["refresh_token"])

    reuse = await refresh(client, first["refresh_token"])
    assert reuse.status_code == 401
    assert problem_type(reuse) == "refresh-token-reused"
    # The thief may hold the newer token: it must be dead too.
    newer = await refresh(client, second["refresh_token"])
    assert newer.status_code == 401
    assert problem_type(newer) == "invalid-refresh-token"


async def test_expired_and_garbage_refresh_tokens_are_401(
    client: httpx.AsyncClient, make_user: UserFactory, db_session: AsyncSession
) -> None:
    user = await make_user()
    tokens = await tokens_for(client, user.email)
    await db_session.execute(
        update(RefreshToken)
        .where(RefreshToken.token_hash == hash_token(tokens["refresh_token"]))
        .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    )

    expired = await refresh(client, tokens["refresh_token"])
    assert expired.status_code == 401
    assert problem_type(expired) == "invalid-refresh-token"
    garbage = await refresh(client, "not-a-token")
    assert garbage.status_code == 401
    assert problem_type(garbage) == "invalid-refresh-token"


async def test_expired_and_garbage_access_tokens_are_401(
    client: httpx.AsyncClient, make_user: UserFactory, signing_key: SigningKey
) -> None:
    user = await make_user()
    settings = get_settings()
    expired = issue_access_token(
        signing_key,
        user_id=user.id,
        platform_role=PlatformRole.user,
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
        ttl_seconds=60,
        now=datetime.now(UTC) - timedelta(hours=1),
    )

    response = await client.get("/api/v1/auth/me", headers=bearer(expired))
    assert response.status_code == 401
    assert problem_type(response) == "token-expired"
    assert response.headers["www-authenticate"] == "Bearer"
    garbage = await client.get("/api/v1/auth/me", headers=bearer("eyJhbGciOi.garbage.token"))
    assert garbage.status_code == 401
    assert problem_type(garbage) == "invalid-token"
    anonymous = await client.get("/api/v1/auth/me")
    assert anonymous.status_code == 401


async def test_oauth2_form_login_issues_tokens(
    client: httpx.AsyncClient, make_user: UserFactory
) -> None:
    user = await make_user()

    response = await client.post(
        "/api/v1/auth/token", data={"username": user.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 200, response.text
    me = await client.get("/api/v1/auth/me", headers=bearer(response.json()["access_token"]))
    assert me.json()["email"] == user.email
    wrong = await client.post(
        "/api/v1/auth/token", data={"username": user.email, "password": "nope-nope-1"}
    )
    assert wrong.status_code == 401
    assert problem_type(wrong) == "invalid-credentials"


# --- logout ---------------------------------------------------------------------------------


async def test_logout_revokes_only_that_login(
    client: httpx.AsyncClient, make_user: UserFactory
) -> None:
    user = await make_user()
    laptop = await tokens_for(client, user.email)
    phone = await tokens_for(client, user.email)
    rotated_laptop = (await refresh(client, laptop["refresh_token"])).json()

    # Logging out with a spent token of the family still ends the family.
    response = await client.post(
        "/api/v1/auth/logout", json={"refresh_token": laptop["refresh_token"]}
    )
    assert response.status_code == 204
    assert (await refresh(client, rotated_laptop["refresh_token"])).status_code == 401
    assert (await refresh(client, phone["refresh_token"])).status_code == 200


async def test_logout_is_idempotent_and_silent_about_unknown_tokens(
    client: httpx.AsyncClient, make_user: UserFactory
) -> None:
    user = await make_user()
    tokens = await tokens_for(client, user.email)
    for _ in range(2):
        response = await client.post(
            "/api/v1/auth/logout", json={"refresh_token": tokens["refresh_token"]}
        )
        assert response.status_code == 204
    unknown = await client.post("/api/v1/auth/logout", json={"refresh_token": "never-issued"})
    assert unknown.status_code == 204
    assert (await refresh(client, tokens["refresh_token"])).status_code == 401


async def test_logout_all_revokes_every_session(
    client: httpx.AsyncClient, make_user: UserFactory, auth_headers: AuthHeaders
) -> None:
    user = await make_user()
    other = await make_user()
    sessions = [await tokens_for(client, user.email) for _ in range(2)]
    bystander = await tokens_for(client, other.email)

    response = await client.post("/api/v1/auth/logout-all", headers=auth_headers(user))
    assert response.status_code == 204
    for tokens in sessions:
        assert (await refresh(client, tokens["refresh_token"])).status_code == 401
    assert (await refresh(client, bystander["refresh_token"])).status_code == 200
    assert (await client.post("/api/v1/auth/logout-all")).status_code == 401


# --- login rate limits ----------------------------------------------------------------------


async def test_login_is_rate_limited_per_ip(
    client: httpx.AsyncClient, make_user: UserFactory
) -> None:
    user = await make_user()
    ip = {"X-Forwarded-For": "198.51.100.7, 10.0.0.1"}
    for attempt in range(LOGIN_PER_IP.limit):
        response = await client.post(
            "/api/v1/auth/login",
            json={"email": f"nobody-{attempt}@example.com", "password": "wrong-password-1"},
            headers=ip,
        )
        assert response.status_code == 401, attempt
    blocked = await client.post(
        "/api/v1/auth/login", json={"email": user.email, "password": DEFAULT_PASSWORD}, headers=ip
    )
    assert blocked.status_code == 429
    assert 0 < int(blocked.headers["retry-after"]) <= LOGIN_PER_IP.window_seconds
    elsewhere = await client.post(
        "/api/v1/auth/login",
        json={"email": user.email, "password": DEFAULT_PASSWORD},
        headers={"X-Forwarded-For": "198.51.100.8"},
    )
    assert elsewhere.status_code == 200


async def test_a_spoofed_forwarded_for_does_not_dodge_the_ip_limit(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts = iter(range(10_000))

    async def login(forwarded_for: str) -> httpx.Response:
        # A new account each time, so only the per-IP budget can trip.
        return await client.post(
            "/api/v1/auth/login",
            json={"email": f"guess-{next(attempts)}@example.com", "password": "wrong-password-1"},
            headers={"X-Forwarded-For": forwarded_for},
        )

    # Reached directly (no trusted proxy): the header is the client's own word and is ignored.
    monkeypatch.setattr(get_settings(), "trusted_proxy_hops", 0)
    for attempt in range(LOGIN_PER_IP.limit):
        assert (await login(f"203.0.113.{attempt + 1}")).status_code == 401, attempt
    assert (await login("203.0.113.250")).status_code == 429

    # Behind one proxy, only the entry that proxy appended counts; a client's prepended
    # entries do not.
    await ratelimit.reset(LOGIN_PER_IP, "127.0.0.1")
    monkeypatch.setattr(get_settings(), "trusted_proxy_hops", 1)
    for attempt in range(LOGIN_PER_IP.limit):
        response = await login(f"203.0.113.{attempt + 1}, 198.51.100.9")
        assert response.status_code == 401, attempt
    assert (await login("192.0.2.77, 198.51.100.9")).status_code == 429
    assert (await login("198.51.100.10")).status_code == 401


# --- password reset -------------------------------------------------------------------------


async def forgot(client: httpx.AsyncClient, email: str, ip: str = "192.0.2.1") -> httpx.Response:
    return await client.post(
        "/api/v1/auth/password/forgot", json={"email": email}, headers={"X-Forwarded-For": ip}
    )


async def reset(
    client: httpx.AsyncClient, token: str, new_password: str = NEW_PASSWORD
) -> httpx.Response:
    return await client.post(
        "/api/v1/auth/password/reset", json={"token": token, "new_password": new_password}
    )


async def test_password_reset_end_to_end(
    client: httpx.AsyncClient,
    make_user: UserFactory,
    sent_emails: SentEmails,
    db_session: AsyncSession,
) -> None:
    user = await make_user()
    old_session = await tokens_for(client, user.email)

    response = await forgot(client, user.email.upper())
    assert response.status_code == 202
    assert "on its way" in response.json()["detail"]
    [email] = await sent_emails(user.email)
    assert email["subject"] == "Reset your ReptiDex password"
    token = token_in(email, "reset-password")
    stored = await db_session.scalar(select(UserToken).where(UserToken.user_id == user.id))
    assert stored is not None
    # Only a hash is kept, and the link lives for one hour.
    assert stored.token_hash == hash_token(token) != token
    assert stored.purpose is UserTokenPurpose.password_reset
    assert timedelta(minutes=59) < stored.expires_at - datetime.now(UTC) <= timedelta(hours=1)

    assert (await reset(client, token)).status_code == 204
    assert (await login(client, user.email)).status_code == 401
    assert (await login(client, user.email, NEW_PASSWORD)).status_code == 200
    # Whoever had a session before the reset is logged out.
    assert (await refresh(client, old_session["refresh_token"])).status_code == 401

    again = await reset(client, token, "Another-gecko-88")
    assert again.status_code == 410
    assert problem_type(again) == "token-used"
    assert "already used" in again.json()["detail"]


async def test_forgot_password_answers_the_same_for_unknown_accounts(
    client: httpx.AsyncClient, sent_emails: SentEmails, make_user: UserFactory
) -> None:
    known = await make_user()
    response = await forgot(client, "ghost@example.com")
    assert response.status_code == 202
    assert response.content == (await forgot(client, known.email)).content
    assert await sent_emails("ghost@example.com") == []


async def test_forgot_password_is_rate_limited_per_account_and_per_ip(
    client: httpx.AsyncClient, make_user: UserFactory, sent_emails: SentEmails
) -> None:
    user = await make_user()
    for attempt in range(FORGOT_PER_ACCOUNT.limit):
        assert (await forgot(client, user.email, ip=f"192.0.2.{attempt + 10}")).status_code == 202
    blocked = await forgot(client, user.email, ip="192.0.2.99")
    assert blocked.status_code == 429
    assert 0 < int(blocked.headers["retry-after"]) <= FORGOT_PER_ACCOUNT.window_seconds
    assert len(await sent_emails(user.email)) == FORGOT_PER_ACCOUNT.limit
    # Unknown accounts hit the same limit, so the 429 does not reveal existence either.
    for _ in range(FORGOT_PER_ACCOUNT.limit):
        assert (await forgot(client, "ghost@example.com", ip="192.0.2.50")).status_code == 202
    assert (await forgot(client, "ghost@example.com", ip="192.0.2.51")).status_code == 429

    # 192.0.2.50 has made the ghost's requests; it may make the rest of its allowance.
    for attempt in range(FORGOT_PER_IP.limit - FORGOT_PER_ACCOUNT.limit):
        assert (
            await forgot(client, f"someone-{attempt}@example.com", ip="192.0.2.50")
        ).status_code == 202
    per_ip = await forgot(client, "fresh@example.com", ip="192.0.2.50")
    assert per_ip.status_code == 429
    assert 0 < int(per_ip.headers["retry-after"]) <= FORGOT_PER_IP.window_seconds


async def test_a_caller_outside_our_network_cannot_pick_its_ip_bucket(
    app: FastAPI, client_for: Callable[[FastAPI], httpx.AsyncClient]
) -> None:
    # Reaching the service around the proxy, from a public address, writing the header itself.
    outsider = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, client=("93.184.216.34", 41000)),
        base_url="http://testserver",
    )
    async with outsider:
        for attempt in range(FORGOT_PER_IP.limit):
            response = await forgot(outsider, f"a-{attempt}@example.com", ip=f"192.0.2.{attempt}")
            assert response.status_code == 202, attempt
        # Every made-up address counted against the caller's own: no fresh bucket.
        assert (await forgot(outsider, "b@example.com", ip="192.0.2.200")).status_code == 429
    # Visitors the gateway forwards (from inside our network) still count one by one.
    assert (await forgot(client_for(app), "c@example.com", ip="192.0.2.201")).status_code == 202


async def test_a_proxy_without_the_hops_setting_is_reported(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(get_settings(), "trusted_proxy_hops", 0)
    client_address._warn_proxy_without_hops.cache_clear()
    with caplog.at_level(logging.WARNING, logger=client_address.__name__):
        for attempt in range(2):
            await forgot(client, f"d-{attempt}@example.com", ip=f"198.51.100.{attempt}")
    warnings = [r.getMessage() for r in caplog.records if "TRUSTED_PROXY_HOPS" in r.getMessage()]
    # Once, naming the proxy whose visitors now share one per-IP bucket.
    assert len(warnings) == 1, warnings
    assert "127.0.0.1" in warnings[0]


async def test_reset_rejects_weak_password_without_spending_the_token(
    client: httpx.AsyncClient, make_user: UserFactory, sent_emails: SentEmails
) -> None:
    user = await make_user(email="keeper.jane@example.com")
    await forgot(client, user.email)
    token = token_in((await sent_emails(user.email))[0], "reset-password")

    weak = await reset(client, token, "short")
    assert weak.status_code == 422
    assert problem_type(weak) == "weak-password"
    assert "at least 10 characters" in weak.json()["detail"]
    assert weak.json()["errors"][0]["field"] == "body.new_password"
    own_email = await reset(client, token, "keeper.jane-2024!")
    assert own_email.status_code == 422
    assert "must not contain your email address" in own_email.json()["detail"]
    assert (await reset(client, token)).status_code == 204


async def test_reset_with_unknown_or_expired_token(
    client: httpx.AsyncClient,
    make_user: UserFactory,
    sent_emails: SentEmails,
    db_session: AsyncSession,
) -> None:
    unknown = await reset(client, "made-up-token")
    assert unknown.status_code == 400
    assert problem_type(unknown) == "invalid-token"
    assert "not valid" in unknown.json()["detail"]

    user = await make_user()
    await forgot(client, user.email)
    token = token_in((await sent_emails(user.email))[0], "reset-password")
    await db_session.execute(
        update(UserToken)
        .where(UserToken.token_hash == hash_token(token))
        .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    )
    expired = await reset(client, token)
    assert expired.status_code == 410
    assert problem_type(expired) == "token-expired"
    assert "expired" in expired.json()["detail"]
    assert (await login(client, user.email)).status_code == 200


async def test_a_newer_reset_link_spends_the_older_ones(
    client: httpx.AsyncClient, make_user: UserFactory, sent_emails: SentEmails
) -> None:
    user = await make_user()
    await forgot(client, user.email)
    await forgot(client, user.email)
    older, newer = (token_in(e, "reset-password") for e in await sent_emails(user.email))

    assert (await reset(client, newer)).status_code == 204
    assert (await reset(client, older, "Another-gecko-88")).status_code == 410
    assert (await login(client, user.email, NEW_PASSWORD)).status_code == 200


async def test_verification_token_cannot_reset_a_password(
    client: httpx.AsyncClient,
    make_user: UserFactory,
    sent_emails: SentEmails,
    auth_headers: AuthHeaders,
) -> None:
    user = await make_user()
    await client.post("/api/v1/auth/verify-email/request", headers=auth_headers(user))
    token = token_in((await sent_emails(user.email))[0], "verify-email")

    response = await reset(client, token)
    assert response.status_code == 400
    assert (await login(client, user.email)).status_code == 200


# --- password change ------------------------------------------------------------------------


async def test_password_change(client: httpx.AsyncClient, make_user: UserFactory) -> None:
    user = await make_user()
    other_device = await tokens_for(client, user.email)
    headers = bearer(other_device["access_token"])
    url = "/api/v1/auth/password/change"

    wrong = await client.post(
        url, json={"current_password": "not-it-123", "new_password": NEW_PASSWORD}, headers=headers
    )
    assert wrong.status_code == 400
    assert problem_type(wrong) == "wrong-password"
    weak = await client.post(
        url,
        json={"current_password": DEFAULT_PASSWORD, "new_password": "password123"},
        headers=headers,
    )
    assert weak.status_code == 422
    assert "most common passwords" in weak.json()["detail"]
    same = await client.post(
        url,
        json={"current_password": DEFAULT_PASSWORD, "new_password": DEFAULT_PASSWORD},
        headers=headers,
    )
    assert same.status_code == 422

    changed = await client.post(
        url,
        json={"current_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD},
        headers=headers,
    )
    assert changed.status_code == 200, changed.text
    fresh = changed.json()
    assert (await refresh(client, other_device["refresh_token"])).status_code == 401
    assert (await refresh(client, fresh["refresh_token"])).status_code == 200
    assert (await login(client, user.email)).status_code == 401
    assert (await login(client, user.email, NEW_PASSWORD)).status_code == 200
    anonymous = await client.post(
        url, json={"current_password": NEW_PASSWORD, "new_password": PASSWORD}
    )
    assert anonymous.status_code == 401


# --- email verification ---------------------------------------------------------------------


async def test_email_verification_flow(
    client: httpx.AsyncClient,
    make_user: UserFactory,
    sent_emails: SentEmails,
    auth_headers: AuthHeaders,
) -> None:
    user = await make_user()
    headers = auth_headers(user)

    assert (await client.post("/api/v1/auth/verify-email/request")).status_code == 401
    response = await client.post("/api/v1/auth/verify-email/request", headers=headers)
    assert response.status_code == 202
    [email] = await sent_emails(user.email)
    token = token_in(email, "verify-email")

    assert (
        await client.post("/api/v1/auth/verify-email/confirm", json={"token": token})
    ).status_code == 204
    me = await client.get("/api/v1/auth/me", headers=headers)
    assert me.json()["email_verified"] is True
    used = await client.post("/api/v1/auth/verify-email/confirm", json={"token": token})
    assert used.status_code == 410
    assert problem_type(used) == "token-used"
    already = await client.post("/api/v1/auth/verify-email/request", headers=headers)
    assert already.status_code == 409
    assert problem_type(already) == "email-already-verified"
    unknown = await client.post("/api/v1/auth/verify-email/confirm", json={"token": "bogus"})
    assert unknown.status_code == 400


async def test_verification_token_lives_24_hours(
    client: httpx.AsyncClient,
    make_user: UserFactory,
    auth_headers: AuthHeaders,
    db_session: AsyncSession,
) -> None:
    user = await make_user()
    await client.post("/api/v1/auth/verify-email/request", headers=auth_headers(user))
    stored = await db_session.scalar(select(UserToken).where(UserToken.user_id == user.id))
    assert stored is not None
    assert stored.purpose is UserTokenPurpose.email_verification
    assert (
        timedelta(hours=23, minutes=59)
        < stored.expires_at - datetime.now(UTC)
        <= timedelta(hours=24)
    )


# --- two-factor -----------------------------------------------------------------------------


def code_at(secret: str, step_offset: int) -> str:
    """The code of the previous (-1), current (0) or next (1) 30 s step, all accepted."""
    return str(pyotp.TOTP(secret).at(time.time() + 30 * step_offset))


async def test_two_factor_setup_enable_login_and_disable(
    client: httpx.AsyncClient, make_user: UserFactory
) -> None:
    user = await make_user()
    headers = bearer((await tokens_for(client, user.email))["access_token"])

    assert (
        await client.post("/api/v1/auth/2fa/enable", json={"otp": "123456"}, headers=headers)
    ).status_code == 409
    setup = await client.post("/api/v1/auth/2fa/setup", headers=headers)
    assert setup.status_code == 200, setup.text
    secret = setup.json()["secret"]
    uri = setup.json()["provisioning_uri"]
    assert uri.startswith("otpauth://totp/ReptiDex:")
    assert f"secret={secret}" in uri
    assert "issuer=ReptiDex" in uri
    # Set up but not confirmed: login still works without a code.
    assert (await login(client, user.email)).status_code == 200

    wrong = await client.post("/api/v1/auth/2fa/enable", json={"otp": "000000"}, headers=headers)
    assert wrong.status_code == 400
    assert problem_type(wrong) == "invalid-two-factor-code"
    enabled = await client.post(
        "/api/v1/auth/2fa/enable", json={"otp": code_at(secret, -1)}, headers=headers
    )
    assert enabled.status_code == 200, enabled.text
    assert enabled.json()["two_factor_enabled"] is True
    assert (await client.post("/api/v1/auth/2fa/setup", headers=headers)).status_code == 409

    missing = await login(client, user.email)
    assert missing.status_code == 401
    assert problem_type(missing) == "two-factor-required"
    bad = await login(client, user.email, otp="000000")
    assert bad.status_code == 401
    assert problem_type(bad) == "invalid-two-factor-code"
    current = code_at(secret, 0)
    assert (await login(client, user.email, otp=current)).status_code == 200
    replayed = await login(client, user.email, otp=current)
    assert replayed.status_code == 401
    assert problem_type(replayed) == "invalid-two-factor-code"

    disable_url = "/api/v1/auth/2fa/disable"
    wrong_password = await client.post(
        disable_url, json={"password": "not-it-123", "otp": code_at(secret, 1)}, headers=headers
    )
    assert wrong_password.status_code == 400
    assert problem_type(wrong_password) == "wrong-password"
    disabled = await client.post(
        disable_url, json={"password": DEFAULT_PASSWORD, "otp": code_at(secret, 1)}, headers=headers
    )
    assert disabled.status_code == 200, disabled.text
    assert disabled.json()["two_factor_enabled"] is False
    assert (await login(client, user.email)).status_code == 200
    assert (
        await client.post(
            disable_url, json={"password": DEFAULT_PASSWORD, "otp": "123456"}, headers=headers
        )
    ).status_code == 409


async def test_two_factor_login_for_an_enabled_account(
    client: httpx.AsyncClient, make_user: UserFactory
) -> None:
    secret = pyotp.random_base32()
    user = await make_user(totp_secret=secret, totp_enabled=True)

    without = await login(client, user.email)
    assert without.status_code == 401
    assert problem_type(without) == "two-factor-required"
    # The wrong password is reported before the code, so the code alone proves nothing.
    assert problem_type(
        await login(client, user.email, "wrong-password-1", otp=code_at(secret, 0))
    ) == ("invalid-credentials")
    wrong = await login(
        client, user.email, otp="999999" if code_at(secret, 0) != "999999" else "111111"
    )
    assert wrong.status_code == 401
    assert problem_type(wrong) == "invalid-two-factor-code"
    right = await login(client, user.email, otp=code_at(secret, 0))
    assert right.status_code == 200
    me = await client.get("/api/v1/auth/me", headers=bearer(right.json()["access_token"]))
    assert me.json()["two_factor_enabled"] is True
    # The docs' form login has no code field, so it cannot bypass two-factor.
    form = await client.post(
        "/api/v1/auth/token", data={"username": user.email, "password": DEFAULT_PASSWORD}
    )
    assert form.status_code == 401
    assert problem_type(form) == "two-factor-required"


async def test_access_tokens_issued_before_a_password_change_stop_working(
    client: httpx.AsyncClient,
    make_user: UserFactory,
    signing_key: SigningKey,
    db_session: AsyncSession,
) -> None:
    user = await make_user()
    settings = get_settings()

    def token_issued(at: datetime) -> str:
        return issue_access_token(
            signing_key,
            user_id=user.id,
            platform_role=user.platform_role,
            issuer=settings.jwt_issuer,
            audience=settings.jwt_audience,
            ttl_seconds=settings.access_token_ttl_seconds,
            now=at,
        )

    changed_at = datetime.now(UTC)
    await db_session.execute(
        update(User).where(User.id == user.id).values(password_changed_at=changed_at)
    )
    await db_session.flush()
    stale = await client.get(
        "/api/v1/auth/me", headers=bearer(token_issued(changed_at - timedelta(minutes=5)))
    )
    assert stale.status_code == 401
    assert problem_type(stale) == "token-revoked"
    fresh = await client.get("/api/v1/auth/me", headers=bearer(token_issued(changed_at)))
    assert fresh.status_code == 200, fresh.text


async def test_two_factor_codes_must_be_ascii_digits(
    client: httpx.AsyncClient,
    make_user: UserFactory,
    auth_headers: Callable[[User], dict[str, str]],
) -> None:
    user = await make_user()
    headers = auth_headers(user)
    assert (await client.post("/api/v1/auth/2fa/setup", headers=headers)).status_code == 200
    for code in ("\u0661\u0662\u0663\u0664\u0665\u0666", "12ab56", "\u00ff_=\u0016\u0018"):
        response = await client.post("/api/v1/auth/2fa/enable", json={"otp": code}, headers=headers)
        assert response.status_code == 422, code
    login = await client.post(
        "/api/v1/auth/login",
        json={
            "email": user.email,
            "password": DEFAULT_PASSWORD,
            "otp": "\u0661\u0662\u0663\u0664\u0665\u0666",
        },
    )
    assert login.status_code == 422


async def test_refresh_is_rate_limited_per_ip(
    client: httpx.AsyncClient, make_user: UserFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        token_service, "REFRESH_PER_IP", RateLimit("refresh-ip", limit=3, window_seconds=60)
    )
    ip = {"X-Forwarded-For": "203.0.113.9"}
    for attempt in range(3):
        response = await client.post(
            "/api/v1/auth/refresh", json={"refresh_token": f"junk-{attempt}"}, headers=ip
        )
        assert response.status_code == 401
    blocked = await client.post("/api/v1/auth/refresh", json={"refresh_token": "junk"}, headers=ip)
    assert blocked.status_code == 429
    assert 0 < int(blocked.headers["retry-after"]) <= 60
