"""Access tokens: signed by core with EdDSA, verified everywhere with the public key only."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from jwt import PyJWK

from reptidex_common.auth.keys import ALGORITHM, SigningKey
from reptidex_common.errors import Unauthorized
from reptidex_common.models.enums import PlatformRole


@dataclass(frozen=True)
class AccessClaims:
    user_id: uuid.UUID
    platform_role: PlatformRole
    expires_at: datetime
    issued_at: datetime
    token_id: str
    # The login (refresh-token family) the token belongs to; ending that login ends the token.
    session_id: uuid.UUID | None = None


def issue_access_token(
    key: SigningKey,
    *,
    user_id: uuid.UUID,
    platform_role: PlatformRole,
    issuer: str,
    audience: str,
    ttl_seconds: int,
    session_id: uuid.UUID | None = None,
    now: datetime | None = None,
) -> str:
    issued = now or datetime.now(UTC)
    claims: dict[str, Any] = {
        "sub": str(user_id),
        "role": platform_role.value,
        "iss": issuer,
        "aud": audience,
        "iat": int(issued.timestamp()),
        "nbf": int(issued.timestamp()),
        "exp": int((issued + timedelta(seconds=ttl_seconds)).timestamp()),
        "jti": uuid.uuid4().hex,
        "typ": "access",
    }
    if session_id is not None:
        claims["sid"] = str(session_id)
    return jwt.encode(claims, key.private_key, algorithm=ALGORITHM, headers={"kid": key.kid})


def decode_access_token(
    token: str, jwks: dict[str, Any], *, issuer: str, audience: str
) -> AccessClaims:
    """Verify signature, algorithm, issuer, audience and expiry; any failure is a 401."""
    try:
        kid = jwt.get_unverified_header(token).get("kid")
        matching = [k for k in jwks.get("keys", []) if k.get("kid") == kid]
        if not matching:
            raise UnknownKeyId(str(kid))
        public_key = PyJWK(matching[0], algorithm=ALGORITHM).key
        # The algorithm list is pinned: a token can never choose "none" or HS256.
        payload = jwt.decode(
            token,
            public_key,
            algorithms=[ALGORITHM],
            issuer=issuer,
            audience=audience,
            options={"require": ["exp", "iat", "sub", "iss", "aud"]},
        )
        if payload.get("typ") != "access":
            raise Unauthorized("This is not an access token.")
        return AccessClaims(
            user_id=uuid.UUID(payload["sub"]),
            platform_role=PlatformRole(payload.get("role", "user")),
            expires_at=datetime.fromtimestamp(payload["exp"], UTC),
            issued_at=datetime.fromtimestamp(payload["iat"], UTC),
            token_id=str(payload.get("jti", "")),
            session_id=uuid.UUID(payload["sid"]) if payload.get("sid") else None,
        )
    except jwt.ExpiredSignatureError as exc:
        raise Unauthorized(
            "The access token has expired; refresh it.", type_slug="token-expired"
        ) from exc
    except (jwt.PyJWTError, ValueError, KeyError) as exc:
        raise Unauthorized("The access token is not valid.", type_slug="invalid-token") from exc


class VerifiedTokens:
    """Access tokens whose signature and claims were already checked against one JWKS.

    A token's bytes decide its claims, so a second check would give the same answer until it
    expires; only the expiry is checked again. Keyed by the JWKS too: new keys, new checks.
    """

    def __init__(self, max_entries: int = 50_000) -> None:
        self._max_entries = max_entries
        self._entries: dict[str, tuple[dict[str, Any], AccessClaims]] = {}

    def decode(
        self, token: str, jwks: dict[str, Any], *, issuer: str, audience: str
    ) -> AccessClaims:
        entry = self._entries.get(token)
        if entry is None or entry[0] is not jwks:
            claims = decode_access_token(token, jwks, issuer=issuer, audience=audience)
            if len(self._entries) >= self._max_entries:
                self._entries.clear()
            self._entries[token] = (jwks, claims)
            return claims
        claims = entry[1]
        if claims.expires_at <= datetime.now(UTC):
            del self._entries[token]
            raise Unauthorized(
                "The access token has expired; refresh it.", type_slug="token-expired"
            )
        return claims


class UnknownKeyId(Unauthorized):
    """The token names a key we have not seen: the JWKS may have rotated, so refetch once."""

    def __init__(self, kid: str) -> None:
        super().__init__(
            "The access token was signed with an unknown key.", type_slug="invalid-token"
        )
        self.kid = kid
