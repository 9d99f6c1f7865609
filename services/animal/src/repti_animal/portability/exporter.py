"""Export of a whole collection as CSV (re-importable) or JSON (everything), streamed.

The generators open their own read session: the request's session is closed once the
handler returns, before a streamed body is sent. Rows are fetched `yield_per` at a time and
written out in chunks, so a large collection never sits in memory.

CSV: the import's columns (see `columns`), species by scientific name; a parent outside the
collection (an animal bought in whose parents stayed with the breeder) leaves sire/dam blank,
since a CSV of this collection cannot name it. Archived animals are included so the lineage
of the rest stays whole. JSON: vivarium, species, animals (every field, parents by id),
genotypes, husbandry logs, pairings, clutches and enclosures.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import Select, inspect

from repti_animal.portability import export_queries
from repti_animal.portability.columns import COLUMNS, guard_formula
from repti_animal.portability.genotype_text import format_entry
from reptidex_common.db.engine import get_sessionmaker
from reptidex_common.models.animal import Animal
from reptidex_common.models.animal_enums import GenotypeState
from reptidex_common.models.core import Vivarium
from reptidex_common.vivarium_time import vivarium_today

FETCH_BATCH = 500
CSV_CHUNK_ROWS = 200
JSON_FORMAT = "reptidex.collection"
JSON_VERSION = 1


def export_filename(vivarium: Vivarium, extension: str, today: date | None = None) -> str:
    return f"{vivarium.slug}-animals-{(today or vivarium_today(vivarium)).isoformat()}.{extension}"


def _genotype_text(entries: list[dict[str, Any]]) -> str:
    formatted = sorted(
        (
            e["trait"],
            format_entry(
                e["trait"], GenotypeState(e["state"]), e["het_percent"], e["super_form_name"]
            ),
        )
        for e in entries
    )
    return "; ".join(text for _, text in formatted)


def _csv_line(
    animal: Animal, species: str, sire: str | None, dam: str | None, genotype: list[Any]
) -> list[str]:
    values = {
        "display_id": animal.display_id,
        "name": animal.name or "",
        "species": species,
        "sex": animal.sex.value,
        "hatch_date": animal.hatch_date.isoformat() if animal.hatch_date else "",
        "status": animal.status.value,
        "visibility": animal.visibility.value,
        "morph": animal.morph or "",
        "sire": sire or "",
        "dam": dam or "",
        "microchip": animal.microchip or "",
        "notes": animal.notes or "",
        "genotype": _genotype_text(genotype),
    }
    return [guard_formula(values[column]) for column in COLUMNS]


async def stream_csv(vivarium_id: uuid.UUID) -> AsyncIterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    async with get_sessionmaker()() as session:
        result = await session.stream(
            export_queries.csv_rows(vivarium_id).execution_options(yield_per=FETCH_BATCH)
        )
        pending = 0
        async for animal, species, sire, dam, genotype in result:
            writer.writerow(_csv_line(animal, species, sire, dam, genotype))
            pending += 1
            if pending >= CSV_CHUNK_ROWS:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
                pending = 0
    yield buffer.getvalue()


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Enum):
        return value.value
    raise TypeError(f"cannot serialize {type(value).__name__}")


def _dumps(data: Any) -> str:
    return json.dumps(data, default=_json_value, ensure_ascii=False, separators=(",", ":"))


def _columns(row: Any) -> dict[str, Any]:
    return {attr.key: getattr(row, attr.key) for attr in inspect(row).mapper.column_attrs}


def _with_trait(row: Any) -> dict[str, Any]:
    genotype, trait_name = row
    return {**_columns(genotype), "trait": trait_name}


def _plain(row: Any) -> dict[str, Any]:
    return _columns(row[0])


_SECTIONS: tuple[tuple[str, Callable[[uuid.UUID], Select[Any]], Callable[[Any], Any]], ...] = (
    ("species", export_queries.species_used, _plain),
    ("animals", export_queries.animals, _plain),
    ("genotypes", export_queries.genotypes, _with_trait),
    ("husbandry_logs", export_queries.husbandry_logs, _plain),
    ("pairings", export_queries.pairings, _plain),
    ("clutches", export_queries.clutches, _plain),
    ("enclosures", export_queries.enclosures, _plain),
)


async def stream_json(vivarium: Vivarium) -> AsyncIterator[str]:
    header = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "exported_at": datetime.now(UTC),
        "vivarium": {"id": vivarium.id, "slug": vivarium.slug, "name": vivarium.name},
    }
    yield _dumps(header)[:-1]  # leave the object open for the sections
    async with get_sessionmaker()() as session:
        for name, query, to_dict in _SECTIONS:
            yield f',"{name}":['
            result = await session.stream(
                query(vivarium.id).execution_options(yield_per=FETCH_BATCH)
            )
            first = True
            async for partition in result.partitions():
                items = (_dumps(to_dict(row)) for row in partition)
                chunk = ",".join(items)
                yield chunk if first else "," + chunk
                first = False
            yield "]"
    yield "}"
