"""One Redis client per process, and whether Redis answers at the moment.

Requests never wait long on Redis: short socket timeouts, one immediate retry (a pooled
connection may have died with a restarted server), and after a failure the callers that have
an in-process fallback (`counters`) use it for `redis_retry_interval_seconds` before trying
Redis again. So an outage costs one fast failure per interval, and a returning Redis is used
again without a restart.
"""

from __future__ import annotations

import logging
import time
from urllib.parse import urlsplit, urlunsplit

from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from reptidex_common.settings import get_settings

logger = logging.getLogger(__name__)

# What a Redis outage raises: the client's own errors and bare socket errors.
REDIS_FAILURES: tuple[type[BaseException], ...] = (RedisError, OSError)

_client: Redis | None = None
# Monotonic time before which Redis is taken to be down (0: try it).
_down_until = 0.0


def get_redis() -> Redis:
    global _client
    if _client is None:
        settings = get_settings()
        _client = Redis.from_url(
            settings.redis_url,
            decode_responses=True,
            socket_timeout=settings.redis_socket_timeout_seconds,
            socket_connect_timeout=settings.redis_socket_timeout_seconds,
            retry=Retry(NoBackoff(), 1),
        )
    return _client


def redis_is_usable() -> bool:
    """False for a while after a failure; then True again, so the next call tries Redis."""
    return time.monotonic() >= _down_until


def mark_redis_down(exc: BaseException) -> None:
    global _down_until
    if redis_is_usable():
        logger.warning("redis unavailable, using in-process fallbacks", extra={"error": repr(exc)})
    _down_until = time.monotonic() + get_settings().redis_retry_interval_seconds


async def close_redis() -> None:
    global _client, _down_until
    if _client is not None:
        await _client.aclose()
    _client = None
    _down_until = 0.0


def with_redis_db(url: str, db: int) -> str:
    """The same Redis server, another numbered database (tests and fuzzing keep apart)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{db}", parts.query, parts.fragment))
