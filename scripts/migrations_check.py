"""Prove the migrations: on a fresh database upgrade to head, check the models match them,
downgrade to base, upgrade again and check again."""

from __future__ import annotations

import os
import sys

import psycopg
from alembic import command

from reptidex_common.db.urls import libpq_url, with_database
from reptidex_common.testing.plugin import alembic_config
from reptidex_common.testing.scratch import scratch_database_name

SCRATCH_DB = scratch_database_name("reptidex_migrations_check")


def main() -> int:
    server = os.environ["DATABASE_URL"]
    admin = libpq_url(with_database(server, "postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {SCRATCH_DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {SCRATCH_DB}")
    config = alembic_config(
        libpq_url(with_database(server, SCRATCH_DB)).replace(
            "postgresql://", "postgresql+psycopg://", 1
        )
    )
    try:
        command.upgrade(config, "head")
        command.check(config)
        command.downgrade(config, "base")
        command.upgrade(config, "head")
        command.check(config)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {SCRATCH_DB} WITH (FORCE)")
    print("migrations: upgrade, check, downgrade, upgrade, check: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
