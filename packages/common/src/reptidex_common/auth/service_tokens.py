"""Service identity: a service calling another presents a short-lived token naming itself.

Each service signs its own tokens with its own Ed25519 key and publishes the public half at
`/.well-known/service-jwks.json`; there is no secret shared between services. A token says
who calls (`sub`, and `iss` = `reptidex-service:<caller>`), whom it is for (`aud` =
`reptidex-service:<target>`), what it may do (`scope`) and, when the call is made for a user,
that user (`usr`), whose own rights are then what the target checks. The target also checks
the scopes against `SERVICE_GRANTS`: a service can never give itself more than it was granted.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import jwt
from jwt import PyJWK

from reptidex_common.auth.keys import ALGORITHM, SigningKey
from reptidex_common.errors import Forbidden, Unauthorized

SERVICE_TYP = "service"
# Short enough that a leaked token is worth little; callers cache one until near its end.
TOKEN_SECONDS = 300
ISSUER_PREFIX = "reptidex-service:"

# (caller, target) -> the scopes the caller may use there. A call that needs a scope nobody
# was granted fails with 403, so every new service-to-service call is a line here, reviewed.
SERVICE_GRANTS: Mapping[tuple[str, str], frozenset[str]] = {}


def service_audience(service: str) -> str:
    return f"{ISSUER_PREFIX}{service}"


@dataclass(frozen=True)
class ServiceClaims:
    service: str
    target: str
    scopes: frozenset[str]
    # The user the call is made for, if any: authorization checks this user's rights.
    user_id: uuid.UUID | None
    expires_at: float


def issue_service_token(
    key: SigningKey,
    *,
    caller: str,
    target: str,
    scopes: frozenset[str],
    user_id: uuid.UUID | None = None,
    now: float | None = None,
) -> str:
    issued = int(now if now is not None else time.time())
    claims: dict[str, Any] = {
        "iss": service_audience(caller),
        "sub": caller,
        "aud": service_audience(target),
        "scope": " ".join(sorted(scopes)),
        "iat": issued,
        "nbf": issued,
        "exp": issued + TOKEN_SECONDS,
        "jti": uuid.uuid4().hex,
        "typ": SERVICE_TYP,
    }
    if user_id is not None:
        claims["usr"] = str(user_id)
    return jwt.encode(claims, key.private_key, algorithm=ALGORITHM, headers={"kid": key.kid})


def claimed_caller(token: str) -> str:
    """The caller a token claims to be (unverified): which service's keys to check it with."""
    try:
        issuer = jwt.decode(token, options={"verify_signature": False}).get("iss", "")
    except jwt.PyJWTError as exc:
        raise Unauthorized("The service token is not valid.", type_slug="invalid-token") from exc
    if not isinstance(issuer, str) or not issuer.startswith(ISSUER_PREFIX):
        raise Unauthorized("This is not a service token.", type_slug="invalid-token")
    return issuer.removeprefix(ISSUER_PREFIX)


def is_service_token(token: str) -> bool:
    """Whether a bearer token claims to come from a service (unverified: only to route it)."""
    try:
        claimed_caller(token)
    except Unauthorized:
        return False
    return True


def decode_service_token(
    token: str, caller_jwks: dict[str, Any], *, caller: str, target: str
) -> ServiceClaims:
    """Verify signature (with the caller's own keys), issuer, audience, type and lifetime."""
    try:
        kid = jwt.get_unverified_header(token).get("kid")
        matching = [k for k in caller_jwks.get("keys", []) if k.get("kid") == kid]
        if not matching:
            raise Unauthorized("The service token's key is unknown.", type_slug="invalid-token")
        payload = jwt.decode(
            token,
            PyJWK(matching[0], algorithm=ALGORITHM).key,
            algorithms=[ALGORITHM],
            issuer=service_audience(caller),
            audience=service_audience(target),
            options={"require": ["exp", "iat", "sub", "iss", "aud"]},
        )
        if payload.get("typ") != SERVICE_TYP or payload["sub"] != caller:
            raise Unauthorized("This is not a service token.", type_slug="invalid-token")
        if payload["exp"] - payload["iat"] > TOKEN_SECONDS:
            raise Unauthorized("The service token lives too long.", type_slug="invalid-token")
        user = payload.get("usr")
        return ServiceClaims(
            service=caller,
            target=target,
            scopes=frozenset(str(payload.get("scope", "")).split()),
            user_id=uuid.UUID(user) if user else None,
            expires_at=float(payload["exp"]),
        )
    except jwt.ExpiredSignatureError as exc:
        raise Unauthorized("The service token has expired.", type_slug="token-expired") from exc
    except (jwt.PyJWTError, ValueError, KeyError) as exc:
        raise Unauthorized("The service token is not valid.", type_slug="invalid-token") from exc


def check_grant(
    claims: ServiceClaims,
    scope: str,
    grants: Mapping[tuple[str, str], frozenset[str]] | None = None,
) -> None:
    """403 unless the token carries `scope` and the caller was granted it on this target."""
    granted = (SERVICE_GRANTS if grants is None else grants).get(
        (claims.service, claims.target), frozenset()
    )
    if scope not in claims.scopes or scope not in granted:
        raise Forbidden(
            f"The service {claims.service} may not use '{scope}' here.", type_slug="missing-scope"
        )
