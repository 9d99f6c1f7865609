"""The Ed25519 signing key (core only) and its public JWKS (everyone)."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

ALGORITHM = "EdDSA"


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def public_jwk(public_key: Ed25519PublicKey) -> dict[str, str]:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    jwk = {"crv": "Ed25519", "kty": "OKP", "x": _b64url(raw)}
    # RFC 7638 thumbprint: the kid changes exactly when the key does.
    thumbprint = hashlib.sha256(
        json.dumps(jwk, separators=(",", ":"), sort_keys=True).encode()
    ).digest()
    return {**jwk, "kid": _b64url(thumbprint)[:16], "alg": ALGORITHM, "use": "sig"}


@dataclass(frozen=True)
class SigningKey:
    private_key: Ed25519PrivateKey
    kid: str

    @property
    def jwk(self) -> dict[str, str]:
        return public_jwk(self.private_key.public_key())

    def jwks(self) -> dict[str, Any]:
        return {"keys": [self.jwk]}


def load_or_create_signing_key(path: Path, *, create: bool) -> SigningKey:
    """Read the PEM at `path`; in development, make one the first time."""
    if not path.exists():
        if not create:
            raise FileNotFoundError(f"JWT signing key not found at {path}")
        path.parent.mkdir(parents=True, exist_ok=True)
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        # Write-then-rename so two processes starting together never read half a key.
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pem)
        tmp.chmod(0o600)
        tmp.replace(path)
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} is not an Ed25519 private key")
    return SigningKey(private_key=key, kid=public_jwk(key.public_key())["kid"])
