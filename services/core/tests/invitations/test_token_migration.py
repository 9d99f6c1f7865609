"""The migration that stores invitation tokens hashed keeps the links already emailed working."""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from alembic import command

from reptidex_common.auth.api_keys import hash_token
from reptidex_common.db.urls import libpq_url
from reptidex_common.testing.plugin import alembic_config
from reptidex_common.testing.scratch import fresh_database

BEFORE = "5e1d7c0a9b21"
REVISION = "20261203_0130"


@pytest.fixture
def scratch_url() -> Iterator[str]:
    name = f"reptidex_invitation_hashes_{os.environ.get('REPTIDEX_TEST_SLOT', '0')}"
    url = fresh_database(os.environ["REPTIDEX_ADMIN_DATABASE_URL"], name)
    try:
        yield libpq_url(url)
    finally:
        admin = libpq_url(os.environ["REPTIDEX_ADMIN_DATABASE_URL"])
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_existing_tokens_are_hashed_in_place_and_vivariums_default_to_utc(
    scratch_url: str,
) -> None:
    config = alembic_config(scratch_url.replace("postgresql://", "postgresql+psycopg://", 1))
    command.upgrade(config, BEFORE)
    user_id, vivarium_id = uuid.uuid4(), uuid.uuid4()
    with psycopg.connect(scratch_url, autocommit=True) as conn:
        conn.execute(
            "INSERT INTO core.users (id, email, password_hash, display_name)"
            " VALUES (%s, 'owner@example.com', 'x', 'Owner')",
            (user_id,),
        )
        conn.execute(
            "INSERT INTO core.vivariums (id, name, slug, plan_id)"
            " SELECT %s, 'Old', 'old', id FROM core.plans WHERE is_default",
            (vivarium_id,),
        )
        conn.execute(
            "INSERT INTO core.invitations"
            " (id, vivarium_id, email, role, token, invited_by_id, expires_at)"
            " VALUES (%s, %s, 'guest@example.com', 'curator', 'emailed-token-é', %s,"
            " now() + interval '7 days')",
            (uuid.uuid4(), vivarium_id, user_id),
        )

    command.upgrade(config, REVISION)
    with psycopg.connect(scratch_url) as conn:
        stored = conn.execute("SELECT token_hash FROM core.invitations").fetchone()
        zone = conn.execute("SELECT time_zone FROM core.vivariums").fetchone()
    assert stored is not None
    assert zone is not None
    # Exactly what the service computes from the emailed link, so the link still opens it.
    assert stored[0] == hash_token("emailed-token-é")
    assert stored[0] == hashlib.sha256("emailed-token-é".encode()).hexdigest()
    assert zone[0] == "UTC"

    command.downgrade(config, BEFORE)
    with psycopg.connect(scratch_url) as conn:
        columns = {
            row[0]
            for row in conn.execute(
                "SELECT column_name FROM information_schema.columns"
                " WHERE table_schema = 'core' AND table_name IN ('invitations', 'vivariums')"
            )
        }
    assert "token" in columns
    assert not {"token_hash", "time_zone"} & columns
