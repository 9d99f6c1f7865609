"""Redis stops: signing in, refreshing and resetting a password keep working, still limited
(counted in the process), and Redis is used again as soon as it is back, without a restart."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable

import httpx
import psycopg
import pytest
from redis import Redis

from reptidex_common.db.urls import libpq_url
from reptidex_common.testing.faults import (
    PASSWORD,
    QUICK_SECONDS,
    PrivateRedis,
    ServiceProcess,
    sign_up,
)

pytestmark = pytest.mark.worker

NEW_PASSWORD = "Steadfast-python-2027"
RETRY_INTERVAL_SECONDS = 0.5


def _mailed_code(database_url: str, email: str, subject: str) -> str:
    with psycopg.connect(libpq_url(database_url)) as conn:
        row = conn.execute(
            "SELECT payload->>'text' FROM core.outbox_events "
            "WHERE payload->>'to' = %s AND payload->>'subject' = %s ORDER BY id DESC LIMIT 1",
            (email, subject),
        ).fetchone()
    assert row is not None, f"no mail {subject!r} for {email}"
    found = re.search(r"enter this code in the app: (\S+)", row[0])
    assert found is not None, row[0]
    return found.group(1)


async def test_without_redis_login_refresh_and_password_reset_keep_working(
    core_service: Callable[..., ServiceProcess],
    private_redis: PrivateRedis,
    migrated_database: str,
    emails: Callable[[], str],
) -> None:
    core = core_service(
        redis_url=private_redis.url, redis_retry_interval_seconds=RETRY_INTERVAL_SECONDS
    )
    email, stranger = emails(), emails()
    async with httpx.AsyncClient(base_url=core.url, timeout=60) as http:
        pair = await sign_up(http, email)
        with Redis.from_url(private_redis.url, decode_responses=True) as redis:
            counted_before = int(redis.get("ratelimit:login-ip:127.0.0.1") or 0)
        private_redis.stop()

        started = time.monotonic()
        login = await http.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
        assert login.status_code == 200, login.text
        assert time.monotonic() - started < QUICK_SECONDS
        refreshed = await http.post(
            "/api/v1/auth/refresh", json={"refresh_token": login.json()["refresh_token"]}
        )
        assert refreshed.status_code == 200, refreshed.text

        forgot = await http.post("/api/v1/auth/password/forgot", json={"email": email})
        assert forgot.status_code == 202, forgot.text
        code = _mailed_code(migrated_database, email, "Reset your ReptiDex password")
        reset = await http.post(
            "/api/v1/auth/password/reset", json={"token": code, "new_password": NEW_PASSWORD}
        )
        assert reset.status_code == 204, reset.text
        login = await http.post(
            "/api/v1/auth/login", json={"email": email, "password": NEW_PASSWORD}
        )
        assert login.status_code == 200, login.text
        # The reset ended the sessions from before it, outage or not.
        stale = await http.post(
            "/api/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]}
        )
        assert stale.status_code == 401, stale.text

        # Not failing open: wrong passwords are still slowed down, counted in the process.
        statuses = []
        for _ in range(8):
            wrong = await http.post(
                "/api/v1/auth/login", json={"email": stranger, "password": "Wrong-guess-2026"}
            )
            statuses.append(wrong.status_code)
            if wrong.status_code == 429:
                assert int(wrong.headers["retry-after"]) >= 1
                break
        assert statuses[-1] == 429, statuses
        assert set(statuses[:-1]) == {401}, statuses

        # Redis is back on the same address: the same process counts there again.
        private_redis.start()
        await asyncio.sleep(RETRY_INTERVAL_SECONDS * 2)
        login = await http.post(
            "/api/v1/auth/login", json={"email": email, "password": NEW_PASSWORD}
        )
        assert login.status_code == 200, login.text
    with Redis.from_url(private_redis.url, decode_responses=True) as redis:
        # Redis kept what it had counted before it crashed, and counts the login after it.
        assert redis.get("ratelimit:login-ip:127.0.0.1") == str(counted_before + 1)
    assert core.process is not None
    assert core.process.poll() is None
