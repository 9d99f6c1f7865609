"""Expiring counters for rate limits and sign-in throttles: in Redis, or in-process while
Redis is down.

Redis shares the counts between replicas. When it does not answer, the same operations run on
an in-process store instead, so login, refresh and password reset keep working and stay
limited (per process rather than per fleet, which is the safe side of failing: never open,
never closed). Counts made during the outage stay local; once Redis answers again
(`reptidex_common.redis.redis_is_usable`), it is used again and they age out.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Protocol, TypeVar

from redis.asyncio import Redis

from reptidex_common.redis import REDIS_FAILURES, get_redis, mark_redis_down, redis_is_usable

T = TypeVar("T")


class CounterStore(Protocol):
    async def hit_window(self, key: str, window_seconds: int) -> tuple[int, int]:
        """Count one hit in a fixed window that starts with the first; (count, seconds left)."""
        ...

    async def hit_streak(self, key: str, memory_seconds: int) -> int:
        """Count one hit; the count is forgotten `memory_seconds` after the latest hit."""
        ...

    async def hold(self, key: str, seconds: int) -> None:
        """Set a marker that expires after `seconds`."""
        ...

    async def seconds_left(self, key: str) -> int:
        """Seconds until a marker (or count) expires; 0 when there is none."""
        ...

    async def add_member(self, key: str, member: str, memory_seconds: int) -> int:
        """Add `member` to a set forgotten `memory_seconds` after its latest addition; its size."""
        ...

    async def claim(self, key: str, seconds: int) -> bool:
        """True the first time `key` is claimed within `seconds`."""
        ...

    async def delete(self, *keys: str) -> None: ...


class RedisCounters:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis

    async def hit_window(self, key: str, window_seconds: int) -> tuple[int, int]:
        # SET NX starts the window once; INCR keeps its TTL.
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.set(key, 0, ex=window_seconds, nx=True)
            pipe.incr(key)
            pipe.ttl(key)
            _, count, ttl = await pipe.execute()
        return int(count), int(ttl)

    async def hit_streak(self, key: str, memory_seconds: int) -> int:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, memory_seconds)
            count, _ = await pipe.execute()
        return int(count)

    async def hold(self, key: str, seconds: int) -> None:
        await self.redis.set(key, 1, ex=seconds)

    async def seconds_left(self, key: str) -> int:
        ttl = int(await self.redis.ttl(key))
        return ttl if ttl > 0 else 0

    async def add_member(self, key: str, member: str, memory_seconds: int) -> int:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.sadd(key, member)
            pipe.expire(key, memory_seconds)
            pipe.scard(key)
            _, _, size = await pipe.execute()
        return int(size)

    async def claim(self, key: str, seconds: int) -> bool:
        return bool(await self.redis.set(key, 1, nx=True, ex=seconds))

    async def delete(self, *keys: str) -> None:
        await self.redis.delete(*keys)


# The in-process store sweeps out expired entries once it holds this many.
LOCAL_SWEEP_AT = 10_000


class LocalCounters:
    """The same operations on a dict, each entry with its own expiry (monotonic seconds)."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[int | set[str], float]] = {}

    def _live(self, key: str, now: float) -> int | set[str] | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        if entry[1] <= now:
            del self._entries[key]
            return None
        return entry[0]

    def _put(self, key: str, value: int | set[str], expires_at: float) -> None:
        if len(self._entries) >= LOCAL_SWEEP_AT:
            now = time.monotonic()
            self._entries = {k: v for k, v in self._entries.items() if v[1] > now}
        self._entries[key] = (value, expires_at)

    async def hit_window(self, key: str, window_seconds: int) -> tuple[int, int]:
        now = time.monotonic()
        count = self._live(key, now)
        if not isinstance(count, int):
            self._put(key, 1, now + window_seconds)
            return 1, window_seconds
        expires_at = self._entries[key][1]
        self._put(key, count + 1, expires_at)
        return count + 1, max(int(expires_at - now), 1)

    async def hit_streak(self, key: str, memory_seconds: int) -> int:
        now = time.monotonic()
        count = self._live(key, now)
        count = count + 1 if isinstance(count, int) else 1
        self._put(key, count, now + memory_seconds)
        return count

    async def hold(self, key: str, seconds: int) -> None:
        self._put(key, 1, time.monotonic() + seconds)

    async def seconds_left(self, key: str) -> int:
        now = time.monotonic()
        if self._live(key, now) is None:
            return 0
        return max(int(self._entries[key][1] - now), 1)

    async def add_member(self, key: str, member: str, memory_seconds: int) -> int:
        now = time.monotonic()
        members = self._live(key, now)
        members = members if isinstance(members, set) else set()
        members.add(member)
        self._put(key, members, now + memory_seconds)
        return len(members)

    async def claim(self, key: str, seconds: int) -> bool:
        now = time.monotonic()
        if self._live(key, now) is not None:
            return False
        self._put(key, 1, now + seconds)
        return True

    async def delete(self, *keys: str) -> None:
        for key in keys:
            self._entries.pop(key, None)


local_counters = LocalCounters()


async def with_counters(operation: Callable[[CounterStore], Awaitable[T]]) -> T:
    """Run `operation` on Redis; on the in-process store while Redis does not answer."""
    if redis_is_usable():
        try:
            return await operation(RedisCounters(get_redis()))
        except REDIS_FAILURES as exc:
            mark_redis_down(exc)
    return await operation(local_counters)
