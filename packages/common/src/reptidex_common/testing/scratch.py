"""A scratch copy of the platform's environment for scripts that start real servers
(schemathesis, the browser tests): the private stack's settings and an empty database."""

from __future__ import annotations

import os

import psycopg

from reptidex_common.db.urls import libpq_url, with_database
from reptidex_common.settings import REPO_ROOT


def stack_env() -> dict[str, str]:
    """This process's environment, completed by `.data/stack.env` (written by `make stack`)."""
    env = dict(os.environ)
    for line in (REPO_ROOT / ".data" / "stack.env").read_text().splitlines():
        key, _, value = line.partition("=")
        env.setdefault(key, value)
    return env


def test_slot() -> int:
    """`REPTIDEX_TEST_SLOT` separates runs that share one machine's servers (0 when unset)."""
    return int(os.environ.get("REPTIDEX_TEST_SLOT", "0"))


def scratch_database_name(base: str) -> str:
    """A scratch database of its own per test slot, so parallel runs never drop each other's."""
    slot = test_slot()
    return f"{base}_{slot}" if slot else base


def scratch_redis_db(offset: int) -> int:
    """Redis dbs 32-63 hold the scratch runs (`offset` 0 or 1), two per test slot."""
    return 32 + (2 * test_slot() + offset) % 32


def fresh_database(database_url: str, name: str) -> str:
    """Drop and create database `name` on the same server; its URL."""
    with psycopg.connect(
        libpq_url(with_database(database_url, "postgres")), autocommit=True
    ) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return with_database(database_url, name)
