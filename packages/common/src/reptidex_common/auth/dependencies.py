"""FastAPI dependencies: authenticate the caller and check platform and vivarium roles."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends, Path, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer, OAuth2PasswordBearer
from sqlalchemy import exists, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.auth.account_cache import AccountState, account_cache_of
from reptidex_common.auth.api_keys import KEY_PREFIX, hash_api_key
from reptidex_common.auth.jwks import JwksSource
from reptidex_common.auth.key_usage import record_key_use
from reptidex_common.auth.principal import Principal, PrincipalKind
from reptidex_common.auth.service_tokens import is_service_token
from reptidex_common.auth.tokens import AccessClaims, UnknownKeyId, VerifiedTokens
from reptidex_common.db.engine import DbSession, read_session
from reptidex_common.errors import Forbidden, NotFound, Unauthorized
from reptidex_common.models.core import ApiKey, Membership, RefreshToken, User, Vivarium
from reptidex_common.models.enums import PlatformRole, UserStatus, VivariumRole
from reptidex_common.observability.context import user_id_var
from reptidex_common.settings import get_settings


@dataclass
class AuthState:
    jwks: JwksSource | None = None
    verified: VerifiedTokens = field(default_factory=VerifiedTokens)


auth_state = AuthState()

# Both schemes document the same header; the OAuth2 one makes the Authorize button of /docs work.
_oauth2 = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)
_bearer = HTTPBearer(auto_error=False, description="Access token or API key (rdx_...)")


def _verify(token: str, jwks: dict[str, Any]) -> AccessClaims:
    settings = get_settings()
    return auth_state.verified.decode(
        token, jwks, issuer=settings.jwt_issuer, audience=settings.jwt_audience
    )


async def _account_state(session: AsyncSession, claims: AccessClaims) -> AccountState:
    """The user's row by primary key and whether the token's login (its refresh-token family)
    still has a token that was not revoked, by the family index: one read."""
    session_live = (
        exists()
        .where(
            RefreshToken.family_id == claims.session_id,
            RefreshToken.revoked_at.is_(None),
        )
        .label("session_live")
        if claims.session_id is not None
        else literal(True).label("session_live")
    )
    row = (
        await session.execute(
            select(User.status, User.platform_role, User.password_changed_at, session_live).where(
                User.id == claims.user_id
            )
        )
    ).one_or_none()
    if row is None or row.status is UserStatus.suspended:
        raise Unauthorized(
            "This account is suspended or no longer exists.", type_slug="account-suspended"
        )
    if not row.session_live:
        raise Unauthorized("This session was signed out; sign in again.", type_slug="token-revoked")
    return AccountState(
        platform_role=row.platform_role, password_changed_at=row.password_changed_at
    )


async def _principal_from_jwt(request: Request, token: str) -> Principal:
    return await principal_from_access_token(request.app, token)


async def principal_from_access_token(app: object, token: str) -> Principal:
    """The signed-in user an access token names, if the token and the account still hold.

    `app`: the service's app, whose replica-wide account cache (`account_cache`) is consulted.
    """
    if auth_state.jwks is None:
        raise RuntimeError("auth_state.jwks is not configured")
    try:
        claims = _verify(token, await auth_state.jwks.get())
    except UnknownKeyId:
        claims = _verify(token, await auth_state.jwks.get(force_refresh=True))
    # Suspension, role changes, password changes and ended logins take effect at once
    # everywhere: the account's state is read from the database, or from this replica's cache
    # while it hears every such change announced (see `account_cache`).
    cache = account_cache_of(app)
    state = cache.get(claims.user_id, claims.session_id) if cache else None
    if state is None:
        generation = cache.generation if cache else 0
        # Its own short read, not the request's session: a request never holds two pool
        # connections at once (the handler's may be a `ReadSession`).
        async with read_session() as own:
            state = await _account_state(own, claims)
        if cache:
            cache.put(claims.user_id, claims.session_id, state, generation)
    # A password change (or reset) logs out every session, access tokens included; `iat` has
    # whole-second precision, so compare on whole seconds.
    changed = state.password_changed_at
    if changed is not None and claims.issued_at < changed.replace(microsecond=0):
        raise Unauthorized(
            "The password was changed since this token was issued; log in again.",
            type_slug="token-revoked",
        )
    return Principal(user_id=claims.user_id, platform_role=state.platform_role)


async def _principal_from_api_key(session: AsyncSession, key: str) -> Principal:
    digest = hash_api_key(key, get_settings().api_key_pepper.get_secret_value())
    found = (
        await session.execute(
            select(ApiKey, User.status, User.platform_role)
            .join(User, User.id == ApiKey.user_id)
            .where(ApiKey.key_hash == digest)
        )
    ).one_or_none()
    now = datetime.now(UTC)
    if found is None:
        raise Unauthorized("The API key is not valid.", type_slug="invalid-api-key")
    api_key, status, _platform_role = found
    if api_key.revoked_at is not None or (
        api_key.expires_at is not None and api_key.expires_at <= now
    ):
        raise Unauthorized(
            "The API key has been revoked or has expired.", type_slug="invalid-api-key"
        )
    if status is UserStatus.suspended:
        raise Unauthorized("This account is suspended.", type_slug="account-suspended")
    # Noted outside the database: no row lock on the hot path (see `key_usage`).
    await record_key_use(api_key.id, now)
    # Staff powers never travel on an API key: it acts as an ordinary user.
    return Principal(
        user_id=api_key.user_id,
        platform_role=PlatformRole.user,
        kind=PrincipalKind.api_key,
        scopes=frozenset(api_key.scopes),
        api_key_id=api_key.id,
        vivarium_id=api_key.vivarium_id,
    )


async def get_optional_principal(
    request: Request,
    session: DbSession,
    _docs_oauth: Annotated[str | None, Depends(_oauth2)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal | None:
    token = bearer.credentials if bearer else request.headers.get("X-API-Key")
    if not token:
        return None
    if token.startswith(KEY_PREFIX):
        principal = await _principal_from_api_key(session, token)
    else:
        try:
            principal = await _principal_from_jwt(request, token)
        except Unauthorized:
            # A service token is no user: it opens only internal routes, whose own dependency
            # checks it (service_identity.require_service_scope). Checked only after a failed
            # user check, so user requests pay nothing for it.
            if is_service_token(token):
                return None
            raise
    user_id_var.set(str(principal.user_id))
    # The audit log's actor for whatever this request writes (audit.requests).
    request.state.principal = principal
    return principal


async def get_principal(
    principal: Annotated[Principal | None, Depends(get_optional_principal)],
) -> Principal:
    if principal is None:
        raise Unauthorized()
    return principal


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]
OptionalPrincipal = Annotated[Principal | None, Depends(get_optional_principal)]


def require_platform_role(*roles: PlatformRole) -> Callable[[Principal], Awaitable[Principal]]:
    async def dependency(principal: CurrentPrincipal) -> Principal:
        if principal.platform_role not in roles:
            # Staff-only endpoints are no secret, so 403 rather than 404.
            raise Forbidden("This action is reserved for platform staff.")
        return principal

    return dependency


def require_scope(scope: str) -> Callable[[Principal], Awaitable[Principal]]:
    async def dependency(principal: CurrentPrincipal) -> Principal:
        if not principal.has_scope(scope):
            raise Forbidden(f"This API key lacks the '{scope}' scope.", type_slug="missing-scope")
        return principal

    return dependency


StaffPrincipal = Annotated[
    Principal, Depends(require_platform_role(PlatformRole.admin, PlatformRole.support))
]
AdminPrincipal = Annotated[Principal, Depends(require_platform_role(PlatformRole.admin))]


@dataclass(frozen=True)
class VivariumAccess:
    vivarium: Vivarium
    principal: Principal
    # None when the caller is staff acting without a membership.
    role: VivariumRole | None

    def at_least(self, minimum: VivariumRole) -> bool:
        if self.role is None:
            return False
        return self.role.at_least(minimum)


def staff_effective_role(principal: Principal) -> VivariumRole | None:
    """Admins may do anything a owner may; support may look but not touch."""
    if principal.platform_role is PlatformRole.admin:
        return VivariumRole.herpetologist
    if principal.platform_role is PlatformRole.support:
        return VivariumRole.keeper
    return None


def effective_vivarium_role(
    principal: Principal,
    vivarium_id: uuid.UUID,
    member_role: VivariumRole | None,
    *,
    live: bool,
) -> VivariumRole | None:
    """The role the caller acts with in a vivarium (membership or staff powers, the higher);
    None when they have none there, or it is deleted, or their API key is bound elsewhere."""
    if not live or (principal.vivarium_id is not None and principal.vivarium_id != vivarium_id):
        return None
    staff_role = staff_effective_role(principal)
    return max(
        (r for r in (member_role, staff_role) if r is not None), key=lambda r: r.rank, default=None
    )


async def authorize_vivarium(
    session: AsyncSession, principal: Principal, vivarium_id: uuid.UUID, minimum: VivariumRole
) -> VivariumAccess:
    """The one vivarium-role check every service uses.

    Not a member (or a deleted vivarium) answers 404, so nobody learns what exists; a member
    below the required role gets 403 with what role is needed.
    """
    row = (
        await session.execute(
            select(Vivarium, Membership.role)
            .outerjoin(
                Membership,
                (Membership.vivarium_id == Vivarium.id) & (Membership.user_id == principal.user_id),
            )
            .where(Vivarium.id == vivarium_id, Vivarium.deleted_at.is_(None))
        )
    ).one_or_none()
    effective = effective_vivarium_role(
        principal, vivarium_id, row[1] if row else None, live=row is not None
    )
    if row is None or effective is None:
        raise NotFound("Vivarium not found.")
    if not effective.at_least(minimum):
        raise Forbidden(
            f"This needs the {minimum.value} role or higher in this vivarium; you are {effective.value}.",
            type_slug="insufficient-role",
        )
    return VivariumAccess(vivarium=row[0], principal=principal, role=effective)


async def member_access(
    session: AsyncSession, principal: Principal, vivarium_id: uuid.UUID
) -> VivariumAccess | None:
    """The caller's access to the vivarium when they may at least look at it, else None."""
    try:
        return await authorize_vivarium(session, principal, vivarium_id, VivariumRole.keeper)
    except NotFound:
        return None


def require_vivarium_role(minimum: VivariumRole) -> Callable[..., Awaitable[VivariumAccess]]:
    """Dependency for routes with a `{vivarium_id}` path parameter."""

    async def dependency(
        vivarium_id: Annotated[uuid.UUID, Path()], principal: CurrentPrincipal, session: DbSession
    ) -> VivariumAccess:
        return await authorize_vivarium(session, principal, vivarium_id, minimum)

    return dependency
