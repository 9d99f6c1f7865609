"""Single-use tokens sent by email (password reset, email verification); only hashes are stored."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from repti_core.auth import repository
from repti_core.auth.exceptions import InvalidMailedToken, MailedTokenExpired, MailedTokenUsed
from reptidex_common.auth.api_keys import hash_token
from reptidex_common.models.core import User, UserToken
from reptidex_common.models.enums import UserTokenPurpose

LIFETIMES = {
    UserTokenPurpose.password_reset: timedelta(hours=1),
    UserTokenPurpose.email_verification: timedelta(hours=24),
}
# How the errors name the link, so a user knows which email it was.
LINK_NAMES = {
    UserTokenPurpose.password_reset: "password reset",
    UserTokenPurpose.email_verification: "email verification",
}


async def issue(session: AsyncSession, user: User, purpose: UserTokenPurpose) -> str:
    """Store a new token's hash and return the raw token, which only the email will carry."""
    raw = secrets.token_urlsafe(32)
    session.add(
        UserToken(
            user_id=user.id,
            purpose=purpose,
            token_hash=hash_token(raw),
            expires_at=datetime.now(UTC) + LIFETIMES[purpose],
        )
    )
    await session.flush()
    return raw


async def consume(session: AsyncSession, raw: str, purpose: UserTokenPurpose) -> UserToken:
    """Spend a token, and with it every other open token of the same purpose for that user."""
    now = datetime.now(UTC)
    what = LINK_NAMES[purpose]
    token = await repository.user_token_by_hash(session, hash_token(raw))
    # A verification token must never open a password reset, and the other way round.
    if token is None or token.purpose is not purpose:
        raise InvalidMailedToken(what)
    if token.used_at is not None:
        raise MailedTokenUsed(what)
    if token.expires_at <= now:
        raise MailedTokenExpired(what)
    token.used_at = now
    await repository.spend_user_tokens(session, token.user_id, purpose, now)
    return token
