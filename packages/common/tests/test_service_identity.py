"""A service calling another authenticates as itself, with its own key, for what it was granted.

The target here is repti-animal's app with one internal route; the caller is repti-commerce.
One test runs commerce as a real process so the target fetches its public key over HTTP; the
others hand the target commerce's public keys directly, as a cached fetch would.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from typing import Annotated, Any

import httpx
import jwt
import pytest
from fastapi import APIRouter, Depends, FastAPI

from reptidex_common.app_factory import create_service_app
from reptidex_common.auth import service_tokens
from reptidex_common.auth.jwks import StaticJwks
from reptidex_common.auth.keys import SigningKey
from reptidex_common.auth.service_identity import (
    ServiceCaller,
    ServiceTokens,
    caller_keys,
    require_service_scope,
    service_signing_key,
)
from reptidex_common.auth.service_tokens import issue_service_token
from reptidex_common.http_client import ServiceClient
from reptidex_common.models.enums import PlatformRole, UserStatus
from reptidex_common.settings import get_settings
from reptidex_common.testing.faults import ServiceProcess
from reptidex_common.testing.plugin import UserFactory

SCOPE = "animals:read"
GRANTS = {("commerce", "animal"): frozenset({SCOPE, "animals:write"})}


def internal_app() -> FastAPI:
    router = APIRouter()

    @router.get("/api/v1/internal/probe")
    async def probe(
        caller: Annotated[ServiceCaller, Depends(require_service_scope("animal", SCOPE))],
    ) -> dict[str, Any]:
        user = caller.acting_for
        return {
            "service": caller.claims.service,
            "scopes": sorted(caller.claims.scopes),
            "user_id": str(user.user_id) if user else None,
            "user_kind": user.kind if user else None,
        }

    return create_service_app("animal", title="t", description="d", routers=[router])


@pytest.fixture
def granted(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(service_tokens, "SERVICE_GRANTS", GRANTS)
    yield
    caller_keys.sources.clear()


@pytest.fixture
def commerce_keys_known(granted: None) -> SigningKey:
    key = service_signing_key("commerce")
    caller_keys.sources["commerce"] = StaticJwks(key.jwks())
    return key


@pytest.fixture
def client(client_for: Callable[[FastAPI], httpx.AsyncClient]) -> httpx.AsyncClient:
    return client_for(internal_app())


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_a_granted_service_is_let_in_as_itself(
    commerce_keys_known: SigningKey, client: httpx.AsyncClient
) -> None:
    token = ServiceTokens("commerce").token("animal", frozenset({SCOPE}))
    response = await client.get("/api/v1/internal/probe", headers=bearer(token))
    assert response.status_code == 200, response.text
    assert response.json() == {
        "service": "commerce",
        "scopes": [SCOPE],
        "user_id": None,
        "user_kind": None,
    }


async def test_the_target_fetches_the_callers_key_from_the_caller_itself(
    granted: None, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    with ServiceProcess("commerce", {}) as commerce:
        monkeypatch.setattr(
            get_settings(),
            "service_urls",
            {**get_settings().service_urls, "commerce": commerce.url},
        )
        token = ServiceTokens("commerce").token("animal", frozenset({SCOPE}))
        response = await client.get("/api/v1/internal/probe", headers=bearer(token))
    assert response.status_code == 200, response.text
    assert response.json()["service"] == "commerce"


async def test_a_call_for_a_user_carries_the_user_and_stops_when_they_are_suspended(
    commerce_keys_known: SigningKey,
    client: httpx.AsyncClient,
    make_user: UserFactory,
) -> None:
    user = await make_user()
    token = ServiceTokens("commerce").token("animal", frozenset({SCOPE}), user.id)
    response = await client.get("/api/v1/internal/probe", headers=bearer(token))
    assert response.status_code == 200, response.text
    assert response.json()["user_id"] == str(user.id)
    assert response.json()["user_kind"] == "service"

    suspended = await make_user(status=UserStatus.suspended)
    token = ServiceTokens("commerce").token("animal", frozenset({SCOPE}), suspended.id)
    response = await client.get("/api/v1/internal/probe", headers=bearer(token))
    assert response.status_code == 401
    assert response.json()["type"].endswith("/account-suspended")


def forged(key: SigningKey, **changes: Any) -> str:
    """A token as commerce would sign it, with some claims changed."""
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": "reptidex-service:commerce",
        "sub": "commerce",
        "aud": "reptidex-service:animal",
        "scope": SCOPE,
        "iat": now,
        "nbf": now,
        "exp": now + 300,
        "typ": "service",
    }
    claims.update(changes)
    claims = {name: value for name, value in claims.items() if value is not None}
    return jwt.encode(claims, key.private_key, algorithm="EdDSA", headers={"kid": key.kid})


@pytest.mark.parametrize(
    ("changes", "status"),
    [
        ({"aud": "reptidex-service:media"}, 401),  # meant for another service
        ({"iat": int(time.time()) - 900, "exp": int(time.time()) - 600}, 401),  # expired
        ({"exp": int(time.time()) + 3600}, 401),  # lives longer than a service token may
        ({"typ": "access"}, 401),  # not a service token
        ({"sub": "ops"}, 401),  # claims to be someone other than its issuer
        ({"scope": "animals:write"}, 403),  # granted, but not the scope this route needs
        ({"usr": "not-a-uuid"}, 401),
    ],
)
async def test_a_token_that_is_not_right_in_every_way_is_refused(
    commerce_keys_known: SigningKey,
    client: httpx.AsyncClient,
    changes: dict[str, Any],
    status: int,
) -> None:
    response = await client.get(
        "/api/v1/internal/probe", headers=bearer(forged(commerce_keys_known, **changes))
    )
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")


async def test_a_service_cannot_sign_for_another_or_grant_itself_more(
    commerce_keys_known: SigningKey,
    client: httpx.AsyncClient,
) -> None:
    # Media signs with its own key but says it is commerce: commerce's keys do not match.
    impostor = issue_service_token(
        service_signing_key("media"), caller="commerce", target="animal", scopes=frozenset({SCOPE})
    )
    response = await client.get("/api/v1/internal/probe", headers=bearer(impostor))
    assert response.status_code == 401
    # Media as itself: a valid token, but media was granted nothing on animal.
    caller_keys.sources["media"] = StaticJwks(service_signing_key("media").jwks())
    own = ServiceTokens("media").token("animal", frozenset({SCOPE}))
    response = await client.get("/api/v1/internal/probe", headers=bearer(own))
    assert response.status_code == 403


async def test_users_tokens_and_no_token_do_not_open_internal_routes(
    commerce_keys_known: SigningKey,
    client: httpx.AsyncClient,
    make_user: UserFactory,
    auth_headers: Callable[[Any], dict[str, str]],
) -> None:
    assert (await client.get("/api/v1/internal/probe")).status_code == 401
    admin = await make_user(platform_role=PlatformRole.admin)
    response = await client.get("/api/v1/internal/probe", headers=auth_headers(admin))
    assert response.status_code == 401


async def test_the_client_reuses_a_token_until_shortly_before_it_expires(
    commerce_keys_known: SigningKey,
    client_for: Callable[[FastAPI], httpx.AsyncClient],
) -> None:
    tokens = ServiceTokens("commerce")
    first = tokens.token("animal", frozenset({SCOPE}))
    assert tokens.token("animal", frozenset({SCOPE})) == first
    assert tokens.token("animal", frozenset({SCOPE}), uuid.uuid4()) != first
    app = internal_app()
    service_client = ServiceClient(
        "http://animal.internal",
        token_provider=tokens.provider("animal", frozenset({SCOPE})),
        transport=httpx.ASGITransport(app=app),
    )
    try:
        response = await service_client.request("GET", "/api/v1/internal/probe")
    finally:
        await service_client.aclose()
    assert response.status_code == 200, response.text
