"""Both ends of a service-to-service call: the caller's tokens, the target's check.

The caller: `ServiceTokens(caller).token(target, scopes, user_id)` signs with this service's
own key and keeps each token until shortly before it expires; `ServiceTokens.provider` plugs
into `ServiceClient`. The target: `require_service_scope(scope)` is the route dependency; it
fetches the caller's public keys from the caller itself (cached like core's JWKS), verifies
the token and the grant, and when the call is made for a user, loads that user as the
principal whose rights every other check uses (a suspended user stops the call).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select

from reptidex_common.auth.jwks import JwksSource, RemoteJwks
from reptidex_common.auth.keys import SigningKey, load_or_create_signing_key
from reptidex_common.auth.principal import Principal, PrincipalKind
from reptidex_common.auth.service_tokens import (
    TOKEN_SECONDS,
    ServiceClaims,
    check_grant,
    claimed_caller,
    decode_service_token,
    issue_service_token,
)
from reptidex_common.db.engine import read_session
from reptidex_common.errors import Unauthorized
from reptidex_common.models.core import User
from reptidex_common.models.enums import UserStatus
from reptidex_common.settings import get_settings

# A cached token is replaced this long before it expires, so it never expires in flight.
RENEW_BEFORE_SECONDS = 60.0
JWKS_PATH = "/.well-known/service-jwks.json"

_service_bearer = HTTPBearer(auto_error=False, description="A service token")


@lru_cache
def service_signing_key(service: str) -> SigningKey:
    settings = get_settings()
    return load_or_create_signing_key(
        settings.service_key_path(service), create=settings.environment != "production"
    )


class ServiceTokens:
    """The tokens one service presents, one per (target, scopes, user), reused until near expiry."""

    def __init__(self, caller: str) -> None:
        self.caller = caller
        self._tokens: dict[tuple[str, frozenset[str], uuid.UUID | None], tuple[float, str]] = {}

    def token(self, target: str, scopes: frozenset[str], user_id: uuid.UUID | None = None) -> str:
        key = (target, scopes, user_id)
        now = time.time()
        cached = self._tokens.get(key)
        if cached is not None and cached[0] - RENEW_BEFORE_SECONDS > now:
            return cached[1]
        token = issue_service_token(
            service_signing_key(self.caller),
            caller=self.caller,
            target=target,
            scopes=scopes,
            user_id=user_id,
            now=now,
        )
        self._tokens[key] = (now + TOKEN_SECONDS, token)
        return token

    def provider(
        self, target: str, scopes: frozenset[str], user_id: uuid.UUID | None = None
    ) -> Callable[[], Awaitable[str | None]]:
        """A `ServiceClient` token provider for calls to `target`."""

        async def provide() -> str | None:
            return self.token(target, scopes, user_id)

        return provide


@dataclass
class CallerKeys:
    """Where the target finds each calling service's public keys; tests may set `sources`."""

    sources: dict[str, JwksSource] = field(default_factory=dict)

    def of(self, service: str) -> JwksSource:
        source = self.sources.get(service)
        if source is None:
            settings = get_settings()
            base = settings.service_urls.get(service)
            if base is None:
                raise Unauthorized("The calling service is unknown.", type_slug="invalid-token")
            source = RemoteJwks(base.rstrip("/") + JWKS_PATH, timeout=settings.http_timeout_seconds)
            self.sources[service] = source
        return source


caller_keys = CallerKeys()


@dataclass(frozen=True)
class ServiceCaller:
    claims: ServiceClaims
    # The user the call is made for, loaded as any signed-in user would be; else None.
    acting_for: Principal | None


async def _acting_user(user_id: uuid.UUID, service: str) -> Principal:
    async with read_session() as session:
        row = (
            await session.execute(select(User.status, User.platform_role).where(User.id == user_id))
        ).one_or_none()
    if row is None or row.status is UserStatus.suspended:
        raise Unauthorized(
            "The user this call is made for is suspended or no longer exists.",
            type_slug="account-suspended",
        )
    return Principal(
        user_id=user_id,
        platform_role=row.platform_role,
        kind=PrincipalKind.service,
        extra={"service": service},
    )


async def verify_service_call(token: str, target: str) -> ServiceClaims:
    caller = claimed_caller(token)
    source = caller_keys.of(caller)
    try:
        return decode_service_token(token, await source.get(), caller=caller, target=target)
    except Unauthorized:
        # The caller may have rotated its key since its keys were fetched: look once more.
        return decode_service_token(
            token, await source.get(force_refresh=True), caller=caller, target=target
        )


def require_service_scope(target: str, scope: str) -> Callable[..., Awaitable[ServiceCaller]]:
    """Route dependency of `target`'s internal endpoints: a granted service token, or 401/403."""

    async def dependency(
        bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_service_bearer)],
    ) -> ServiceCaller:
        if bearer is None:
            raise Unauthorized("A service token is required.")
        claims = await verify_service_call(bearer.credentials, target)
        check_grant(claims, scope)
        acting_for = await _acting_user(claims.user_id, claims.service) if claims.user_id else None
        return ServiceCaller(claims=claims, acting_for=acting_for)

    return dependency


def service_jwks_router(service: str) -> APIRouter:
    """`GET /.well-known/service-jwks.json`: the public key this service signs its calls with."""
    router = APIRouter()

    @router.get(JWKS_PATH, include_in_schema=False)
    async def service_jwks() -> dict[str, Any]:
        return service_signing_key(service).jwks()

    return router
