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


def fresh_database(database_url: str, name: str) -> str:
    """Drop and create database `name` on the same server; its URL."""
    with psycopg.connect(
        libpq_url(with_database(database_url, "postgres")), autocommit=True
    ) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return with_database(database_url, name)
