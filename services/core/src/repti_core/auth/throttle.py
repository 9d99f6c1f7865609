"""Sign-in throttling that slows an attacker without locking the owner out.

A fixed per-account limit would let anyone lock any account by typing wrong passwords. So
failures are counted where the attacker is, and each count grows its own delay:

- per account and IP address: a few free failures, then the wait doubles with each failure
  (1 s, 2 s, 4 s ... up to 15 minutes), forgotten an hour after the last one;
- per known device (a browser that signed in to the account before, see `devices`): the same
  back-off, counted for that device alone, and nothing else applies to it;
- per IP address: a fixed budget of attempts, against one address trying many accounts;
- per account, across addresses: only when failures come from many addresses (a distributed
  guess) do devices the account has never used slow down too.

The owner signing in from another address, or from a device they used before, is not held
back by failures elsewhere. While a delay runs the password is not checked at all, so waiting
is the only way forward.

The counts live in Redis, shared by every replica; while Redis is down they are kept in the
process instead (`reptidex_common.counters`), so signing in keeps working and stays throttled.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from reptidex_common.counters import CounterStore, with_counters
from reptidex_common.errors import RateLimited
from reptidex_common.ratelimit import RateLimit, enforce

FREE_FAILURES = 5
MAX_DELAY_SECONDS = 15 * 60
# A failure streak is forgotten this long after its last failure (or at once on success).
FAILURE_MEMORY_SECONDS = 60 * 60
# Failures on one account from this many addresses within FAILURE_MEMORY_SECONDS mean a
# distributed guess: devices the account has never used then back off as well.
DISTRIBUTED_ADDRESSES = 10

LOGIN_PER_IP = RateLimit("login-ip", limit=50, window_seconds=15 * 60)


@dataclass(frozen=True)
class LoginAttempt:
    email: str
    ip_address: str
    # Set when the browser presented a valid device token for this very account.
    device_id: uuid.UUID | None = None

    @property
    def streak_key(self) -> str:
        """Whose failures this attempt adds to: its known device, else its account and address."""
        if self.device_id is not None:
            return f"login:device:{self.device_id}"
        return f"login:account-ip:{self.email.lower()}:{self.ip_address}"

    @property
    def account_key(self) -> str:
        return f"login:account:{self.email.lower()}"


def backoff_seconds(failures: int) -> int:
    """The wait after `failures` failures in a row: none for the first few, then doubling."""
    if failures <= FREE_FAILURES:
        return 0
    return int(min(2 ** (failures - FREE_FAILURES - 1), MAX_DELAY_SECONDS))


async def _wait_left(store: CounterStore, key: str) -> int:
    return await store.seconds_left(f"{key}:wait")


async def check(attempt: LoginAttempt) -> None:
    """Before the password is looked at: 429 with Retry-After while a delay runs."""
    if attempt.device_id is None:
        await enforce(LOGIN_PER_IP, attempt.ip_address)
    wait = await with_counters(lambda store: _wait_left(store, attempt.streak_key))
    if wait:
        raise RateLimited(
            wait,
            f"Too many failed sign-ins to this account from here. Try again in {wait} seconds.",
        )
    if attempt.device_id is None:
        wait = await with_counters(lambda store: _wait_left(store, attempt.account_key))
        if wait:
            raise RateLimited(
                wait,
                "This account is seeing failed sign-ins from many places. Try again in "
                f"{wait} seconds, or sign in from a device you have used before.",
            )


async def _count_failure(store: CounterStore, attempt: LoginAttempt) -> None:
    failures = await store.hit_streak(f"{attempt.streak_key}:failures", FAILURE_MEMORY_SECONDS)
    wait = backoff_seconds(failures)
    if wait:
        await store.hold(f"{attempt.streak_key}:wait", wait)
    if attempt.device_id is not None:
        return
    addresses = await store.add_member(
        f"{attempt.account_key}:addresses", attempt.ip_address, FAILURE_MEMORY_SECONDS
    )
    spread = addresses - DISTRIBUTED_ADDRESSES + 1
    if spread > 0:
        await store.hold(
            f"{attempt.account_key}:wait", int(min(2 ** (spread - 1), MAX_DELAY_SECONDS))
        )


async def failed(attempt: LoginAttempt) -> None:
    await with_counters(lambda store: _count_failure(store, attempt))


async def succeeded(attempt: LoginAttempt) -> None:
    """The right password from here: this address's (or device's) streak is over."""
    keys = (f"{attempt.streak_key}:failures", f"{attempt.streak_key}:wait")
    await with_counters(lambda store: store.delete(*keys))
