"""Known devices: a browser that signed in to an account before.

At each successful sign-in the browser gets a device token (an HttpOnly cookie) signed by
core. Presented at the next sign-in to the same account, it lets the owner's own device past
the throttles an attacker elsewhere has run into; failures with it are throttled on their own.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt

from repti_core.auth.cookies import DEVICE_MAX_AGE_SECONDS
from repti_core.config import get_signing_key
from reptidex_common.auth.keys import ALGORITHM
from reptidex_common.settings import get_settings

DEVICE_TOKEN_TYPE = "device"  # noqa: S105 - the JWT "typ" claim, not a secret


def issue_device_token(user_id: uuid.UUID, device_id: uuid.UUID | None = None) -> str:
    """A new token for a device, or a renewed one keeping the device's id."""
    key = get_signing_key()
    now = datetime.now(UTC)
    claims = {
        "sub": str(user_id),
        "did": str(device_id or uuid.uuid4()),
        "iss": get_settings().jwt_issuer,
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(seconds=DEVICE_MAX_AGE_SECONDS)).timestamp()),
        "typ": DEVICE_TOKEN_TYPE,
    }
    return jwt.encode(claims, key.private_key, algorithm=ALGORITHM, headers={"kid": key.kid})


@dataclass(frozen=True)
class KnownDevice:
    user_id: uuid.UUID
    device_id: uuid.UUID


def known_device(token: str | None) -> KnownDevice | None:
    """Whose device a valid token names; None for a missing, forged or expired one."""
    if not token:
        return None
    key = get_signing_key()
    try:
        claims = jwt.decode(
            token,
            key.private_key.public_key(),
            algorithms=[ALGORITHM],
            issuer=get_settings().jwt_issuer,
            options={"require": ["exp", "sub", "did", "iss"]},
        )
        if claims.get("typ") != DEVICE_TOKEN_TYPE:
            return None
        return KnownDevice(user_id=uuid.UUID(claims["sub"]), device_id=uuid.UUID(claims["did"]))
    except (jwt.PyJWTError, ValueError, KeyError):
        return None
