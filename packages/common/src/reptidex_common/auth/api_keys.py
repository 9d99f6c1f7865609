"""Opaque API keys: `rdx_` + random; only an HMAC of the key is stored."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from enum import StrEnum

KEY_PREFIX = "rdx_"


class ApiKeyScope(StrEnum):
    animals_read = "animals:read"
    animals_write = "animals:write"
    breeding_read = "breeding:read"
    breeding_write = "breeding:write"
    husbandry_read = "husbandry:read"
    husbandry_write = "husbandry:write"
    listings_read = "listings:read"
    listings_write = "listings:write"
    media_write = "media:write"
    webhooks_manage = "webhooks:manage"
    embed = "embed"


def generate_api_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def display_prefix(key: str) -> str:
    """What lists show so a user can tell keys apart without seeing the secret."""
    return key[: len(KEY_PREFIX) + 6]


def hash_api_key(key: str, pepper: str) -> str:
    return hmac.new(pepper.encode(), key.encode(), hashlib.sha256).hexdigest()


def hash_token(token: str) -> str:
    """Refresh and mailed tokens are long random strings: a plain SHA-256 is enough."""
    return hashlib.sha256(token.encode()).hexdigest()
