"""Services in processes of their own, with dependencies the test can take away.

The service reaches the test database through a `TcpFaultProxy` (and, where a test stops
Redis, a `PrivateRedis`), so stopping them never disturbs the shared servers. The service
commits for real, so these are `worker` tests: unique emails, and their users are deleted.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from reptidex_common.db.urls import libpq_url
from reptidex_common.testing.faults import PrivateRedis, ServiceProcess, TcpFaultProxy


def through_proxy(database_url: str, proxy: TcpFaultProxy) -> str:
    parts = urlsplit(database_url)
    netloc = parts.netloc.rsplit("@", 1)
    host = f"127.0.0.1:{proxy.port}"
    new_netloc = f"{netloc[0]}@{host}" if len(netloc) == 2 else host
    return urlunsplit(parts._replace(netloc=new_netloc))


@pytest.fixture
def database_proxy(migrated_database: str) -> Iterator[TcpFaultProxy]:
    parts = urlsplit(migrated_database)
    assert parts.hostname is not None
    assert parts.port is not None
    with TcpFaultProxy(parts.hostname, parts.port) as proxy:
        yield proxy


@pytest.fixture
def proxied_database_url(migrated_database: str, database_proxy: TcpFaultProxy) -> str:
    """The test database, reached through `database_proxy`."""
    return through_proxy(migrated_database, database_proxy)


@pytest.fixture
def private_redis() -> Iterator[PrivateRedis]:
    with PrivateRedis() as redis:
        yield redis


@pytest.fixture
def core_service(
    migrated_database: str, database_proxy: TcpFaultProxy
) -> Iterator[Callable[..., ServiceProcess]]:
    """Start repti-core on the test database through the proxy, with settings from `env`."""
    started: list[ServiceProcess] = []

    def start(**env: Any) -> ServiceProcess:
        settings = {"DATABASE_URL": through_proxy(migrated_database, database_proxy)}
        settings.update({name.upper(): str(value) for name, value in env.items()})
        service = ServiceProcess("core", settings).__enter__()
        started.append(service)
        return service

    yield start
    for service in started:
        service.__exit__()


@pytest.fixture
def emails(migrated_database: str) -> Iterator[Callable[[], str]]:
    """Fresh addresses; their accounts (and what core queued for them) are deleted afterwards."""
    made: list[str] = []

    def make() -> str:
        made.append(f"fault-{uuid.uuid4().hex[:12]}@example.com")
        return made[-1]

    yield make
    with psycopg.connect(libpq_url(migrated_database), autocommit=True) as conn:
        for email in made:
            conn.execute("DELETE FROM core.outbox_events WHERE payload->>'to' = %s", (email,))
            conn.execute(
                "DELETE FROM core.vivariums WHERE id IN (SELECT m.vivarium_id FROM "
                "core.memberships m JOIN core.users u ON u.id = m.user_id WHERE u.email = %s)",
                (email,),
            )
            conn.execute("DELETE FROM core.users WHERE email = %s", (email,))
