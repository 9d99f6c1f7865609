"""The private PostgreSQL of `make run` is durable; `make test`'s is fast; each switches it.

A real server on a scratch data directory and a free port: started fast (as `make test`
leaves it), asked for durable (as `make run` does), then for fast again. The data written
before each switch is still there after it.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import psycopg
import pytest

from reptidex_common.settings import REPO_ROOT

DURABLE = {"fsync": "on", "synchronous_commit": "on", "full_page_writes": "on"}
FAST = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def devstack(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    """scripts/devstack.py pointed at a scratch data directory and port; stopped afterwards."""
    # Not under pytest's private tmp: the server runs as `postgres` when we are root.
    tmp_path = Path(tempfile.mkdtemp(prefix="reptidex-devstack-"))
    tmp_path.chmod(0o755)
    monkeypatch.setenv("REPTIDEX_PG_DIR", str(tmp_path / "postgres"))
    monkeypatch.setenv("REPTIDEX_PG_RUN", str(tmp_path / "run"))
    monkeypatch.setenv("REPTIDEX_PG_PORT", str(_free_port()))
    monkeypatch.delenv("DATABASE_URL")  # an external server would be left alone
    spec = importlib.util.spec_from_file_location("devstack", REPO_ROOT / "scripts" / "devstack.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    bindir = module.pg_bindir()
    assert bindir is not None, "PostgreSQL's server binaries are needed (apt: postgresql-15)"
    try:
        yield module
    finally:
        if (Path(os.environ["REPTIDEX_PG_DIR"]) / "postmaster.pid").exists():
            module.stop_debian_postgres(bindir)
        shutil.rmtree(tmp_path, ignore_errors=True)


def _write_and_read(url: str, value: str) -> list[str]:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS notes (body text)")
        conn.execute("INSERT INTO notes VALUES (%s)", (value,))
        return [row[0] for row in conn.execute("SELECT body FROM notes ORDER BY body")]


def test_make_run_gets_a_durable_server_and_make_test_a_fast_one(devstack: ModuleType) -> None:
    assert devstack.MODES == {"durable": DURABLE, "fast": FAST}
    devstack.start_debian_postgres(devstack.pg_bindir(), "fast")  # left by `make test`
    url = devstack.postgres_url("fast")
    assert devstack.running_settings(url) == FAST
    assert devstack.last_start_was_fast()  # so the switch flushes the OS cache first
    assert _write_and_read(url, "a") == ["a"]

    assert devstack.postgres_url("durable") == url  # `make run` next: restarted durable
    assert devstack.running_settings(url) == DURABLE
    assert not devstack.last_start_was_fast()
    assert _write_and_read(url, "b") == ["a", "b"]

    devstack.postgres_url("fast")  # `make test` again
    assert devstack.running_settings(url) == FAST
    assert _write_and_read(url, "c") == ["a", "b", "c"]


def test_a_fresh_server_starts_durable_by_default(devstack: ModuleType) -> None:
    url = devstack.postgres_url()
    assert devstack.running_settings(url) == DURABLE
