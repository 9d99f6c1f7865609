"""Fixed-window rate limits kept in Redis, shared by every replica (in-process while Redis is
down, see `counters`)."""

from __future__ import annotations

from dataclasses import dataclass

from reptidex_common.counters import with_counters
from reptidex_common.errors import RateLimited


@dataclass(frozen=True)
class RateLimit:
    name: str
    limit: int
    window_seconds: int


def _key(rule: RateLimit, subject: str) -> str:
    return f"ratelimit:{rule.name}:{subject.lower()}"


async def enforce(rule: RateLimit, subject: str) -> None:
    """Count one attempt for `subject`; past the limit, 429 with the seconds left."""
    key = _key(rule, subject)
    count, ttl = await with_counters(lambda store: store.hit_window(key, rule.window_seconds))
    if count > rule.limit:
        raise RateLimited(retry_after=max(ttl, 1))


async def reset(rule: RateLimit, subject: str) -> None:
    key = _key(rule, subject)
    await with_counters(lambda store: store.delete(key))
