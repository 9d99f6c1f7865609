"""`run_all.py` keeps the platform up, end to end with real processes, PostgreSQL and Redis:
`kill -9` of a worker's main process while it runs an import, and Ctrl-C while it runs one.

The import is held mid-way by the lineage lock that every write of parentage takes (held here
on another connection), so the worker is known to be running it when it is killed or stopped.
"""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
import redis

from reptidex_common.db.urls import libpq_url
from reptidex_common.settings import REPO_ROOT, get_settings
from reptidex_common.testing.ports import free_platform_port_base
from reptidex_gateway.config import SERVICE_HOSTS

pytestmark = pytest.mark.worker
STARTUP_SECONDS = 180
PASSWORD = "Sturdy-gecko-2026"
# Short, so that the redelivery of a dead worker's task is seen within the test.
VISIBILITY_TIMEOUT_SECONDS = 30
# Five ball pythons: a pair and three of their young.
CSV = (
    "display_id,name,species,sex,hatch_date,sire,dam,genotype\n"
    "S1,,BP,male,2019-01-01,,,\nD1,,BP,female,2019-02-01,,,\n"
    + "".join(f"K{n},,BP,female,2023-05-01,S1,D1,\n" for n in range(3))
)


def _processes() -> dict[int, tuple[int, int, str]]:
    """pid -> (ppid, process group, command line) of every live process."""
    found = {}
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            stat = (proc / "stat").read_text()
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if fields[0] != "Z":
            found[int(proc.name)] = (int(fields[1]), int(fields[2]), cmdline)
    return found


@dataclass
class Platform:
    process: subprocess.Popen[bytes]
    base: int
    lines: list[str]

    def children(self) -> dict[int, str]:
        """run_all's direct children: pid -> command line."""
        return {
            pid: cmd for pid, (ppid, _, cmd) in _processes().items() if ppid == self.process.pid
        }

    def pid_of(self, needle: str) -> int:
        matches = [pid for pid, cmd in self.children().items() if needle in cmd]
        assert len(matches) == 1, (needle, matches)
        return matches[0]

    def beats(self) -> dict[str, int]:
        """Beat processes of the platform's services, anywhere on the machine, by service."""
        counts = dict.fromkeys(SERVICE_HOSTS, 0)
        for _, _, cmd in _processes().values():
            for service in SERVICE_HOSTS:
                if f"repti_{service}.worker beat" in cmd and self.data_dir in cmd:
                    counts[service] += 1
        return counts

    @property
    def data_dir(self) -> str:
        return str(get_settings().data_dir)

    def wait_for(self, text: str, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if any(text in line for line in self.lines):
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.5)
        pytest.fail(f"never saw {text!r}; last output:\n{''.join(self.lines[-40:])}")


@pytest.fixture
def platform(migrated_database: str, one_platform_at_a_time: None) -> Iterator[Platform]:
    base = free_platform_port_base()
    env = {
        **os.environ,
        "REPTIDEX_PORT_BASE": str(base),
        "REPTIDEX_STARTUP_TIMEOUT_SECONDS": str(STARTUP_SECONDS - 10),
        "LOG_LEVEL": "WARNING",
        "TASK_VISIBILITY_TIMEOUT_SECONDS": str(VISIBILITY_TIMEOUT_SECONDS),
    }
    process = subprocess.Popen(
        [sys.executable, str(REPO_ROOT / "scripts" / "run_all.py")],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    lines: list[str] = []

    def pump() -> None:
        assert process.stdout is not None
        for raw in process.stdout:
            lines.append(raw.decode(errors="replace"))

    threading.Thread(target=pump, daemon=True).start()
    running = Platform(process, base, lines)
    try:
        running.wait_for("ReptiDex is running", STARTUP_SECONDS)
        yield running
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def _db() -> psycopg.Connection[tuple[Any, ...]]:
    return psycopg.connect(libpq_url(get_settings().database_url), autocommit=True)


@dataclass
class Breeder:
    email: str
    vivarium_id: str
    headers: dict[str, str]


@pytest.fixture
def breeder(platform: Platform) -> Iterator[Breeder]:
    email = f"stays-up-{uuid.uuid4().hex[:8]}@example.com"
    core = f"http://127.0.0.1:{platform.base + 1}"
    with httpx.Client(base_url=core, timeout=15) as client:
        registered = client.post(
            "/api/v1/auth/register",
            json={"email": email, "password": PASSWORD, "display_name": "Stays up"},
        )
        assert registered.status_code == 201, registered.text
        tokens = client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
        assert tokens.status_code == 200, tokens.text
    with _db() as conn:
        row = conn.execute(
            "SELECT m.vivarium_id FROM core.memberships m JOIN core.users u ON u.id = m.user_id "
            "WHERE u.email = %s",
            (email,),
        ).fetchone()
    assert row is not None
    headers = {"Authorization": f"Bearer {tokens.json()['access_token']}"}
    try:
        yield Breeder(email, str(row[0]), headers)
    finally:
        with _db() as conn:
            vivarium = row[0]
            conn.execute(
                "DELETE FROM animal.outbox_events WHERE payload->>'job_id' IN "
                "(SELECT id::text FROM animal.import_jobs WHERE vivarium_id = %s)",
                (vivarium,),
            )
            conn.execute(
                "DELETE FROM animal.outbox_events WHERE payload->>'animal_id' IN "
                "(SELECT id::text FROM animal.animals WHERE vivarium_id = %s)",
                (vivarium,),
            )
            conn.execute(
                "UPDATE animal.animals SET sire_id = NULL, dam_id = NULL WHERE vivarium_id = %s",
                (vivarium,),
            )
            for delete in (
                "DELETE FROM animal.import_jobs WHERE vivarium_id = %s",
                "DELETE FROM animal.animals WHERE vivarium_id = %s",
                "DELETE FROM animal.display_id_counters WHERE vivarium_id = %s",
            ):
                conn.execute(delete, (vivarium,))
            conn.execute("DELETE FROM core.vivariums WHERE id = %s", (vivarium,))
            conn.execute("DELETE FROM core.users WHERE email = %s", (email,))


class LineageLock:
    """The ball pythons' lineage lock, which an import linking parents takes, held on a
    connection of our own (as another breeder's write of a parent would)."""

    def __init__(self) -> None:
        self.conn = _db()
        row = self.conn.execute("SELECT id FROM animal.species WHERE code_prefix = 'BP'").fetchone()
        assert row is not None
        self.key = f"animal.lineage:{row[0]}"

    def __enter__(self) -> LineageLock:
        self.conn.execute("SELECT pg_advisory_lock(hashtextextended(%s, 0))", (self.key,))
        return self

    def __exit__(self, *_: object) -> None:
        self.release()

    def release(self) -> None:
        if not self.conn.closed:
            self.conn.execute("SELECT pg_advisory_unlock(hashtextextended(%s, 0))", (self.key,))
            self.conn.close()


def _queue_import(platform: Platform, breeder: Breeder) -> str:
    animal = f"http://127.0.0.1:{platform.base + 2}"
    response = httpx.post(
        f"{animal}/api/v1/vivariums/{breeder.vivarium_id}/animals/import?dry_run=false",
        content=CSV.encode(),
        headers={**breeder.headers, "Content-Type": "text/csv"},
        timeout=15,
    )
    assert response.status_code == 202, response.text
    return str(response.json()["id"])


def _job(job_id: str) -> tuple[str, int]:
    """The job's status and how many animals its vivarium has."""
    with _db() as conn:
        row = conn.execute(
            "SELECT status::text, (SELECT count(*) FROM animal.animals a "
            "WHERE a.vivarium_id = j.vivarium_id) FROM animal.import_jobs j WHERE id = %s",
            (job_id,),
        ).fetchone()
    assert row is not None
    return str(row[0]), int(row[1])


def _wait_for_status(job_id: str, status: str, seconds: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if _job(job_id)[0] == status:
            return time.monotonic() - started
        time.sleep(0.2)
    pytest.fail(f"job {job_id} was {_job(job_id)[0]!r}, not {status!r}, after {seconds} s")


def _relay_ticks(seconds: float) -> dict[str, list[float]]:
    """When each service's outbox relay (beat's two-second schedule) was sent to its queue,
    watched on this platform's Redis database for `seconds`."""
    url = get_settings().redis_url
    sent: dict[str, list[float]] = {service: [] for service in SERVICE_HOSTS}
    client = redis.Redis.from_url(url, socket_timeout=1)
    db = client.connection_pool.connection_kwargs.get("db", 0)
    deadline = time.monotonic() + seconds
    with client.monitor() as monitor:  # type: ignore[no-untyped-call]  # redis-py leaves it untyped
        while time.monotonic() < deadline:
            try:
                command = monitor.next_command()
            except redis.TimeoutError:
                continue
            if command["db"] != db or not command["command"].lower().startswith("lpush"):
                continue
            for service in SERVICE_HOSTS:
                if f"{service}.outbox.relay" in command["command"]:
                    sent[service].append(float(command["time"]))
    client.close()
    return sent


class Availability:
    """Asks every service through the gateway, over and over, and keeps the failures."""

    def __init__(self, platform: Platform) -> None:
        self.gateway = f"http://127.0.0.1:{platform.base}"
        self.failures: list[str] = []
        self.answered = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._ask, daemon=True)

    def _ask(self) -> None:
        with httpx.Client(base_url=self.gateway, timeout=5) as client:
            while not self._stop.is_set():
                for host in SERVICE_HOSTS.values():
                    try:
                        status = client.get("/api/v1/health/ready", headers={"Host": host})
                        if status.status_code == 200:
                            self.answered += 1
                        else:
                            self.failures.append(f"{host}: {status.status_code}")
                    except httpx.HTTPError as exc:
                        self.failures.append(f"{host}: {exc!r}")
                time.sleep(0.1)

    def __enter__(self) -> Availability:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(10)


def test_a_killed_worker_is_back_in_seconds_alone_with_one_beat_and_its_task_redelivered(
    platform: Platform, breeder: Breeder
) -> None:
    assert platform.beats() == dict.fromkeys(SERVICE_HOSTS, 1)
    beat_pids = {pid for pid, cmd in platform.children().items() if " beat " in cmd}
    with LineageLock() as lock:
        job_id = _queue_import(platform, breeder)
        _wait_for_status(job_id, "running", 30)  # the animal worker holds the task
        worker = platform.pid_of("repti_animal.worker worker")
        group = [pid for pid, (_, pgid, _) in _processes().items() if pgid == worker]
        assert len(group) >= 2  # the main process and its pool child running the import

        with Availability(platform) as availability:
            killed_at = time.monotonic()
            os.kill(worker, signal.SIGKILL)
            deadline = killed_at + 15
            while time.monotonic() < deadline:
                restarted = [
                    p for p, c in platform.children().items() if "animal.worker worker" in c
                ]
                if restarted and restarted[0] != worker:
                    break
                time.sleep(0.2)
            back_after = time.monotonic() - killed_at
            assert restarted, "the worker was not restarted"
            assert restarted[0] != worker
            assert back_after < 15
            time.sleep(3)  # the APIs kept answering while the worker came back
        assert availability.failures == []
        assert availability.answered > 0

        # Nothing of the dead worker is left: not its pool child, not anything it forked.
        assert [pid for pid, (_, pgid, _) in _processes().items() if pgid == worker] == []
        assert [pid for pid in group if pid in _processes()] == []
        # Beat was never the worker's: still exactly one per service, the same processes.
        assert platform.beats() == dict.fromkeys(SERVICE_HOSTS, 1)
        assert {pid for pid, cmd in platform.children().items() if " beat " in cmd} == beat_pids
        # Each schedule ticks once: the relay goes out every two seconds, never twice at once
        # (two schedulers sent it twice, milliseconds apart).
        for service, times in _relay_ticks(7).items():
            gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
            assert len(times) >= 2, (service, times)
            assert min(gaps) > 1.0, (service, gaps)
        # The import was cut short with its transaction: nothing written, the job not done.
        assert _job(job_id) == ("running", 0)
        lock.release()

    # Redis hands the dead worker's task out again once the visibility timeout passed (counted
    # from its first delivery), and the restarted worker runs it to the end, once.
    # (The margin allows for a worker slowed by the rest of the suite on two cores.)
    _wait_for_status(job_id, "succeeded", VISIBILITY_TIMEOUT_SECONDS + 60)
    assert time.monotonic() - killed_at < VISIBILITY_TIMEOUT_SECONDS + 60
    assert _job(job_id) == ("succeeded", 5)

    # A scheduler that crashes comes back too, and alone.
    beat = platform.pid_of("repti_animal.worker beat")
    os.kill(beat, signal.SIGKILL)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        beats = [p for p, c in platform.children().items() if "repti_animal.worker beat" in c]
        if beats and beats[0] != beat:
            break
        time.sleep(0.2)
    assert beats, "the beat was not restarted"
    assert beats[0] != beat
    assert platform.beats() == dict.fromkeys(SERVICE_HOSTS, 1)


def test_ctrl_c_lets_a_running_task_finish_then_stops_everything(
    platform: Platform, breeder: Breeder
) -> None:
    groups = set(platform.children())
    with LineageLock() as lock:
        job_id = _queue_import(platform, breeder)
        _wait_for_status(job_id, "running", 30)
        platform.process.send_signal(signal.SIGTERM)
        time.sleep(2)  # the worker is told to stop while the import still waits
        assert _job(job_id) == ("running", 0)
        lock.release()

    assert platform.process.wait(timeout=60) == 0
    # The worker finished the import it was running before it stopped.
    assert _job(job_id) == ("succeeded", 5)
    left = [pid for pid, (_, pgid, _) in _processes().items() if pgid in groups]
    assert left == [], "processes outlived the stop"
