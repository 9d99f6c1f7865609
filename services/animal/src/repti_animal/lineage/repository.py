"""All SQL of the lineage domain: the two recursive walks, siblings, genotypes, COI writes.

Each walk is ONE recursive CTE. `UNION` (not `UNION ALL`) drops repeated (animal, depth)
pairs, so a closed line's repeated ancestors are fetched once per depth instead of once per
path; the rows are then joined to their details once per animal. At most
2^(generations+1) - 1 animals come back, each found through the primary key (upwards) or the
sire/dam indexes (downwards).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple, cast

from sqlalchemy import (
    ARRAY,
    Integer,
    Table,
    Uuid,
    bindparam,
    column,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from reptidex_common.models.animal import Animal, Genotype, Trait
from reptidex_common.models.animal_enums import (
    AnimalStatus,
    GenotypeProof,
    GenotypeState,
    Sex,
    Visibility,
)

_animals = cast(Table, Animal.__table__)
# The result columns of both walks, typed (enums come back as enums).
_DETAIL_COLUMNS = (
    _animals.c.id,
    _animals.c.vivarium_id,
    _animals.c.sire_id,
    _animals.c.dam_id,
    _animals.c.display_id,
    _animals.c.name,
    _animals.c.sex,
    _animals.c.hatch_date,
    _animals.c.morph,
    _animals.c.visibility,
    _animals.c.status,
    _animals.c.archived_at,
    column("depth", Integer),
)

# Upwards from the roots, which sit at :start_depth, until :generations.
ANCESTORS_SQL = text(
    """
WITH RECURSIVE walk(id, depth) AS (
    SELECT root, CAST(:start_depth AS integer) FROM unnest(:roots) AS root
  UNION
    SELECT parent.id, walk.depth + 1
    FROM walk
    JOIN animal.animals AS child ON child.id = walk.id
    CROSS JOIN LATERAL (VALUES (child.sire_id), (child.dam_id)) AS parent(id)
    WHERE walk.depth < :generations AND parent.id IS NOT NULL
)
SELECT
    a.id, a.vivarium_id, a.sire_id, a.dam_id, a.display_id, a.name, a.sex, a.hatch_date,
    a.morph, a.visibility, a.status, a.archived_at, reached.depth
FROM (SELECT id, min(depth) AS depth FROM walk GROUP BY id) AS reached
JOIN animal.animals AS a ON a.id = reached.id
"""
).bindparams(bindparam("roots", type_=ARRAY(Uuid())))
ANCESTORS_STATEMENT = ANCESTORS_SQL.columns(*_DETAIL_COLUMNS)

# Every descendant of :root down to :generations, with the depth it is first reached at.
_DESCENDANT_WALK = """
WITH RECURSIVE walk(id, depth) AS (
    SELECT CAST(:root AS uuid), 0
  UNION
    SELECT child.id, walk.depth + 1
    FROM walk
    CROSS JOIN LATERAL (
        SELECT c.id FROM animal.animals AS c WHERE c.sire_id = walk.id
        UNION ALL
        SELECT c.id FROM animal.animals AS c WHERE c.dam_id = walk.id
    ) AS child
    WHERE walk.depth < :generations
)"""

# Downwards from one animal; the walk stops after :row_cap rows so a prolific founder's
# ten generations cannot flood a response (the breadth-first order cuts the deepest first).
DESCENDANTS_STATEMENT = text(
    _DESCENDANT_WALK  # noqa: S608  (two constants joined; every value is a bound parameter)
    + """, capped AS MATERIALIZED (SELECT id, depth FROM walk LIMIT :row_cap)
SELECT
    a.id, a.vivarium_id, a.sire_id, a.dam_id, a.display_id, a.name, a.sex, a.hatch_date,
    a.morph, a.visibility, a.status, a.archived_at, reached.depth,
    (SELECT count(*) FROM capped) AS walked
FROM (SELECT id, min(depth) AS depth FROM capped GROUP BY id) AS reached
JOIN animal.animals AS a ON a.id = reached.id
"""
).columns(*_DETAIL_COLUMNS, column("walked", Integer))

# Descendant ids only, for the COI cascade (no cap: every one of them must be recomputed).
DESCENDANT_IDS_STATEMENT = text(
    _DESCENDANT_WALK  # noqa: S608  (two constants joined; every value is a bound parameter)
    + """
SELECT a.id, a.coi, a.coi_generations FROM animal.animals AS a
WHERE a.id IN (SELECT id FROM walk)
ORDER BY a.id
FOR UPDATE OF a
"""
).columns(_animals.c.id, _animals.c.coi, _animals.c.coi_generations)


class LineageRow(NamedTuple):
    """One walked animal. A named tuple: a pedigree builds hundreds, and one is made in a
    fifth of the time a frozen dataclass takes."""

    id: uuid.UUID
    vivarium_id: uuid.UUID
    sire_id: uuid.UUID | None
    dam_id: uuid.UUID | None
    display_id: str
    name: str | None
    sex: Sex
    hatch_date: date | None
    morph: str | None
    visibility: Visibility
    status: AnimalStatus
    archived_at: datetime | None
    # Shortest distance from the walk's start (0: the animal itself).
    depth: int


def _row(row: Any, depth: int | None = None) -> LineageRow:
    return LineageRow(
        id=row.id,
        vivarium_id=row.vivarium_id,
        sire_id=row.sire_id,
        dam_id=row.dam_id,
        display_id=row.display_id,
        name=row.name,
        sex=row.sex,
        hatch_date=row.hatch_date,
        morph=row.morph,
        visibility=row.visibility,
        status=row.status,
        archived_at=row.archived_at,
        depth=row.depth if depth is None else depth,
    )


async def ancestors(
    session: AsyncSession, roots: Sequence[uuid.UUID], generations: int, *, start_depth: int = 0
) -> dict[uuid.UUID, LineageRow]:
    """The roots and their ancestors up to `generations`, by id."""
    result = await session.execute(
        ANCESTORS_STATEMENT,
        {"roots": list(roots), "start_depth": start_depth, "generations": generations},
    )
    # The statement's columns are LineageRow's fields, in order: hundreds of rows a pedigree.
    return {row[0]: LineageRow(*row) for row in result}


def ancestors_sync(
    session: Session, roots: Sequence[uuid.UUID], generations: int
) -> dict[uuid.UUID, LineageRow]:
    result = session.execute(
        ANCESTORS_STATEMENT, {"roots": list(roots), "start_depth": 0, "generations": generations}
    )
    return {row.id: _row(row) for row in result}


async def descendants(
    session: AsyncSession, root: uuid.UUID, generations: int, row_cap: int
) -> tuple[dict[uuid.UUID, LineageRow], bool]:
    """The animal and its descendants up to `generations`, and whether the cap cut the walk."""
    result = await session.execute(
        DESCENDANTS_STATEMENT, {"root": root, "generations": generations, "row_cap": row_cap + 1}
    )
    rows: dict[uuid.UUID, LineageRow] = {}
    truncated = False
    for row in result:
        rows[row.id] = _row(row)
        truncated = row.walked > row_cap
    return rows, truncated


@dataclass(frozen=True)
class StoredCoi:
    animal_id: uuid.UUID
    coi: float | None
    generations: int | None


def lock_descendants_sync(session: Session, root: uuid.UUID, generations: int) -> list[StoredCoi]:
    """The animal and its descendants up to `generations` with their stored COI, locked.

    Locking in id order avoids deadlocks between overlapping recomputations, and makes a
    recomputation that started later (so read a newer pedigree) write last.
    """
    result = session.execute(DESCENDANT_IDS_STATEMENT, {"root": root, "generations": generations})
    return [StoredCoi(row.id, row.coi, row.coi_generations) for row in result]


async def siblings(
    session: AsyncSession,
    animal_id: uuid.UUID,
    sire_id: uuid.UUID | None,
    dam_id: uuid.UUID | None,
    cap: int,
) -> list[LineageRow]:
    """Animals with this sire or this dam (without `animal_id` itself)."""
    shared = []
    if sire_id is not None:
        shared.append(Animal.sire_id == sire_id)
    if dam_id is not None:
        shared.append(Animal.dam_id == dam_id)
    if not shared:
        return []
    result = await session.execute(
        select(*_DETAIL_COLUMNS[:-1])
        .where(or_(*shared), Animal.id != animal_id)
        .order_by(Animal.hatch_date.asc().nulls_last(), Animal.display_id, Animal.id)
        .limit(cap)
    )
    return [_row(row, depth=1) for row in result]


async def visibility_of(
    session: AsyncSession, animal_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, tuple[uuid.UUID, Visibility]]:
    """Vivarium and visibility of each animal, for privacy checks on animals outside a walk."""
    ids = list(animal_ids)
    if not ids:
        return {}
    result = await session.execute(
        select(Animal.id, Animal.vivarium_id, Animal.visibility).where(Animal.id.in_(ids))
    )
    return {row.id: (row.vivarium_id, row.visibility) for row in result}


@dataclass(frozen=True)
class GenotypeRow:
    animal_id: uuid.UUID
    trait_id: uuid.UUID
    trait: str
    state: GenotypeState
    het_percent: int | None
    proof: GenotypeProof


async def genotypes(
    session: AsyncSession, animal_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, list[GenotypeRow]]:
    """Genotypes of many animals in one query, by animal, sorted by trait name."""
    ids = list(animal_ids)
    found: dict[uuid.UUID, list[GenotypeRow]] = {}
    if not ids:
        return found
    result = await session.execute(
        select(
            Genotype.animal_id,
            Genotype.trait_id,
            Trait.name,
            Genotype.state,
            Genotype.het_percent,
            Genotype.proof,
        )
        .join(Trait, Trait.id == Genotype.trait_id)
        .where(Genotype.animal_id.in_(ids))
        .order_by(Genotype.animal_id, Trait.name)
    )
    for row in result:
        found.setdefault(row.animal_id, []).append(GenotypeRow(*row))
    return found


def store_coi_sync(
    session: Session, values: Sequence[tuple[uuid.UUID, float]], generations: int, at: datetime
) -> None:
    """Write the given COIs (the caller passes only the ones that changed)."""
    if not values:
        return
    statement = (
        update(_animals)
        .where(_animals.c.id == bindparam("animal_id"))
        .values(coi=bindparam("new_coi"), coi_generations=generations, coi_computed_at=at)
    )
    # Core executemany on the connection: one round trip per batch, no ORM bookkeeping.
    session.connection().execute(
        statement, [{"animal_id": animal_id, "new_coi": coi} for animal_id, coi in values]
    )


# Upwards like ANCESTORS_SQL, but only the parent links: all a COI needs. The worker reads no
# other column, so an old row whose dates its driver cannot decode never stops the COIs of a
# whole lineage (other breeders' animals included).
PEDIGREE_STATEMENT = (
    text(
        """
WITH RECURSIVE walk(id, depth) AS (
    SELECT root, 0 FROM unnest(:roots) AS root
  UNION
    SELECT parent.id, walk.depth + 1
    FROM walk
    JOIN animal.animals AS child ON child.id = walk.id
    CROSS JOIN LATERAL (VALUES (child.sire_id), (child.dam_id)) AS parent(id)
    WHERE walk.depth < :generations AND parent.id IS NOT NULL
)
SELECT a.id, a.sire_id, a.dam_id
FROM (SELECT DISTINCT id FROM walk) AS reached
JOIN animal.animals AS a ON a.id = reached.id
"""
    )
    .bindparams(bindparam("roots", type_=ARRAY(Uuid())))
    .columns(_animals.c.id, _animals.c.sire_id, _animals.c.dam_id)
)


def pedigree_sync(
    session: Session, roots: Sequence[uuid.UUID], generations: int
) -> dict[uuid.UUID, tuple[uuid.UUID | None, uuid.UUID | None]]:
    """(sire, dam) of the roots and their ancestors up to `generations`, by id."""
    result = session.execute(PEDIGREE_STATEMENT, {"roots": list(roots), "generations": generations})
    return {row.id: (row.sire_id, row.dam_id) for row in result}
