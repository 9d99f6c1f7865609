"""TOTP two-factor login: setup, enabling, disabling, and checking a code once."""

from __future__ import annotations

import hmac
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import pyotp

from repti_core.auth.exceptions import (
    TwoFactorAlreadyEnabled,
    TwoFactorNotEnabled,
    TwoFactorNotSetUp,
    WrongPassword,
    WrongTwoFactorCode,
)
from reptidex_common.auth.passwords import verify_password
from reptidex_common.counters import with_counters
from reptidex_common.models.core import User
from reptidex_common.ratelimit import RateLimit, enforce

ISSUER = "ReptiDex"
# Six digits fall to brute force without a limit; login has its own limits.
TWO_FACTOR_PER_ACCOUNT = RateLimit("two-factor-account", limit=10, window_seconds=15 * 60)
# Clock drift allowance: the previous, current and next 30-second step are accepted.
VALID_WINDOW = 1


@dataclass(frozen=True)
class TwoFactorSetup:
    secret: str
    provisioning_uri: str


def _matching_step(secret: str, otp: str, now: datetime) -> int | None:
    totp = pyotp.TOTP(secret)
    current = int(totp.timecode(now))
    for step in range(current - VALID_WINDOW, current + VALID_WINDOW + 1):
        if hmac.compare_digest(str(totp.generate_otp(step)), otp):
            return step
    return None


async def verify_code(user_id: uuid.UUID, secret: str | None, otp: str) -> bool:
    """True once per code: a code seen on the wire (or over a shoulder) cannot be replayed."""
    code = otp.strip().replace(" ", "")
    if not secret or not (code.isascii() and code.isdigit()):
        return False
    step = _matching_step(secret, code, datetime.now(UTC))
    if step is None:
        return False
    # The step stays acceptable for at most (2 * VALID_WINDOW + 1) * 30 s; remember it that long.
    # In-process while Redis is down (`counters`): a replay is then caught per process.
    key = f"totp-used:{user_id}:{step}"
    return await with_counters(lambda store: store.claim(key, 120))


def begin_setup(user: User) -> TwoFactorSetup:
    """Store a fresh secret; login keeps working without a code until `enable` proves the app has it."""
    if user.totp_enabled:
        raise TwoFactorAlreadyEnabled()
    secret = pyotp.random_base32()
    user.totp_secret = secret
    uri = str(pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER))
    return TwoFactorSetup(secret=secret, provisioning_uri=uri)


async def enable(user: User, otp: str) -> None:
    if user.totp_enabled:
        raise TwoFactorAlreadyEnabled()
    if not user.totp_secret:
        raise TwoFactorNotSetUp()
    await enforce(TWO_FACTOR_PER_ACCOUNT, str(user.id))
    if not await verify_code(user.id, user.totp_secret, otp):
        raise WrongTwoFactorCode()
    user.totp_enabled = True


async def disable(user: User, password: str, otp: str) -> None:
    """Both factors are needed, so a stolen session alone cannot weaken the account."""
    if not user.totp_enabled:
        raise TwoFactorNotEnabled()
    await enforce(TWO_FACTOR_PER_ACCOUNT, str(user.id))
    if not verify_password(user.password_hash, password):
        raise WrongPassword()
    if not await verify_code(user.id, user.totp_secret, otp):
        raise WrongTwoFactorCode()
    user.totp_enabled = False
    user.totp_secret = None
