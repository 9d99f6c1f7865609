"""Hatch-rate statistics of a vivarium: two aggregates (per pairing, per species), no loops of queries.

The vivarium totals are the sum of the species rows (every clutch has exactly one species).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.breeding import repository
from repti_animal.breeding.schemas import (
    BreedingFigures,
    BreedingStats,
    PairingFigures,
    SpeciesFigures,
)
from reptidex_common.auth.dependencies import VivariumAccess

COUNTS = (
    "clutches",
    "clutches_incubating",
    "clutches_hatched",
    "clutches_failed",
    "eggs_total",
    "eggs_fertile",
    "eggs_infertile",
    "hatched",
)


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _figures(row: Any) -> dict[str, Any]:
    counts = {name: int(getattr(row, name)) for name in COUNTS}
    # Hatched eggs only ever come from finished (hatched) clutches, so the hatch rate's
    # denominator leaves out fertile eggs still incubating.
    return {
        **counts,
        "fertility_rate": _ratio(counts["eggs_fertile"], counts["eggs_total"]),
        "hatch_rate": _ratio(counts["hatched"], int(row.fertile_finished)),
    }


def _totals(rows: list[Any]) -> BreedingFigures:
    summed: dict[str, int] = {name: sum(int(getattr(row, name)) for row in rows) for name in COUNTS}
    fertile_finished = sum(int(row.fertile_finished) for row in rows)
    return BreedingFigures(
        **summed,
        fertility_rate=_ratio(summed["eggs_fertile"], summed["eggs_total"]),
        hatch_rate=_ratio(summed["hatched"], fertile_finished),
    )


async def breeding_stats(
    session: AsyncSession, access: VivariumAccess, season: int | None
) -> BreedingStats:
    vivarium_id: uuid.UUID = access.vivarium.id
    per_pairing = await repository.stats_per_pairing(session, vivarium_id, season)
    per_species = list(await repository.stats_per_species(session, vivarium_id, season))
    return BreedingStats(
        vivarium_id=vivarium_id,
        season=season,
        totals=_totals(per_species),
        pairings=[
            PairingFigures(
                pairing_id=row.pairing_id,
                sire_display_id=row.sire_display_id,
                dam_display_id=row.dam_display_id,
                season=row.season,
                status=row.status,
                **_figures(row),
            )
            for row in per_pairing
        ],
        species=[
            SpeciesFigures(species_id=row.species_id, common_name=row.common_name, **_figures(row))
            for row in per_species
        ],
    )
