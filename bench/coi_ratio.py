"""The what-if COI one request at a time, against what the service itself cannot avoid.

Interleaved pair by pair in one process, as bench/ratios.py does for the reads: one API request,
then the service's own window statement (prepared, over one kept-open asyncpg connection) and
its own calculation on the rows (`what_if_answer`: visibility, the COI, the common ancestors and
their JSON). So the table shows the statement alone, the statement plus the calculation (the
floor of any service built on them), and what the HTTP path adds on top, measured in one run.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import cast

import asyncpg
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.engine import Dialect

from bench.loadgen import RawHttpPool
from bench.ratios import Comparison
from repti_animal.lineage.coi import DEFAULT_GENERATIONS
from repti_animal.lineage.coi_repository import PAIRING_WINDOW_STATEMENT, window_of
from repti_animal.lineage.coi_service import what_if_answer
from repti_animal.lineage.schemas import WhatIfRequest
from reptidex_common.auth.principal import Principal
from reptidex_common.models.enums import PlatformRole

NAME = "what-if COI, 10 generations"
P95_GOAL_MS = 5.0
PATH = "/api/v1/coi/what-if"


@dataclass(frozen=True)
class PairSample:
    sire_id: str
    dam_id: str
    user_id: str
    headers: dict[str, str]


@dataclass
class WhatIfComparison:
    api_ms: list[float] = field(default_factory=list)
    sql_ms: list[float] = field(default_factory=list)
    # The statement and the calculation on its rows, back to back.
    floor_ms: list[float] = field(default_factory=list)
    errors: int = 0

    def row(self) -> str:
        p = Comparison.percentile
        api_p95 = p(self.api_ms, 95)
        ratio = p(self.api_ms, 50) / p(self.floor_ms, 50)
        return (
            f"| {NAME} | {len(self.api_ms)} | {p(self.api_ms, 50):.2f} | {api_p95:.2f} | "
            f"{p(self.sql_ms, 50):.2f} | {p(self.sql_ms, 95):.2f} | "
            f"{p(self.floor_ms, 50):.2f} | {p(self.floor_ms, 95):.2f} | {ratio:.1f}x | "
            f"API p95 <= {P95_GOAL_MS:g} ms | {'yes' if api_p95 <= P95_GOAL_MS else 'no'} | "
            f"{self.errors} |"
        )


TABLE_HEADER = (
    "| what-if (one at a time) | pairs | API p50 ms | API p95 ms | SQL p50 ms | SQL p95 ms "
    "| SQL + calculation p50 ms | SQL + calculation p95 ms | API / (SQL + calculation), p50 "
    "| goal | met | API errors |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|"
)


async def compare(
    pool: RawHttpPool, dsn: str, samples: Sequence[PairSample], duration: float
) -> WhatIfComparison:
    """Alternate one API request and the statement plus calculation, pair by pair."""
    connection = await asyncpg.connect(dsn)
    try:
        # The service's statement as its driver receives it ($1, $2, $3).
        dialect = cast("Callable[[], Dialect]", asyncpg_dialect)()
        statement = await connection.prepare(str(PAIRING_WINDOW_STATEMENT.compile(dialect=dialect)))
        requests = [
            RawHttpPool.build(
                "POST",
                PATH,
                s.headers,
                json.dumps({"sire_id": s.sire_id, "dam_id": s.dam_id}).encode(),
            )
            for s in samples
        ]
        asked = [
            (
                [uuid.UUID(s.sire_id), uuid.UUID(s.dam_id)],
                Principal(user_id=uuid.UUID(s.user_id), platform_role=PlatformRole.user),
                WhatIfRequest.model_validate({"sire_id": s.sire_id, "dam_id": s.dam_id}),
            )
            for s in samples
        ]
        comparison = WhatIfComparison()

        async def floor(index: int) -> tuple[float, float]:
            roots, principal, body = asked[index]
            started = time.perf_counter()
            rows = await statement.fetch(roots, DEFAULT_GENERATIONS, principal.user_id)
            fetched = time.perf_counter()
            what_if_answer(window_of(rows, DEFAULT_GENERATIONS), principal, body)
            return fetched - started, time.perf_counter() - started

        # Warm both sides (plans, prepared statements, caches) before measuring.
        for index in range(min(len(samples), 20)):
            await pool.send(requests[index])
            await floor(index)
        deadline = time.perf_counter() + duration
        index = 0
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            status = await pool.send(requests[index])
            comparison.api_ms.append((time.perf_counter() - started) * 1000)
            comparison.errors += status != 200
            sql, whole = await floor(index)
            comparison.sql_ms.append(sql * 1000)
            comparison.floor_ms.append(whole * 1000)
            index = (index + 1) % len(samples)
        return comparison
    finally:
        await connection.close()
