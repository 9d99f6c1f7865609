"""The 10,000-row CSV import and the export right after it, against a raw COPY of the same rows.

Runs on its own scratch database (`reptidex_bench_import`, suffixed with REPTIDEX_TEST_SLOT
when set), never on the 1,000,000-animal one. repti-animal runs in-process behind its ASGI
interface; the import is timed from the POST to the job's `succeeded`, the job run as the
worker runs it. The baseline writes the same rows (animals and genotypes, lineage trigger on)
with COPY in one transaction, in the same run, so the ratio says what the import costs over
the bare writes. The export is timed right after the import (no ANALYZE in between), then
again after an ANALYZE, as "any other" export.

Usage: python -m bench.import_bench [--write]   (also `make bench BENCH_ARGS=--import`)
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import platform
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import psycopg
from alembic import command

from reptidex_common.db.urls import libpq_url, with_database
from reptidex_common.redis import with_redis_db
from reptidex_common.testing.plugin import alembic_config
from reptidex_common.testing.scratch import (
    fresh_database,
    scratch_database_name,
    scratch_redis_db,
    stack_env,
)

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "docs" / "benchmarks.md"
ROWS = 10_000
TARGET_SECONDS = 10.0
HEADER = "display_id,name,species,sex,hatch_date,morph,sire,dam,genotype"


def build_csv(rows: int = ROWS) -> str:
    """Families of four: a sire and a dam, then two offspring listed before their parents."""
    lines = [HEADER]
    for family in range(rows // 4):
        lines.append(f"K{family}a,,Ball python,female,2023-05-01,,S{family},D{family},het Clown")
        lines.append(f",,Ball python,male,2023-05-02,,S{family},D{family},Pastel; het Clown")
        lines.append(f"S{family},Sire {family},BP,male,2019-04-01,Pastel,,,Pastel")
        lines.append(f"D{family},Dam {family},Python regius,female,2019-06-02,,,,het Clown")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Figure:
    step: str
    seconds: float
    note: str = ""

    def row(self) -> str:
        return f"| {self.step} | {self.seconds:.2f} | {self.note} |"


def prepare(url: str) -> dict[str, Any]:
    """A migrated scratch database with one breeder and two unlimited vivariums."""
    command.upgrade(
        alembic_config(url.replace("postgresql://", "postgresql+psycopg://", 1)), "head"
    )
    user_id, viv_id, base_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    with psycopg.connect(libpq_url(url)) as conn:
        plan_id = conn.execute("SELECT id FROM core.plans WHERE is_default").fetchone()
        assert plan_id is not None
        conn.execute(
            "INSERT INTO core.users (id, email, password_hash, display_name) VALUES (%s, %s, 'x', 'Bench')",
            (user_id, f"bench-{user_id.hex[:8]}@example.com"),
        )
        for vivarium_id, slug in ((viv_id, "bench-import"), (base_id, "bench-copy")):
            conn.execute(
                "INSERT INTO core.vivariums (id, name, slug, plan_id, entitlement_overrides) "
                "VALUES (%s, %s, %s, %s, '{\"max_animals\": null}')",
                (vivarium_id, slug, slug, plan_id[0]),
            )
            conn.execute(
                "INSERT INTO core.memberships (id, vivarium_id, user_id, role) "
                "VALUES (%s, %s, %s, 'herpetologist')",
                (uuid.uuid4(), vivarium_id, user_id),
            )
        species = conn.execute("SELECT id FROM animal.species WHERE code_prefix = 'BP'").fetchone()
        traits: dict[str, uuid.UUID] = dict(
            conn.execute(
                "SELECT name, id FROM animal.traits WHERE species_id = %s", (species[0],)
            ).fetchall()
            if species
            else []
        )
    assert species is not None
    return {
        "user_id": user_id,
        "vivarium_id": viv_id,
        "baseline_vivarium_id": base_id,
        "species_id": species[0],
        "traits": traits,
    }


def copy_baseline(url: str, world: dict[str, Any]) -> float:
    """The same 10,000 animals and their genotypes written with COPY, parents first."""
    from uuid_utils.compat import uuid7

    vivarium_id, species_id = world["baseline_vivarium_id"], world["species_id"]
    clown, pastel = world["traits"]["Clown"], world["traits"]["Pastel"]
    parents, children, genotypes = io.StringIO(), io.StringIO(), io.StringIO()
    for family in range(ROWS // 4):
        sire, dam, kid_a, kid_b = uuid7(), uuid7(), uuid7(), uuid7()
        for target, row in (
            (parents, (sire, f"S{family}", "male", "2019-04-01", "\\N", "\\N")),
            (parents, (dam, f"D{family}", "female", "2019-06-02", "\\N", "\\N")),
            (children, (kid_a, f"K{family}a", "female", "2023-05-01", sire, dam)),
            (children, (kid_b, f"BP-{family:05d}", "male", "2023-05-02", sire, dam)),
        ):
            target.write("\t".join(map(str, (row[0], vivarium_id, species_id, *row[1:]))) + "\n")
        for animal, trait, state, proof in (
            (sire, pastel, "visual", "visual"),
            (dam, clown, "het", "seller_claim"),
            (kid_a, clown, "het", "seller_claim"),
            (kid_b, pastel, "visual", "visual"),
            (kid_b, clown, "het", "seller_claim"),
        ):
            genotypes.write(f"{uuid7()}\t{animal}\t{trait}\t{state}\t{proof}\n")
    columns = "id, vivarium_id, species_id, display_id, sex, hatch_date, sire_id, dam_id"
    started = time.perf_counter()
    with psycopg.connect(libpq_url(url)) as conn:
        for block in (parents, children):
            with conn.cursor().copy(f"COPY animal.animals ({columns}) FROM STDIN") as copy:
                copy.write(block.getvalue())
        with conn.cursor().copy(
            "COPY animal.genotypes (id, animal_id, trait_id, state, proof) FROM STDIN"
        ) as copy:
            copy.write(genotypes.getvalue())
    return time.perf_counter() - started


async def _import_and_export(world: dict[str, Any], headers: dict[str, str]) -> list[Figure]:
    from repti_animal.main import create_app
    from repti_animal.portability.runner import run_job
    from reptidex_common.db.engine import dispose_engine, get_sessionmaker

    app = create_app()
    viv = world["vivarium_id"]
    figures: list[Figure] = []
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        body = build_csv().encode()
        started = time.perf_counter()
        queued = await client.post(
            f"/api/v1/vivariums/{viv}/animals/import?dry_run=false",
            content=body,
            headers={**headers, "Content-Type": "text/csv"},
        )
        assert queued.status_code == 202, queued.text
        accepted = time.perf_counter()
        await run_job(get_sessionmaker(), uuid.UUID(queued.json()["id"]))
        job = (await client.get(queued.headers["Location"], headers=headers)).json()
        finished = time.perf_counter()
        assert job["status"] == "succeeded", job
        figures.append(
            Figure("import request (checks the file, queues the job)", accepted - started)
        )
        figures.append(Figure("import job (10,000 animals, 12,500 genotypes)", finished - accepted))
        figures.append(
            Figure(
                "import, POST to succeeded",
                finished - started,
                f"target <= {TARGET_SECONDS:g} s",
            )
        )
        for label in ("right after the import", "after ANALYZE"):
            if label == "after ANALYZE":
                async with get_sessionmaker()() as session:
                    from sqlalchemy import text

                    await session.execute(text("ANALYZE"))
                    await session.commit()
            for fmt in ("csv", "json"):
                started = time.perf_counter()
                response = await client.get(
                    f"/api/v1/vivariums/{viv}/animals/export?format={fmt}", headers=headers
                )
                assert response.status_code == 200, response.text
                figures.append(
                    Figure(f"export {fmt.upper()}, {label}", time.perf_counter() - started)
                )
    await dispose_engine()
    return figures


def run() -> tuple[list[Figure], str]:
    env = stack_env()
    name = scratch_database_name("reptidex_bench_import")
    url = fresh_database(env["DATABASE_URL"], name)
    os.environ.update(
        DATA_DIR=tempfile.mkdtemp(prefix="reptidex-bench-import-"),
        DATABASE_URL=url,
        REDIS_URL=with_redis_db(env["REDIS_URL"], scratch_redis_db(0)),
        ENVIRONMENT="test",
        LOG_LEVEL="WARNING",
    )
    from reptidex_common.auth.dependencies import auth_state
    from reptidex_common.auth.jwks import StaticJwks
    from reptidex_common.auth.keys import load_or_create_signing_key
    from reptidex_common.auth.tokens import issue_access_token
    from reptidex_common.models.enums import PlatformRole
    from reptidex_common.settings import get_settings

    get_settings.cache_clear()
    settings = get_settings()
    world = prepare(url)
    key = load_or_create_signing_key(settings.private_key_path, create=True)
    auth_state.jwks = StaticJwks(key.jwks())
    token = issue_access_token(
        key,
        user_id=world["user_id"],
        platform_role=PlatformRole.user,
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
        ttl_seconds=3600,
    )
    try:
        baseline = copy_baseline(url, world)
        figures = asyncio.run(_import_and_export(world, {"Authorization": f"Bearer {token}"}))
    finally:
        with psycopg.connect(
            libpq_url(with_database(env["DATABASE_URL"], "postgres")), autocommit=True
        ) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    job = next(f for f in figures if f.step.startswith("import, POST"))
    figures.append(
        Figure(
            "baseline: COPY of the same rows (one transaction)",
            baseline,
            f"import / COPY = {job.seconds / baseline:.1f}x",
        )
    )
    return figures, name


TABLE_HEADER = "| step | seconds | note |\n|---|---|---|"


def record(figures: list[Figure]) -> None:
    lines = [
        f"### repti-animal CSV import, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"Command: `make bench BENCH_ARGS='--import --write'` (alone: `python -m bench.import_bench "
        f"--write`) on {os.cpu_count()} cores, {platform.machine()}, Python "
        f"{platform.python_version()}; a scratch database, {ROWS:,} rows (2,500 families of "
        "four, offspring before parents, a quarter with generated display ids). Load average "
        f"{os.getloadavg()[0]:.1f} when it finished (other work on the same cores).",
        "",
        TABLE_HEADER,
        *(figure.row() for figure in figures),
        "",
    ]
    existing = RESULTS.read_text()
    head, _, rest = existing.partition("\n### ")
    RESULTS.write_text(
        head.rstrip() + "\n\n" + "\n".join(lines) + ("\n### " + rest if rest else "")
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="record in docs/benchmarks.md")
    args = parser.parse_args(argv)
    figures, database = run()
    print(f"import bench on scratch database {database}")
    print(TABLE_HEADER)
    for figure in figures:
        print(figure.row())
    if args.write:
        record(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
