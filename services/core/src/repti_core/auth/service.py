"""Registration and login rules."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from repti_core.auth import devices, repository, throttle, two_factor, verification
from repti_core.auth.exceptions import (
    AccountSuspended,
    EmailTaken,
    InvalidCredentials,
    InvalidTwoFactorCode,
    TwoFactorRequired,
)
from repti_core.auth.schemas import RegisterRequest
from repti_core.vivariums.service import create_vivarium
from reptidex_common.auth.passwords import hash_password, verify_password
from reptidex_common.events.emitting import emit
from reptidex_common.events.envelope import Actor, ActorType
from reptidex_common.events.types.core import UserRegistered
from reptidex_common.models.core import User
from reptidex_common.models.enums import UserStatus
from reptidex_common.ratelimit import RateLimit, enforce

# Sign-ups from one address: a household or an office makes a few, a script makes thousands.
REGISTER_PER_IP = RateLimit("register-ip", limit=30, window_seconds=60 * 60)


async def register(session: AsyncSession, data: RegisterRequest, *, ip_address: str) -> User:
    # Counted before the email is looked up, so probing which addresses exist is throttled too.
    await enforce(REGISTER_PER_IP, ip_address)
    email = str(data.email)
    if await repository.user_by_email(session, email) is not None:
        raise EmailTaken()
    user = User(
        email=email, password_hash=hash_password(data.password), display_name=data.display_name
    )
    session.add(user)
    try:
        # A savepoint turns a concurrent registration of the same email into a clean 409.
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:
        raise EmailTaken() from exc
    # Nobody is signed in yet: the new account is the actor of its own registration.
    actor = Actor(type=ActorType.user, id=str(user.id))
    vivarium = await create_vivarium(
        session,
        user,
        f"{data.display_name}'s vivarium",
        actor=actor,
        personal=True,
        time_zone=data.time_zone,
    )
    emit(
        session,
        UserRegistered(
            user_id=user.id,
            email=user.email,
            display_name=user.display_name,
            personal_vivarium_id=vivarium.id,
        ),
        actor=actor,
        vivarium_id=None,
    )
    await verification.send_verification(session, user)
    return user


@dataclass(frozen=True)
class SignedIn:
    user: User
    # The known device this sign-in came from, if any; its token is renewed with the same id.
    device_id: uuid.UUID | None


async def authenticate(
    session: AsyncSession,
    email: str,
    password: str,
    otp: str | None,
    *,
    ip_address: str,
    device_token: str | None = None,
) -> SignedIn:
    """Check the password (and the TOTP code when two-factor is on), throttled per attacker."""
    user = await repository.user_by_email(session, email)
    device = devices.known_device(device_token)
    device_id = device.device_id if device and user and device.user_id == user.id else None
    attempt = throttle.LoginAttempt(email=email, ip_address=ip_address, device_id=device_id)
    await throttle.check(attempt)
    if not verify_password(user.password_hash if user else None, password) or user is None:
        await throttle.failed(attempt)
        raise InvalidCredentials()
    if user.status is UserStatus.suspended:
        raise AccountSuspended()
    if user.totp_enabled:
        if not otp:
            raise TwoFactorRequired()
        if not await two_factor.verify_code(user.id, user.totp_secret, otp):
            await throttle.failed(attempt)
            raise InvalidTwoFactorCode()
    await throttle.succeeded(attempt)
    user.last_login_at = datetime.now(UTC)
    return SignedIn(user=user, device_id=device_id)
