"""`make backup` and `make restore FILE=...` (scripts/backup.py) on a scratch database.

The database is migrated like the real one, holds a breeder's animal, is backed up, then
changed (the animal renamed, another added, a table emptied), restored, and found as it was.
"""

from __future__ import annotations

import importlib.util
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import psycopg
import pytest
from alembic import command

from reptidex_common.db.urls import libpq_url, with_database
from reptidex_common.settings import REPO_ROOT
from reptidex_common.testing.plugin import alembic_config
from reptidex_common.testing.scratch import fresh_database, scratch_database_name

SCRATCH = scratch_database_name("reptidex_backup_check")


@pytest.fixture
def backup_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("backup", REPO_ROOT / "scripts" / "backup.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def scratch_url() -> Iterator[str]:
    url = fresh_database(libpq_url(os.environ["DATABASE_URL"]), SCRATCH)
    command.upgrade(
        alembic_config(url.replace("postgresql://", "postgresql+psycopg://", 1)), "head"
    )
    try:
        yield url
    finally:
        admin = with_database(url, "postgres")
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {SCRATCH} WITH (FORCE)")


def _collection(url: str) -> list[tuple[str, str | None]]:
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT display_id, name FROM animal.animals ORDER BY display_id")
        return [(row[0], row[1]) for row in rows]


def _vivarium_with_animal(url: str) -> None:
    with psycopg.connect(url) as conn:
        plan = conn.execute("SELECT id FROM core.plans WHERE is_default").fetchone()
        species = conn.execute("SELECT id FROM animal.species LIMIT 1").fetchone()
        assert plan is not None
        assert species is not None
        vivarium = uuid.uuid4()
        conn.execute(
            "INSERT INTO core.vivariums (id, name, slug, plan_id) VALUES (%s, 'Keep', %s, %s)",
            (vivarium, f"keep-{vivarium.hex[:8]}", plan[0]),
        )
        conn.execute(
            "INSERT INTO animal.animals (id, vivarium_id, species_id, display_id, name) "
            "VALUES (%s, %s, %s, 'BP-001', 'Atlas')",
            (uuid.uuid4(), vivarium, species[0]),
        )


def test_backup_then_restore_brings_back_the_data_as_it_was(
    backup_script: ModuleType, scratch_url: str, tmp_path: Path
) -> None:
    _vivarium_with_animal(scratch_url)
    with psycopg.connect(scratch_url) as conn:
        species_count = conn.execute("SELECT count(*) FROM animal.species").fetchone()
    archive = backup_script.backup(scratch_url, tmp_path / "reptidex.dump")
    assert archive.stat().st_size > 0

    with psycopg.connect(scratch_url) as conn:
        conn.execute("UPDATE animal.animals SET name = 'Renamed'")
        conn.execute(
            "INSERT INTO animal.animals (id, vivarium_id, species_id, display_id) "
            "SELECT %s, vivarium_id, species_id, 'BP-002' FROM animal.animals LIMIT 1",
            (uuid.uuid4(),),
        )
        conn.execute("DELETE FROM animal.traits")
    assert _collection(scratch_url) == [("BP-001", "Renamed"), ("BP-002", None)]

    backup_script.restore(scratch_url, archive)
    assert _collection(scratch_url) == [("BP-001", "Atlas")]
    with psycopg.connect(scratch_url) as conn:
        assert conn.execute("SELECT count(*) FROM animal.species").fetchone() == species_count
        traits = conn.execute("SELECT count(*) FROM animal.traits").fetchone()
        assert traits is not None
        assert traits[0] > 0


def test_restoring_a_missing_file_changes_nothing(
    backup_script: ModuleType, scratch_url: str, tmp_path: Path
) -> None:
    _vivarium_with_animal(scratch_url)
    with pytest.raises(SystemExit, match="no backup at"):
        backup_script.restore(scratch_url, tmp_path / "missing.dump")
    assert _collection(scratch_url) == [("BP-001", "Atlas")]
