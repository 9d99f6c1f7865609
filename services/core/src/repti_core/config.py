"""repti-core settings and its signing key (core is the only service that holds one)."""

from __future__ import annotations

from functools import lru_cache

from reptidex_common.auth.keys import SigningKey, load_or_create_signing_key
from reptidex_common.settings import get_settings

SERVICE = "core"


@lru_cache
def get_signing_key() -> SigningKey:
    settings = get_settings()
    # Production mounts the key from Secrets Manager; only development may make its own.
    return load_or_create_signing_key(
        settings.private_key_path, create=settings.environment != "production"
    )
