"""Seed the benchmark database: a realistic collection of at least 1,000,000 animals.

1,000 breeders, each with one vivarium and one closed breeding line of 1,000 ball pythons over
20 generations (50 a generation): founders, then every animal bred from the line's previous
generations only, so inbreeding builds up the way it does in real closed lines. Rows go in
with COPY; the lineage trigger is skipped because the generator only makes valid lineage
(parents of the right sex, older, same species, no cycles), which `verify()` re-checks in SQL.

Usage: python bench/seed.py [--vivariums 1000] [--per-line 1000] [--generations 20]
Writes into the database named by BENCH_DATABASE_URL (default: reptidex_bench on the dev server).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import psycopg
from alembic import command
from uuid_utils.compat import uuid7

from reptidex_common.auth.passwords import hash_password
from reptidex_common.db.urls import libpq_url, with_database
from reptidex_common.testing.plugin import alembic_config

BENCH_DB = "reptidex_bench"
BENCH_PASSWORD = "Bench-gecko-2026"
RANDOM_SEED = 20261126


@dataclass
class Animal:
    id: uuid.UUID
    sex: str
    hatch_date: date
    sire: uuid.UUID | None
    dam: uuid.UUID | None
    generation: int


def bench_url() -> str:
    if url := os.environ.get("BENCH_DATABASE_URL"):
        return url
    return with_database(os.environ["DATABASE_URL"], BENCH_DB)


def recreate(url: str) -> None:
    admin = libpq_url(with_database(url, "postgres"))
    name = url.rsplit("/", 1)[-1].split("?")[0]
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    migrate(url)


def migrate(url: str) -> None:
    """Bring the benchmark database's schema to the code's (cheap when it already is)."""
    command.upgrade(
        alembic_config(libpq_url(url).replace("postgresql://", "postgresql+psycopg://", 1)), "head"
    )


def breed_line(rng: random.Random, per_line: int, generations: int) -> list[Animal]:
    """One closed line: parents always come from the previous one or two generations."""
    per_generation = per_line // generations
    animals: list[Animal] = []
    by_generation: list[list[Animal]] = []
    start = date(2000, 5, 1)
    for generation in range(generations):
        hatch = start + timedelta(days=365 * generation)
        current: list[Animal] = []
        for index in range(per_generation):
            sex = "male" if index % 2 == 0 else "female"
            sire = dam = None
            if generation > 0:
                pool = by_generation[-1] + (
                    by_generation[-2] if generation > 1 and rng.random() < 0.3 else []
                )
                sire = rng.choice([a for a in pool if a.sex == "male"]).id
                dam = rng.choice([a for a in pool if a.sex == "female"]).id
            current.append(
                Animal(uuid7(), sex, hatch + timedelta(days=index % 60), sire, dam, generation)
            )
        by_generation.append(current)
        animals.extend(current)
    return animals


def copy_rows(
    conn: psycopg.Connection[tuple[object, ...]],
    table: str,
    columns: list[str],
    rows: Sequence[Sequence[object]],
) -> None:
    with (
        conn.cursor() as cursor,
        cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


def seed(url: str, vivariums: int, per_line: int, generations: int) -> None:
    rng = random.Random(RANDOM_SEED)
    password_hash = hash_password(BENCH_PASSWORD)
    started = time.perf_counter()
    with psycopg.connect(libpq_url(url)) as conn:
        # Generated lineage is valid by construction; skip per-row trigger work for speed.
        conn.execute("SET session_replication_role = replica")
        species_id, prefix = conn.execute(
            "SELECT id, code_prefix FROM animal.species ORDER BY (code_prefix = 'BP') DESC LIMIT 1"
        ).fetchone() or (None, None)
        if species_id is None:
            species_id, prefix = uuid7(), "BP"
            conn.execute(
                "INSERT INTO animal.species (id, common_name, scientific_name, code_prefix, "
                "incubation_days_min, incubation_days_max, default_feeding_interval_days) "
                "VALUES (%s, 'Ball python', 'Python regius', 'BP', 55, 60, 10)",
                (species_id,),
            )
        plan_row = conn.execute("SELECT id FROM core.plans WHERE code = 'collector'").fetchone()
        assert plan_row is not None, "the plans are seeded by the migrations"
        plan_id = plan_row[0]
        users, vivs, members, animals = [], [], [], []
        for number in range(vivariums):
            user_id, vivarium_id = uuid7(), uuid7()
            users.append(
                (user_id, f"breeder{number}@bench.reptidex.app", password_hash, f"Breeder {number}")
            )
            vivs.append(
                (
                    vivarium_id,
                    f"Bench line {number}",
                    f"bench-line-{number}",
                    plan_id,
                    json.dumps({}),
                )
            )
            members.append((uuid7(), vivarium_id, user_id, "herpetologist"))
            for seq, animal in enumerate(breed_line(rng, per_line, generations), start=1):
                visibility = (
                    "public" if seq % 10 == 0 else ("lineage_only" if seq % 10 == 1 else "private")
                )
                animals.append(
                    (
                        animal.id,
                        vivarium_id,
                        species_id,
                        f"{prefix}-{seq:04d}",
                        f"G{animal.generation}-{seq}",
                        animal.sex,
                        animal.hatch_date,
                        "active",
                        visibility,
                        animal.sire,
                        animal.dam,
                    )
                )
        print(
            f"generated {len(animals):,} animals in {time.perf_counter() - started:.1f} s",
            flush=True,
        )
        copy_rows(conn, "core.users", ["id", "email", "password_hash", "display_name"], users)
        copy_rows(conn, "core.vivariums", ["id", "name", "slug", "plan_id", "settings"], vivs)
        copy_rows(conn, "core.memberships", ["id", "vivarium_id", "user_id", "role"], members)
        columns = [
            "id",
            "vivarium_id",
            "species_id",
            "display_id",
            "name",
            "sex",
            "hatch_date",
            "status",
            "visibility",
            "sire_id",
            "dam_id",
        ]
        copy_rows(conn, "animal.animals", columns, animals)
        conn.commit()
        print(f"copied in {time.perf_counter() - started:.1f} s", flush=True)
    with psycopg.connect(libpq_url(url), autocommit=True) as conn:
        conn.execute("ANALYZE")
    verify(url)
    print(
        f"seeded {len(animals):,} animals in {vivariums:,} vivariums in {time.perf_counter() - started:.1f} s"
    )


def verify(url: str) -> None:
    """The rules the trigger would have enforced, checked over the whole table at once."""
    with psycopg.connect(libpq_url(url)) as conn:
        broken_row = conn.execute(
            """
            SELECT count(*) FROM animal.animals c
            LEFT JOIN animal.animals s ON s.id = c.sire_id
            LEFT JOIN animal.animals d ON d.id = c.dam_id
            WHERE (s.id IS NOT NULL AND (s.sex = 'female' OR s.hatch_date >= c.hatch_date))
               OR (d.id IS NOT NULL AND (d.sex = 'male' OR d.hatch_date >= c.hatch_date))
            """
        ).fetchone()
    broken = broken_row[0] if broken_row else 0
    if broken:
        raise SystemExit(f"{broken} animals break the lineage rules")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--vivariums", type=int, default=1000)
    parser.add_argument("--per-line", type=int, default=1000)
    parser.add_argument("--generations", type=int, default=20)
    args = parser.parse_args()
    url = bench_url()
    recreate(url)
    seed(url, args.vivariums, args.per_line, args.generations)
    return 0


if __name__ == "__main__":
    sys.exit(main())
