"""`python -m bench.overload`: one service driven above its capacity at a fixed arrival rate.

Starts repti-core (for its JWKS) and repti-animal with ONE uvicorn worker (admission control
is per process, so one process is the unit measured), with the production defaults of the
overload settings. A short closed-loop probe measures what the process serves per second;
then the open-model generator of bench/loadgen.py offers `--factor` times that (default 2x)
for `--duration` seconds. Reported: the share answered 503, the p50/p95 of the requests served
(from their scheduled start, so queueing counts), how fast the 503s came back, and anything
that was neither 200 nor 503 (there should be nothing: no 500, no timeout).

Runs against the benchmark database (BENCH_DATABASE_URL, default reptidex_bench; only read,
never written) or, with --scratch, a small scratch database seeded for the run and dropped
after it. `--write` records the table in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from starlette.types import Message, Receive, Scope, Send

from bench import seed
from bench.loadgen import RawHttpPool, Result, run_open_model, wait_until_healthy
from bench.servers import free_port, start
from reptidex_common.admission import AdmissionControlMiddleware
from reptidex_common.auth.keys import load_or_create_signing_key
from reptidex_common.auth.tokens import issue_access_token
from reptidex_common.db.urls import libpq_url, with_database
from reptidex_common.models.enums import PlatformRole
from reptidex_common.redis import with_redis_db
from reptidex_common.settings import BaseServiceSettings
from reptidex_common.testing.scratch import scratch_database_name, scratch_redis_db, stack_env

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "docs" / "benchmarks.md"
SAMPLES = 200
PROBE_CLIENTS = 16
PROBE_SECONDS = 4.0
# The scratch database: 20 breeders with a closed line of 200 animals over 10 generations.
SCRATCH_SIZE = {"vivariums": 20, "per_line": 200, "generations": 10}

PATHS = {
    "list": lambda vivarium_id, animal_id: f"/api/v1/animals?vivarium_id={vivarium_id}&limit=50",
    "one": lambda vivarium_id, animal_id: f"/api/v1/animals/{animal_id}",
}
TITLES = {"list": "animal list (50 per page)", "one": "one animal"}

TABLE_HEADER = (
    "| scenario | capacity req/s | offered req/s | requests | 503 share | served p50 ms "
    "| served p95 ms | 503 p95 ms | other |\n|---|---|---|---|---|---|---|---|---|"
)


@dataclass
class OverloadResult:
    scenario: str
    capacity: float
    open_model: Result
    # Seconds from sending to the full answer, by status (the 503s' speed is the point).
    answer_seconds: dict[int, list[float]] = field(default_factory=dict)
    # Requests re-sent after a reset on a connection the server had closed as idle.
    resent: int = 0

    @property
    def requests(self) -> int:
        return sum(self.open_model.statuses.values()) + sum(self.open_model.failures.values())

    @property
    def shed_share(self) -> float:
        return self.open_model.statuses.get(503, 0) / max(self.requests, 1)

    @property
    def other(self) -> int:
        """Answers that were neither served nor shed (errors, timeouts, dropped connections)."""
        return (
            self.requests
            - self.open_model.statuses.get(200, 0)
            - self.open_model.statuses.get(503, 0)
        )

    def shed_p95_ms(self) -> float:
        shed = sorted(self.answer_seconds.get(503, []))
        if not shed:
            return float("nan")
        return shed[min(len(shed) - 1, round(0.95 * len(shed)) - 1)] * 1000

    def row(self) -> str:
        served = self.open_model
        return (
            f"| {self.scenario}, above capacity | {self.capacity:.0f} | {served.rate:.0f} | "
            f"{self.requests} | {self.shed_share:.0%} | {served.percentile(50):.1f} | "
            f"{served.percentile(95):.1f} | {self.shed_p95_ms():.1f} | {self.other} |"
        )


def prepared_requests(url: str, settings: BaseServiceSettings, scenario: str) -> list[bytes]:
    """One request per sampled animal, each with a token of a member of its vivarium."""
    key = load_or_create_signing_key(settings.private_key_path, create=True)
    with psycopg.connect(libpq_url(url)) as conn:
        rows = conn.execute(
            """
            SELECT a.vivarium_id, a.id, m.user_id
            FROM animal.animals a JOIN core.memberships m ON m.vivarium_id = a.vivarium_id
            ORDER BY md5(a.id::text) LIMIT %s
            """,
            (SAMPLES,),
        ).fetchall()
    if not rows:
        raise SystemExit(f"no animals in {url}: seed it, or run with --scratch")
    prepared = []
    for vivarium_id, animal_id, user_id in rows:
        token = issue_access_token(
            key,
            user_id=user_id,
            platform_role=PlatformRole.user,
            issuer=settings.jwt_issuer,
            audience=settings.jwt_audience,
            ttl_seconds=3600,
        )
        path = PATHS[scenario](vivarium_id, animal_id)
        prepared.append(RawHttpPool.build("GET", path, {"Authorization": f"Bearer {token}"}))
    return prepared


async def probe_capacity(port: int, prepared: list[bytes]) -> float:
    """Requests served per second by a closed loop of clients that each wait for their answer."""
    pool = RawHttpPool("127.0.0.1", port)
    rng = random.Random("probe")
    served = 0
    deadline = time.monotonic() + PROBE_SECONDS

    async def client() -> None:
        nonlocal served
        while time.monotonic() < deadline:
            if await pool.send(prepared[rng.randrange(len(prepared))]) == 200:
                served += 1

    try:
        for _ in range(2):  # warm-up first, then measured
            served = 0
            deadline = time.monotonic() + PROBE_SECONDS
            await asyncio.gather(*(client() for _ in range(PROBE_CLIENTS)))
    finally:
        await pool.close()
    return served / PROBE_SECONDS


async def drive(
    port: int, prepared: list[bytes], scenario: str, rate: float, capacity: float, duration: float
) -> OverloadResult:
    pool = RawHttpPool("127.0.0.1", port)
    rng = random.Random(scenario)
    answers: dict[int, list[float]] = {}

    stale = 0

    async def request(index: int) -> int:
        nonlocal stale
        raw = prepared[rng.randrange(len(prepared))]
        started = time.perf_counter()
        try:
            status = await pool.send(raw)
        except ConnectionResetError:
            # A kept-alive connection the server closed as idle can answer with a reset
            # instead of an end of file; the generator only recognises the latter. Once more,
            # on another connection (a GET, so sending it twice is harmless).
            stale += 1
            status = await pool.send(raw)
        answers.setdefault(status, []).append(time.perf_counter() - started)
        return status

    try:
        result = await run_open_model(TITLES[scenario], request, rate=rate, duration=duration)
    finally:
        await pool.close()
    return OverloadResult(TITLES[scenario], capacity, result, answers, stale)


def measure(
    url: str,
    *,
    scenario: str = "list",
    factor: float = 2.0,
    rate: float | None = None,
    duration: float = 15.0,
) -> OverloadResult:
    """Start the servers on `url`, find the capacity, drive past it; the servers are stopped."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        REDIS_URL=with_redis_db(env["REDIS_URL"], scratch_redis_db(1)),
        DATA_DIR=tempfile.mkdtemp(prefix="reptidex-bench-overload-"),
        LOG_LEVEL="WARNING",
    )
    core_port, animal_port = free_port(), free_port()
    env["JWKS_URL"] = f"http://127.0.0.1:{core_port}/.well-known/jwks.json"
    settings = BaseServiceSettings(_env_file=None, database_url=url, data_dir=Path(env["DATA_DIR"]))
    prepared = prepared_requests(url, settings, scenario)
    servers = [start("repti_core", core_port, env), start("repti_animal", animal_port, env)]
    try:
        wait_until_healthy(f"http://127.0.0.1:{core_port}/api/v1/health", 180)
        wait_until_healthy(f"http://127.0.0.1:{animal_port}/api/v1/health", 180)
        capacity = asyncio.run(probe_capacity(animal_port, prepared))
        offered = rate or max(capacity * factor, 10.0)
        return asyncio.run(drive(animal_port, prepared, scenario, offered, capacity, duration))
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)


async def _admission_cost(calls: int) -> tuple[float, float]:
    """Seconds per call of a do-nothing ASGI app, bare and behind admission control."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        return None

    guarded = AdmissionControlMiddleware(
        app, service="bench", max_concurrent=20, max_queued=40, max_queue_wait_seconds=1.0,
        retry_after_seconds=2,
    )  # fmt: skip
    scope: Scope = {"type": "http", "path": "/api/v1/animals", "method": "GET"}

    async def receive() -> Message:
        return {"type": "http.request"}

    async def send(message: Message) -> None:
        return None

    timings = []
    for target in (app, guarded, app, guarded):
        started = time.perf_counter()
        for _ in range(calls):
            await target(scope, receive, send)
        timings.append((time.perf_counter() - started) / calls)
    return min(timings[0], timings[2]), min(timings[1], timings[3])


def admission_cost(calls: int = 200_000) -> float:
    """Microseconds admission control adds to an admitted request (no server involved)."""
    bare, guarded = asyncio.run(_admission_cost(calls))
    return (guarded - bare) * 1e6


def scratch_url() -> str:
    """A fresh, small, seeded scratch database of this test slot."""
    env = stack_env()
    os.environ.setdefault("DATABASE_URL", env["DATABASE_URL"])
    os.environ.setdefault("REDIS_URL", env["REDIS_URL"])
    url = with_database(env["DATABASE_URL"], scratch_database_name("reptidex_bench_overload"))
    seed.recreate(url)
    seed.seed(url, **SCRATCH_SIZE)
    return url


def drop(url: str) -> None:
    name = url.rsplit("/", 1)[-1].split("?")[0]
    with psycopg.connect(libpq_url(with_database(url, "postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def record(result: OverloadResult, command: str, url: str) -> None:
    with psycopg.connect(libpq_url(url)) as conn:
        count = conn.execute("SELECT count(*) FROM animal.animals").fetchone()
    lines = [
        f"### repti-animal above capacity, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"Command: `{command}` on {os.cpu_count()} cores, {platform.machine()}, Python "
        f"{platform.python_version()}, {count[0] if count else 0:,} animals. One uvicorn worker "
        "with the default admission settings; capacity from a closed loop of "
        f"{PROBE_CLIENTS} clients, then a fixed arrival rate above it (open model, latency from "
        "each request's scheduled start). The 503s carry Retry-After; 'other' counts answers "
        "that were neither 200 nor 503.",
        "",
        TABLE_HEADER,
        result.row(),
        "",
    ]
    existing = RESULTS.read_text() if RESULTS.exists() else "# Benchmarks\n\nNewest first.\n\n"
    head, _, rest = existing.partition("\n### ")
    RESULTS.write_text(
        head.rstrip() + "\n\n" + "\n".join(lines) + ("\n### " + rest if rest else "")
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenario", choices=sorted(PATHS), default="list")
    parser.add_argument("--factor", type=float, default=2.0, help="offered rate / capacity")
    parser.add_argument("--rate", type=float, help="offered req/s (instead of --factor)")
    parser.add_argument("--duration", type=float, default=15.0, help="measured seconds")
    parser.add_argument("--scratch", action="store_true", help="seed a small scratch database")
    parser.add_argument("--write", action="store_true", help="record in docs/benchmarks.md")
    parser.add_argument(
        "--admission-cost", action="store_true", help="only time the middleware's own cost"
    )
    args = parser.parse_args(argv)
    if args.admission_cost:
        print(f"admission control adds {admission_cost():.2f} us to an admitted request")
        return 0
    if "DATABASE_URL" not in os.environ:
        os.environ.update(
            {k: v for k, v in stack_env().items() if k in ("DATABASE_URL", "REDIS_URL")}
        )
    url = scratch_url() if args.scratch else seed.bench_url()
    try:
        result = measure(
            url, scenario=args.scenario, factor=args.factor, rate=args.rate, duration=args.duration
        )
        print(TABLE_HEADER)
        print(result.row(), flush=True)
        if result.resent:
            print(f"  {result.resent} requests re-sent after a reset on an idle connection")
        if result.other:
            print(f"  statuses {result.open_model.statuses}, failures {result.open_model.failures}")
        if args.write:
            command = "python -m bench.overload " + " ".join(
                argv if argv is not None else sys.argv[1:]
            )
            record(result, command.strip(), url)
    finally:
        if args.scratch:
            drop(url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
