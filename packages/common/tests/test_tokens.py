from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from reptidex_common.auth.keys import SigningKey, public_jwk
from reptidex_common.auth.tokens import UnknownKeyId, decode_access_token, issue_access_token
from reptidex_common.errors import Unauthorized
from reptidex_common.models.enums import PlatformRole

ISSUER, AUDIENCE = "reptidex-core", "reptidex"


def _key() -> SigningKey:
    private = Ed25519PrivateKey.generate()
    return SigningKey(private_key=private, kid=public_jwk(private.public_key())["kid"])


def _token(key: SigningKey, **overrides: object) -> str:
    params: dict[str, object] = {
        "user_id": uuid.uuid4(),
        "platform_role": PlatformRole.user,
        "issuer": ISSUER,
        "audience": AUDIENCE,
        "ttl_seconds": 900,
    }
    params.update(overrides)
    return issue_access_token(key, **params)  # type: ignore[arg-type]


def test_a_token_round_trips_with_its_claims() -> None:
    key = _key()
    user_id = uuid.uuid4()
    token = _token(key, user_id=user_id, platform_role=PlatformRole.admin)
    claims = decode_access_token(token, key.jwks(), issuer=ISSUER, audience=AUDIENCE)
    assert claims.user_id == user_id
    assert claims.platform_role is PlatformRole.admin
    assert jwt.get_unverified_header(token)["kid"] == key.kid


@pytest.mark.parametrize(
    ("issuer", "audience"), [("someone-else", AUDIENCE), (ISSUER, "another-audience")]
)
def test_wrong_issuer_or_audience_is_rejected(issuer: str, audience: str) -> None:
    key = _key()
    token = _token(key, issuer=issuer, audience=audience)
    with pytest.raises(Unauthorized):
        decode_access_token(token, key.jwks(), issuer=ISSUER, audience=AUDIENCE)


def test_expired_token_says_so() -> None:
    key = _key()
    token = _token(key, now=datetime.now(UTC) - timedelta(hours=1))
    with pytest.raises(Unauthorized) as caught:
        decode_access_token(token, key.jwks(), issuer=ISSUER, audience=AUDIENCE)
    assert caught.value.type_slug == "token-expired"


def test_token_from_another_key_with_the_same_kid_fails_the_signature() -> None:
    real, forger = _key(), _key()
    forged = issue_access_token(
        SigningKey(private_key=forger.private_key, kid=real.kid),
        user_id=uuid.uuid4(),
        platform_role=PlatformRole.admin,
        issuer=ISSUER,
        audience=AUDIENCE,
        ttl_seconds=900,
    )
    with pytest.raises(Unauthorized):
        decode_access_token(forged, real.jwks(), issuer=ISSUER, audience=AUDIENCE)


def test_unknown_kid_asks_for_a_jwks_refresh() -> None:
    with pytest.raises(UnknownKeyId):
        decode_access_token(_token(_key()), _key().jwks(), issuer=ISSUER, audience=AUDIENCE)


def test_alg_none_and_hmac_tokens_are_refused() -> None:
    key = _key()
    claims = {
        "sub": str(uuid.uuid4()),
        "iss": ISSUER,
        "aud": AUDIENCE,
        "iat": 0,
        "exp": 9999999999,
        "typ": "access",
    }
    unsigned = jwt.encode(claims, None, algorithm="none", headers={"kid": key.kid})
    hmac = jwt.encode(
        claims, "a-public-value-used-as-secret-32b", algorithm="HS256", headers={"kid": key.kid}
    )
    for token in (unsigned, hmac):
        with pytest.raises(Unauthorized):
            decode_access_token(token, key.jwks(), issuer=ISSUER, audience=AUDIENCE)
