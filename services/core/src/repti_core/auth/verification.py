"""Email verification: mail a link, and mark the address verified when it comes back."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from repti_core.auth import emails, mailed_tokens, repository
from repti_core.auth.exceptions import EmailAlreadyVerified, InvalidMailedToken
from reptidex_common.models.core import User
from reptidex_common.models.enums import UserTokenPurpose
from reptidex_common.ratelimit import RateLimit, enforce

# Each request sends an email; the limit keeps the endpoint from becoming a mail cannon.
REQUEST_PER_ACCOUNT = RateLimit("verify-email-account", limit=5, window_seconds=60 * 60)


async def send_verification(session: AsyncSession, user: User) -> None:
    token = await mailed_tokens.issue(session, user, UserTokenPurpose.email_verification)
    emails.queue_email_verification(session, user, token)


async def request_verification(session: AsyncSession, user: User) -> None:
    if user.email_verified_at is not None:
        raise EmailAlreadyVerified()
    await enforce(REQUEST_PER_ACCOUNT, str(user.id))
    await send_verification(session, user)


async def confirm(session: AsyncSession, raw_token: str) -> User:
    token = await mailed_tokens.consume(session, raw_token, UserTokenPurpose.email_verification)
    user = await repository.user_by_id(session, token.user_id)
    if user is None:
        raise InvalidMailedToken(mailed_tokens.LINK_NAMES[UserTokenPurpose.email_verification])
    if user.email_verified_at is None:
        user.email_verified_at = datetime.now(UTC)
    return user
