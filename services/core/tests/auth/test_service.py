from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from repti_core.auth import mailed_tokens, passwords, sessions, two_factor
from repti_core.auth.exceptions import (
    InvalidMailedToken,
    MailedTokenExpired,
    MailedTokenUsed,
    TwoFactorAlreadyEnabled,
    WeakPassword,
)
from repti_core.auth.tokens import issue_token_pair
from reptidex_common.auth.api_keys import hash_token
from reptidex_common.models.core import RefreshToken, UserToken
from reptidex_common.models.enums import UserStatus, UserTokenPurpose
from reptidex_common.testing.plugin import UserFactory


async def test_mailed_token_is_single_use_and_bound_to_its_purpose(
    db_session: AsyncSession, make_user: UserFactory
) -> None:
    user = await make_user()
    raw = await mailed_tokens.issue(db_session, user, UserTokenPurpose.password_reset)

    with pytest.raises(InvalidMailedToken):
        await mailed_tokens.consume(db_session, raw, UserTokenPurpose.email_verification)
    spent = await mailed_tokens.consume(db_session, raw, UserTokenPurpose.password_reset)
    assert spent.user_id == user.id
    assert spent.used_at is not None
    with pytest.raises(MailedTokenUsed):
        await mailed_tokens.consume(db_session, raw, UserTokenPurpose.password_reset)


async def test_expired_mailed_token_is_refused(
    db_session: AsyncSession, make_user: UserFactory
) -> None:
    user = await make_user()
    raw = await mailed_tokens.issue(db_session, user, UserTokenPurpose.email_verification)
    stored = await db_session.scalar(
        select(UserToken).where(UserToken.token_hash == hash_token(raw))
    )
    assert stored is not None
    stored.expires_at = datetime.now(UTC) - timedelta(seconds=1)

    with pytest.raises(MailedTokenExpired) as caught:
        await mailed_tokens.consume(db_session, raw, UserTokenPurpose.email_verification)
    assert caught.value.status == 410
    assert "email verification link has expired" in caught.value.detail


async def test_consuming_spends_only_the_same_users_same_purpose_tokens(
    db_session: AsyncSession, make_user: UserFactory
) -> None:
    user, other = await make_user(), await make_user()
    first = await mailed_tokens.issue(db_session, user, UserTokenPurpose.password_reset)
    second = await mailed_tokens.issue(db_session, user, UserTokenPurpose.password_reset)
    verification = await mailed_tokens.issue(db_session, user, UserTokenPurpose.email_verification)
    others = await mailed_tokens.issue(db_session, other, UserTokenPurpose.password_reset)

    await mailed_tokens.consume(db_session, second, UserTokenPurpose.password_reset)
    with pytest.raises(MailedTokenUsed):
        await mailed_tokens.consume(db_session, first, UserTokenPurpose.password_reset)
    assert (
        await mailed_tokens.consume(db_session, verification, UserTokenPurpose.email_verification)
    ).used_at
    assert (
        await mailed_tokens.consume(db_session, others, UserTokenPurpose.password_reset)
    ).user_id == other.id


async def test_totp_code_is_accepted_once() -> None:
    secret = pyotp.random_base32()
    user_id = uuid.uuid4()
    code = pyotp.TOTP(secret).now()

    assert await two_factor.verify_code(user_id, None, code) is False
    assert await two_factor.verify_code(user_id, secret, f"{code[:3]} {code[3:]}") is True
    assert await two_factor.verify_code(user_id, secret, code) is False


async def test_totp_outside_the_drift_window_is_refused() -> None:
    user_id = uuid.uuid4()
    # A six-digit code can repeat by chance; pick a secret whose stale code differs from every
    # code still inside the window, so the test always tests the window.
    while True:
        secret = pyotp.random_base32()
        totp = pyotp.TOTP(secret)
        stale = totp.at(time.time() - 90)
        if stale not in {totp.at(time.time() + 30 * k) for k in (-1, 0, 1)}:
            break
    assert await two_factor.verify_code(user_id, secret, stale) is False


async def test_two_factor_setup_refused_while_enabled(make_user: UserFactory) -> None:
    user = await make_user(totp_secret=pyotp.random_base32(), totp_enabled=True)
    with pytest.raises(TwoFactorAlreadyEnabled):
        two_factor.begin_setup(user)


async def test_no_reset_mail_for_suspended_accounts(
    db_session: AsyncSession, make_user: UserFactory
) -> None:
    user = await make_user(status=UserStatus.suspended)

    await passwords.request_reset(db_session, user.email, ip_address="192.0.2.1")
    assert await db_session.scalar(select(UserToken).where(UserToken.user_id == user.id)) is None


async def test_reset_checks_strength_against_the_accounts_email(
    db_session: AsyncSession, make_user: UserFactory
) -> None:
    user = await make_user(email="pythonista@example.com")
    raw = await mailed_tokens.issue(db_session, user, UserTokenPurpose.password_reset)

    with pytest.raises(WeakPassword) as caught:
        await passwords.reset(db_session, raw, "pythonista-99!", ip_address="192.0.2.1")
    assert caught.value.status == 422
    assert "must not contain your email address" in caught.value.detail


async def test_reset_also_proves_the_email_address(
    db_session: AsyncSession, make_user: UserFactory
) -> None:
    user = await make_user()
    raw = await mailed_tokens.issue(db_session, user, UserTokenPurpose.password_reset)

    await passwords.reset(db_session, raw, "Fresh-basking-spot-3", ip_address="192.0.2.1")
    assert user.email_verified_at is not None
    assert user.password_changed_at is not None


async def test_logout_revokes_the_family_and_nothing_else(
    db_session: AsyncSession, make_user: UserFactory
) -> None:
    user = await make_user()
    kept = await issue_token_pair(db_session, user)
    ended = await issue_token_pair(db_session, user)

    await sessions.logout(db_session, ended.refresh_token)
    rows = {
        row.token_hash: row
        for row in await db_session.scalars(
            select(RefreshToken)
            .where(RefreshToken.user_id == user.id)
            .execution_options(populate_existing=True)
        )
    }
    assert rows[hash_token(ended.refresh_token)].revoked_at is not None
    assert rows[hash_token(kept.refresh_token)].revoked_at is None
