"""Which web pages may call the services with the user's cookies: CORS and CSRF agree on it."""

from __future__ import annotations

import re

from reptidex_common.settings import BaseServiceSettings

# In development any *.localhost page may call (e.g. /docs of one service logging in at core,
# or the browser tests' gateway on a free port); production lists its origins exactly.
DEV_ORIGIN_REGEX = r"^https?://([a-z0-9-]+\.)*localhost(:[0-9]+)?$"


def dev_origin_regex(settings: BaseServiceSettings) -> str | None:
    return DEV_ORIGIN_REGEX if settings.environment != "production" else None


def is_allowed_web_origin(origin: str | None, settings: BaseServiceSettings) -> bool:
    if not origin:
        return False
    if origin in settings.cors_origins:
        return True
    pattern = dev_origin_regex(settings)
    return pattern is not None and re.fullmatch(pattern, origin) is not None
