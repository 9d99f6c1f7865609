"""One Redis client per process."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from redis.asyncio import Redis

from reptidex_common.settings import get_settings

_client: Redis | None = None


def get_redis() -> Redis:
    global _client
    if _client is None:
        _client = Redis.from_url(get_settings().redis_url, decode_responses=True)
    return _client


async def close_redis() -> None:
    global _client
    if _client is not None:
        await _client.aclose()
    _client = None


def with_redis_db(url: str, db: int) -> str:
    """The same Redis server, another numbered database (tests and fuzzing keep apart)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{db}", parts.query, parts.fragment))
