"""`make bench`: the repti-animal benchmark on a 1,000,000-animal database.

Seeds the benchmark database once (bench/seed.py; --reseed to redo it), starts repti-core (for
its JWKS) and repti-animal (2 uvicorn workers, one per core) on it, and drives each scenario at
a fixed arrival rate with the open-model generator in bench/loadgen.py. Prints a Markdown table
of p50/p95/p99 per scenario and, with --write, records it in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import psycopg

from bench import seed
from bench.loadgen import TABLE_HEADER, RawHttpPool, Result, run_open_model, wait_until_healthy
from reptidex_common.auth.keys import load_or_create_signing_key
from reptidex_common.auth.tokens import issue_access_token
from reptidex_common.db.urls import libpq_url
from reptidex_common.models.enums import PlatformRole
from reptidex_common.redis import with_redis_db
from reptidex_common.settings import BaseServiceSettings

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "docs" / "benchmarks.md"
MIN_ANIMALS = 1_000_000
SAMPLES = 400


@dataclass(frozen=True)
class Sample:
    vivarium_id: str
    animal_id: str
    sire_id: str
    dam_id: str
    headers: dict[str, str]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def ensure_seeded(url: str, reseed: bool) -> None:
    try:
        with psycopg.connect(libpq_url(url)) as conn:
            count = conn.execute("SELECT count(*) FROM animal.animals").fetchone()
    except psycopg.OperationalError:
        count = None
    if reseed or count is None or count[0] < MIN_ANIMALS:
        seed.recreate(url)
        seed.seed(url, vivariums=1000, per_line=1000, generations=20)


def load_samples(url: str, settings: BaseServiceSettings) -> list[Sample]:
    """Deep animals (generation 15 and later, full 10-generation pedigrees) and their owners."""
    key = load_or_create_signing_key(settings.private_key_path, create=True)
    with psycopg.connect(libpq_url(url)) as conn:
        rows = conn.execute(
            """
            SELECT a.vivarium_id, a.id, a.sire_id, a.dam_id, m.user_id
            FROM animal.animals a JOIN core.memberships m ON m.vivarium_id = a.vivarium_id
            WHERE a.sire_id IS NOT NULL AND a.hatch_date >= DATE '2015-01-01'
            ORDER BY md5(a.id::text) LIMIT %s
            """,
            (SAMPLES,),
        ).fetchall()
    samples = []
    for vivarium_id, animal_id, sire_id, dam_id, user_id in rows:
        token = issue_access_token(
            key,
            user_id=user_id,
            platform_role=PlatformRole.user,
            issuer=settings.jwt_issuer,
            audience=settings.jwt_audience,
            ttl_seconds=3600,
        )
        samples.append(
            Sample(
                str(vivarium_id),
                str(animal_id),
                str(sire_id),
                str(dam_id),
                {"Authorization": f"Bearer {token}"},
            )
        )
    return samples


def start(module: str, port: int, env: dict[str, str], workers: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            f"{module}.main:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--no-access-log",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )


Scenario = tuple[str, float, Callable[[Sample], tuple[str, str, dict[str, object] | None]]]

SCENARIOS: list[Scenario] = [
    (
        "animal list (50 per page)",
        200,
        lambda s: ("GET", f"/api/v1/animals?vivarium_id={s.vivarium_id}&limit=50", None),
    ),
    ("one animal", 200, lambda s: ("GET", f"/api/v1/animals/{s.animal_id}", None)),
    (
        "pedigree, 5 generations",
        200,
        lambda s: ("GET", f"/api/v1/animals/{s.animal_id}/pedigree?generations=5", None),
    ),
    (
        "pedigree, 10 generations",
        200,
        lambda s: ("GET", f"/api/v1/animals/{s.animal_id}/pedigree?generations=10", None),
    ),
    ("COI (10 generations)", 200, lambda s: ("GET", f"/api/v1/animals/{s.animal_id}/coi", None)),
    (
        "what-if COI (10 generations)",
        100,
        lambda s: ("POST", "/api/v1/coi/what-if", {"sire_id": s.sire_id, "dam_id": s.dam_id}),
    ),
]


async def drive(
    port: int, samples: list[Sample], duration: float, only: set[str] | None
) -> list[Result]:
    results = []
    pool = RawHttpPool("127.0.0.1", port)
    try:
        for name, rate, build in SCENARIOS:
            if only and not any(word in name for word in only):
                continue
            rng = random.Random(name)
            prepared = []
            for sample in samples:
                method, path, body = build(sample)
                payload = json.dumps(body).encode() if body is not None else b""
                prepared.append(RawHttpPool.build(method, path, sample.headers, payload))

            async def request(
                index: int, prepared: list[bytes] = prepared, rng: random.Random = rng
            ) -> int:
                return await pool.send(prepared[rng.randrange(len(prepared))])

            result = await run_open_model(name, request, rate=rate, duration=duration)
            print(
                result.row(),
                dict(result.statuses),
                result.failures if result.errors else "",
                flush=True,
            )
            results.append(result)
    finally:
        await pool.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--duration", type=float, default=20.0, help="measured seconds per scenario"
    )
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument(
        "--write", action="store_true", help="record the table in docs/benchmarks.md"
    )
    parser.add_argument(
        "--only", nargs="*", help="run scenarios whose name contains one of these words"
    )
    args = parser.parse_args()

    url = seed.bench_url()
    ensure_seeded(url, args.reseed)
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        REDIS_URL=with_redis_db(env["REDIS_URL"], 28),
        DATA_DIR=tempfile.mkdtemp(prefix="reptidex-bench-"),
        LOG_LEVEL="WARNING",
        DATABASE_POOL_SIZE="20",
    )
    core_port, animal_port = free_port(), free_port()
    env["JWKS_URL"] = f"http://127.0.0.1:{core_port}/.well-known/jwks.json"
    settings = BaseServiceSettings(
        _env_file=None,
        **{k.lower(): v for k, v in env.items() if k in ("DATABASE_URL", "DATA_DIR")},
    )
    servers = [start("repti_core", core_port, env, 1), start("repti_animal", animal_port, env, 2)]
    try:
        wait_until_healthy(f"http://127.0.0.1:{core_port}/api/v1/health")
        wait_until_healthy(f"http://127.0.0.1:{animal_port}/api/v1/health")
        samples = load_samples(url, settings)
        print(TABLE_HEADER, flush=True)
        results = asyncio.run(
            drive(
                animal_port,
                samples,
                args.duration,
                set(args.only) if args.only else None,
            )
        )
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)
    if args.write:
        record(results, args)
    return 0


def record(results: list[Result], args: argparse.Namespace) -> None:
    with psycopg.connect(libpq_url(seed.bench_url())) as conn:
        animals = conn.execute("SELECT count(*) FROM animal.animals").fetchone()[0]
    command = "make bench" + (
        f" BENCH_ARGS='--duration {args.duration:g}'" if args.duration != 20 else ""
    )
    lines = [
        f"### repti-animal, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"Command: `{command}` on {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
        f"{animals:,} animals (1,000 closed lines x 20 generations). repti-animal runs 2 uvicorn workers on the same "
        f"machine as the load generator; arrival rate is fixed (open model), latency counted from each "
        f"request's scheduled start, {args.duration:g} s measured per scenario after a 2 s warm-up.",
        "",
        TABLE_HEADER,
        *(result.row() for result in results),
        "",
    ]
    existing = RESULTS.read_text() if RESULTS.exists() else "# Benchmarks\n\nNewest first.\n\n"
    head, _, rest = existing.partition("\n### ")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        head.rstrip() + "\n\n" + "\n".join(lines) + ("\n### " + rest if rest else "")
    )


if __name__ == "__main__":
    sys.exit(main())
