"""Back up and restore the platform's database: `make backup`, `make restore FILE=...`.

A backup is one `pg_dump` archive (custom format: compressed, restorable table by table) of
the database in `DATABASE_URL`, by default `.data/backups/reptidex-<UTC time>.dump`. A restore
replaces every table the archive holds with the archived rows, in one transaction: it either
completes or leaves the database as it was. Stop `make run` first: a restore waits for every
open transaction on the tables it replaces.

Usage: backup.py backup [FILE] | backup.py restore FILE
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BACKUPS = ROOT / ".data" / "backups"


def tool(name: str) -> str:
    """The server's own version of pg_dump/pg_restore when installed, else the one on PATH."""
    for bindir in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(bindir) / name).exists():
            return str(Path(bindir) / name)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found; install the PostgreSQL client tools")
    return found


def libpq(url: str) -> str:
    """A SQLAlchemy URL (postgresql+asyncpg://...) as libpq reads it."""
    scheme, _, rest = url.partition("://")
    return f"postgresql://{rest}" if scheme.startswith("postgres") else url


def backup(url: str, file: Path | None = None) -> Path:
    target = file or BACKUPS / f"reptidex-{datetime.now(UTC):%Y%m%d-%H%M%S}.dump"
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [tool("pg_dump"), "--format=custom", "--no-owner", f"--file={target}", libpq(url)],
        check=True,
    )
    return target


def restore(url: str, file: Path) -> None:
    if not file.is_file():
        raise SystemExit(f"no backup at {file}")
    subprocess.run(
        [
            tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={libpq(url)}",
            str(file),
        ],
        check=True,
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["backup", "restore"])
    parser.add_argument("file", nargs="?", type=Path)
    args = parser.parse_args(argv)
    url = os.environ["DATABASE_URL"]
    if args.command == "backup":
        print(f"backed up to {backup(url, args.file)}")
    else:
        if args.file is None:
            parser.error("restore needs the backup file: make restore FILE=path/to/file.dump")
        restore(url, args.file)
        print(f"restored {args.file}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
