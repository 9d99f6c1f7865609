"""Issuing access tokens and rotating refresh tokens."""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from repti_core.auth import repository
from repti_core.auth.exceptions import AccountSuspended, InvalidRefreshToken, RefreshTokenReused
from repti_core.auth.schemas import TokenPair
from repti_core.config import get_signing_key
from reptidex_common.auth.api_keys import hash_token
from reptidex_common.auth.tokens import issue_access_token
from reptidex_common.models.core import RefreshToken, User
from reptidex_common.models.enums import UserStatus
from reptidex_common.ratelimit import RateLimit, enforce
from reptidex_common.settings import get_settings


async def issue_token_pair(
    session: AsyncSession,
    user: User,
    *,
    family_id: uuid.UUID | None = None,
    user_agent: str | None = None,
    ip_address: str | None = None,
) -> TokenPair:
    settings = get_settings()
    now = datetime.now(UTC)
    refresh = secrets.token_urlsafe(48)
    family_id = family_id or uuid.uuid4()
    session.add(
        RefreshToken(
            user_id=user.id,
            family_id=family_id,
            token_hash=hash_token(refresh),
            expires_at=now + timedelta(seconds=settings.refresh_token_ttl_seconds),
            user_agent=(user_agent or "")[:300] or None,
            ip_address=ip_address,
        )
    )
    await session.flush()
    access = issue_access_token(
        get_signing_key(),
        user_id=user.id,
        platform_role=user.platform_role,
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
        ttl_seconds=settings.access_token_ttl_seconds,
        session_id=family_id,
        now=now,
    )
    return TokenPair(
        access_token=access, refresh_token=refresh, expires_in=settings.access_token_ttl_seconds
    )


# Refresh tokens cannot be guessed; this only stops one address from hammering the table.
REFRESH_PER_IP = RateLimit("refresh-ip", limit=600, window_seconds=15 * 60)

# Two tabs (or a retried request whose answer was lost) may present the same token at once:
# for this long after its rotation a spent token still gets a fresh pair of its family.
REUSE_GRACE = timedelta(seconds=30)


async def rotate_refresh_token(
    session: AsyncSession, presented: str, *, user_agent: str | None, ip_address: str | None
) -> TokenPair:
    """Spend the presented token and hand out the next one of its family.

    A token presented again within `REUSE_GRACE` of its rotation is a race between two tabs
    (the row lock makes the second wait for the first): it gets another token of the same
    family. Presented later, it means the token was stolen (or the client is confused): the
    whole family is revoked, so whoever holds the newer token is logged out too.
    """
    if ip_address is not None:
        await enforce(REFRESH_PER_IP, ip_address)
    now = datetime.now(UTC)
    stored = await repository.refresh_token_by_hash(session, hash_token(presented))
    if stored is None or stored.revoked_at is not None or stored.expires_at <= now:
        raise InvalidRefreshToken()
    if stored.used_at is not None and now - stored.used_at > REUSE_GRACE:
        await repository.revoke_family(session, stored.family_id, now)
        raise RefreshTokenReused()
    user = await repository.user_by_id(session, stored.user_id)
    if user is None or user.status is UserStatus.suspended:
        raise AccountSuspended()
    if stored.used_at is None:
        stored.used_at = now
    return await issue_token_pair(
        session, user, family_id=stored.family_id, user_agent=user_agent, ip_address=ip_address
    )
