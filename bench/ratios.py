"""How close the API comes to the database: each read against one SQL statement for its data.

Both sides run one request at a time (no queueing), interleaved sample by sample, from the
same process and on the same samples, so a busy machine slows both alike and the ratio of
their medians stays meaningful where absolute times do not. The SQL side is the floor a
perfect service could reach: one prepared statement over one kept-open asyncpg connection,
returning the same data the endpoint answers with (access check, parents, genotype
included), decoded by the driver.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import asyncpg

from bench.loadgen import RawHttpPool


@dataclass(frozen=True)
class Target:
    """What one read costs: an API path and the SQL statement fetching the same data."""

    name: str
    goal: float
    path: Callable[[str, str], str]
    sql: str
    # The statement's arguments from the sample's (animal id, vivarium id, user id).
    args: Callable[[str, str, str], tuple[object, ...]]


ONE_ANIMAL_SQL = """
SELECT a.*, m.role,
    (SELECT json_build_object('id', p.id, 'display_id', p.display_id, 'name', p.name,
                              'visibility', p.visibility)
     FROM animal.animals p WHERE p.id = a.sire_id) AS sire,
    (SELECT json_build_object('id', p.id, 'display_id', p.display_id, 'name', p.name,
                              'visibility', p.visibility)
     FROM animal.animals p WHERE p.id = a.dam_id) AS dam,
    (SELECT coalesce(json_agg(json_build_object(
                'trait_id', g.trait_id, 'trait_name', t.name, 'inheritance', t.inheritance,
                'allelic_group', t.allelic_group, 'state', g.state,
                'het_percent', g.het_percent, 'proof', g.proof, 'welfare_flag', t.welfare_flag)
            ORDER BY t.name), '[]')
     FROM animal.genotypes g JOIN animal.traits t ON t.id = g.trait_id
     WHERE g.animal_id = a.id) AS genotype
FROM animal.animals a
JOIN core.vivariums v ON v.id = a.vivarium_id AND v.deleted_at IS NULL
JOIN core.memberships m ON m.vivarium_id = a.vivarium_id AND m.user_id = $2
WHERE a.id = $1
"""

LIST_SQL = """
SELECT a.id, a.vivarium_id, a.species_id, a.display_id, a.name, a.sex, a.hatch_date, a.status,
    a.visibility, a.morph, a.microchip, a.enclosure_id, a.coi, a.coi_generations,
    a.archived_at, a.created_at
FROM animal.animals a
WHERE a.vivarium_id = $1 AND a.archived_at IS NULL
  AND EXISTS (SELECT 1 FROM core.memberships m
              JOIN core.vivariums v ON v.id = m.vivarium_id AND v.deleted_at IS NULL
              WHERE m.vivarium_id = $1 AND m.user_id = $2)
ORDER BY a.id DESC
LIMIT 51
"""

PEDIGREE_SQL = """
WITH RECURSIVE walk(id, depth) AS (
    SELECT $1::uuid, 0
  UNION
    SELECT parent.id, walk.depth + 1
    FROM walk
    JOIN animal.animals AS child ON child.id = walk.id
    CROSS JOIN LATERAL (VALUES (child.sire_id), (child.dam_id)) AS parent(id)
    WHERE walk.depth < $2 AND parent.id IS NOT NULL
)
SELECT a.id, a.vivarium_id, a.sire_id, a.dam_id, a.display_id, a.name, a.sex, a.hatch_date,
    a.morph, a.visibility, a.status, reached.depth, m.role,
    (SELECT json_agg(json_build_object('trait_id', g.trait_id, 'trait_name', t.name,
                                       'state', g.state, 'het_percent', g.het_percent,
                                       'proof', g.proof) ORDER BY t.name)
     FROM animal.genotypes g JOIN animal.traits t ON t.id = g.trait_id
     WHERE g.animal_id = a.id) AS genotype
FROM (SELECT id, min(depth) AS depth FROM walk GROUP BY id) AS reached
JOIN animal.animals AS a ON a.id = reached.id
LEFT JOIN core.memberships m ON m.vivarium_id = a.vivarium_id AND m.user_id = $3
"""

TARGETS: list[Target] = [
    Target(
        "one animal",
        4.0,
        lambda animal, vivarium: f"/api/v1/animals/{animal}",
        ONE_ANIMAL_SQL,
        lambda animal, vivarium, user: (animal, user),
    ),
    Target(
        "list of 50",
        4.0,
        lambda animal, vivarium: f"/api/v1/animals?vivarium_id={vivarium}&limit=50",
        LIST_SQL,
        lambda animal, vivarium, user: (vivarium, user),
    ),
    Target(
        "pedigree, 10 generations",
        3.0,
        lambda animal, vivarium: f"/api/v1/animals/{animal}/pedigree?generations=10",
        PEDIGREE_SQL,
        lambda animal, vivarium, user: (animal, 10, user),
    ),
]


@dataclass
class Comparison:
    target: Target
    api_ms: list[float] = field(default_factory=list)
    sql_ms: list[float] = field(default_factory=list)
    errors: int = 0

    @staticmethod
    def percentile(values: Sequence[float], p: float) -> float:
        if not values:
            return float("nan")
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]

    @property
    def ratio(self) -> float:
        return self.percentile(self.api_ms, 50) / self.percentile(self.sql_ms, 50)

    def row(self) -> str:
        verdict = "yes" if self.ratio <= self.target.goal else "no"
        return (
            f"| {self.target.name} | {len(self.api_ms)} | "
            f"{self.percentile(self.api_ms, 50):.2f} | {self.percentile(self.api_ms, 95):.2f} | "
            f"{self.percentile(self.sql_ms, 50):.2f} | {self.percentile(self.sql_ms, 95):.2f} | "
            f"{self.ratio:.1f}x | <= {self.target.goal:g}x | {verdict} | {self.errors} |"
        )


TABLE_HEADER = (
    "| read (one at a time) | pairs | API p50 ms | API p95 ms | SQL p50 ms | SQL p95 ms "
    "| ratio (p50) | goal | met | API errors |\n"
    "|---|---|---|---|---|---|---|---|---|---|"
)


@dataclass(frozen=True)
class ReadSample:
    animal_id: str
    vivarium_id: str
    user_id: str
    headers: dict[str, str]


async def compare(
    pool: RawHttpPool,
    dsn: str,
    samples: Sequence[ReadSample],
    duration: float,
    only: Callable[[str], bool] = lambda name: True,
) -> list[Comparison]:
    """Alternate one API request and one SQL statement per sample for `duration` s a target."""
    connection = await asyncpg.connect(dsn)
    results = []
    try:
        for target in TARGETS:
            if not only(target.name):
                continue
            statement = await connection.prepare(target.sql)
            comparison = Comparison(target)
            requests = [
                RawHttpPool.build("GET", target.path(s.animal_id, s.vivarium_id), s.headers)
                for s in samples
            ]
            arguments = [target.args(s.animal_id, s.vivarium_id, s.user_id) for s in samples]
            # Warm both sides (plans, prepared statements, caches) before measuring.
            for index in range(min(len(samples), 20)):
                await pool.send(requests[index])
                await statement.fetch(*_typed(arguments[index]))
            deadline = time.perf_counter() + duration
            index = 0
            while time.perf_counter() < deadline:
                position = index % len(samples)
                started = time.perf_counter()
                status = await pool.send(requests[position])
                elapsed = (time.perf_counter() - started) * 1000
                if status == 200:
                    comparison.api_ms.append(elapsed)
                else:
                    comparison.errors += 1
                started = time.perf_counter()
                await statement.fetch(*_typed(arguments[position]))
                comparison.sql_ms.append((time.perf_counter() - started) * 1000)
                index += 1
            print(comparison.row(), flush=True)
            results.append(comparison)
    finally:
        await connection.close()
    return results


def _typed(arguments: tuple[object, ...]) -> tuple[object, ...]:
    return tuple(uuid.UUID(a) if isinstance(a, str) else a for a in arguments)
