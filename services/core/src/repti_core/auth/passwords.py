"""Password rules for signed-in users and for those who forgot theirs."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from repti_core.auth import emails, mailed_tokens, repository
from repti_core.auth.exceptions import InvalidMailedToken, WeakPassword, WrongPassword
from reptidex_common.audit.capture import mark_target
from reptidex_common.auth.passwords import hash_password, password_problems, verify_password
from reptidex_common.models.core import User
from reptidex_common.models.enums import UserStatus, UserTokenPurpose
from reptidex_common.ratelimit import RateLimit, enforce

FORGOT_PER_ACCOUNT = RateLimit("password-forgot-account", limit=3, window_seconds=60 * 60)
FORGOT_PER_IP = RateLimit("password-forgot-ip", limit=20, window_seconds=60 * 60)
RESET_PER_IP = RateLimit("password-reset-ip", limit=20, window_seconds=15 * 60)
CHANGE_PER_ACCOUNT = RateLimit("password-change-account", limit=10, window_seconds=15 * 60)


def _set_password(user: User, new_password: str) -> None:
    problems = password_problems(new_password, email=user.email)
    if problems:
        raise WeakPassword(problems)
    user.password_hash = hash_password(new_password)
    user.password_changed_at = datetime.now(UTC)


async def request_reset(session: AsyncSession, email: str, *, ip_address: str) -> None:
    """Mail a reset link if the account exists; the caller answers the same either way.

    The per-account limit counts the address as typed, so hitting it reveals nothing either.
    """
    await enforce(FORGOT_PER_IP, ip_address)
    await enforce(FORGOT_PER_ACCOUNT, email)
    user = await repository.user_by_email(session, email)
    if user is None or user.status is UserStatus.suspended:
        return
    token = await mailed_tokens.issue(session, user, UserTokenPurpose.password_reset)
    emails.queue_password_reset(session, user, token)


async def reset(
    session: AsyncSession, raw_token: str, new_password: str, *, ip_address: str
) -> User:
    await enforce(RESET_PER_IP, ip_address)
    token = await mailed_tokens.consume(session, raw_token, UserTokenPurpose.password_reset)
    user = await repository.user_by_id(session, token.user_id)
    if user is None:
        raise InvalidMailedToken(mailed_tokens.LINK_NAMES[UserTokenPurpose.password_reset])
    _set_password(user, new_password)
    now = datetime.now(UTC)
    # Whoever forced the reset may hold a session; every refresh token goes.
    await repository.revoke_all_for_user(session, user.id, now)
    # The link reached the inbox, which proves the address as well as a verification link would.
    if user.email_verified_at is None:
        user.email_verified_at = now
    return user


async def change(
    session: AsyncSession, user: User, current_password: str, new_password: str
) -> None:
    """Change the password and end every session; the router hands the caller a fresh one."""
    await enforce(CHANGE_PER_ACCOUNT, str(user.id))
    if not verify_password(user.password_hash, current_password):
        raise WrongPassword()
    if current_password == new_password:
        raise WeakPassword(["must differ from the current password"])
    _set_password(user, new_password)
    mark_target(session.sync_session, user)
    await repository.revoke_all_for_user(session, user.id, datetime.now(UTC))
