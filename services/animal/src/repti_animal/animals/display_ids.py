"""Display ids from the vivarium's template: `{SPECIES}-{SEQ:03}` gives `CR-062`.

Template fields: `{SPECIES}` the species code prefix, `{SEQ}` / `{SEQ:0N}` the next number for
that prefix in the vivarium, `{YEAR}` / `{YY}` the hatch (or current) year. Numbers come from
an upsert on `animal.display_id_counters`, so concurrent creations never get the same one.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Animal, DisplayIdCounter
from reptidex_common.models.core import Vivarium
from reptidex_common.vivarium_time import vivarium_today

DEFAULT_TEMPLATE = "{SPECIES}-{SEQ:03}"
_FIELD = re.compile(r"\{(SPECIES|SEQ(?::0?(\d))?|YEAR|YY)\}")
MAX_ATTEMPTS = 20


def check_manual(value: str) -> str:
    """A display id a person typed: NFC, and every character visible.

    Zero-width characters, bidi overrides and other format, control, private-use or
    unassigned code points (Unicode category C*), and separators other than the plain space,
    would make two ids that look alike differ (`CR-001` and `CR-001` + U+200B), or make one
    read as another. NFC makes a composed and a decomposed `é` the same id.
    """
    value = unicodedata.normalize("NFC", value)
    for char in value:
        category = unicodedata.category(char)
        if category[0] == "C" or (category[0] == "Z" and char != " "):
            raise ValueError(
                f"must contain only visible characters and plain spaces (found U+{ord(char):04X})"
            )
    return value


def render(template: str, *, prefix: str, seq: int, year: int) -> str:
    def field(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "SPECIES":
            return prefix
        if name == "YEAR":
            return f"{year:04d}"
        if name == "YY":
            return f"{year % 100:02d}"
        width = int(match.group(2) or 0)
        return f"{seq:0{width}d}"

    return _FIELD.sub(field, template)


def counter_key(template: str, *, prefix: str, year: int) -> str:
    """Numbering restarts per species prefix (and per year when the template shows the year)."""
    uses_year = "{YEAR}" in template or "{YY}" in template
    return f"{prefix}:{year}" if uses_year else prefix


def numbering_year(hatch_date: date | None, today: date) -> int:
    """The year `{YEAR}` shows: the hatch year, or the vivarium's this year for an animal of
    unknown age."""
    return (hatch_date or today).year


async def _next_seq(session: AsyncSession, vivarium_id: uuid.UUID, key: str) -> int:
    statement = (
        insert(DisplayIdCounter)
        .values(vivarium_id=vivarium_id, prefix=key, last_seq=1)
        .on_conflict_do_update(
            index_elements=[DisplayIdCounter.vivarium_id, DisplayIdCounter.prefix],
            set_={"last_seq": DisplayIdCounter.last_seq + 1},
        )
        .returning(DisplayIdCounter.last_seq)
    )
    return int((await session.execute(statement)).scalar_one())


async def numbering_of(session: AsyncSession, vivarium_id: uuid.UUID) -> tuple[str, date]:
    """The vivarium's id template and its today (which `{YEAR}` falls back on)."""
    vivarium_settings, time_zone = (
        await session.execute(
            select(Vivarium.settings, Vivarium.time_zone).where(Vivarium.id == vivarium_id)
        )
    ).one()
    template = (vivarium_settings or {}).get("animal_id_template") or DEFAULT_TEMPLATE
    return template, vivarium_today(time_zone)


async def next_display_id(
    session: AsyncSession, vivarium_id: uuid.UUID, *, prefix: str, hatch_date: date | None
) -> str:
    """The next free display id; numbers a breeder typed in by hand are skipped over."""
    template, today = await numbering_of(session, vivarium_id)
    year = numbering_year(hatch_date, today)
    key = counter_key(template, prefix=prefix, year=year)
    for _ in range(MAX_ATTEMPTS):
        candidate = render(
            template, prefix=prefix, seq=await _next_seq(session, vivarium_id, key), year=year
        )
        taken = await session.scalar(
            select(Animal.id).where(
                Animal.vivarium_id == vivarium_id, Animal.display_id == candidate
            )
        )
        if taken is None:
            return candidate
    # Only reachable when a breeder hand-assigned a long run of upcoming numbers.
    return f"{render(template, prefix=prefix, seq=await _next_seq(session, vivarium_id, key), year=year)}-{uuid.uuid4().hex[:4]}"


async def _reserve_seqs(
    session: AsyncSession, vivarium_id: uuid.UUID, key: str, count: int
) -> range:
    """`count` consecutive numbers of one counter in one statement."""
    statement = (
        insert(DisplayIdCounter)
        .values(vivarium_id=vivarium_id, prefix=key, last_seq=count)
        .on_conflict_do_update(
            index_elements=[DisplayIdCounter.vivarium_id, DisplayIdCounter.prefix],
            set_={"last_seq": DisplayIdCounter.last_seq + count},
        )
        .returning(DisplayIdCounter.last_seq)
    )
    last = int((await session.execute(statement)).scalar_one())
    return range(last - count + 1, last + 1)


async def _taken_among(
    session: AsyncSession, vivarium_id: uuid.UUID, candidates: list[str]
) -> set[str]:
    rows = await session.scalars(
        select(Animal.display_id).where(
            Animal.vivarium_id == vivarium_id, Animal.display_id.in_(candidates)
        )
    )
    return set(rows)


async def reserve_display_ids(
    session: AsyncSession,
    vivarium_id: uuid.UUID,
    wanted: list[tuple[str, date | None]],
    *,
    also_taken: set[str],
) -> list[str]:
    """`next_display_id` for many animals (prefix, hatch date) at once, in the order given.

    Numbers come in blocks (one upsert and one lookup per counter, not per animal); numbers
    whose id is already used (in the vivarium, or in `also_taken`, which grows) are skipped.
    """
    template, today = await numbering_of(session, vivarium_id)
    found: list[str | None] = [None] * len(wanted)
    groups: dict[str, list[int]] = {}
    for index, (prefix, hatch_date) in enumerate(wanted):
        key = counter_key(template, prefix=prefix, year=numbering_year(hatch_date, today))
        groups.setdefault(key, []).append(index)
    last_tried: dict[int, str] = {}
    for key, pending in groups.items():
        for _ in range(MAX_ATTEMPTS):
            if not pending:
                break
            seqs = await _reserve_seqs(session, vivarium_id, key, len(pending))
            candidates = [
                render(
                    template,
                    prefix=wanted[index][0],
                    seq=seq,
                    year=numbering_year(wanted[index][1], today),
                )
                for index, seq in zip(pending, seqs, strict=True)
            ]
            taken = also_taken | await _taken_among(session, vivarium_id, candidates)
            left: list[int] = []
            for index, candidate in zip(pending, candidates, strict=True):
                if candidate in taken:
                    left.append(index)
                    last_tried[index] = candidate
                else:
                    found[index] = candidate
                    also_taken.add(candidate)
            pending = left
        for index in pending:  # as in next_display_id: a long hand-assigned run of numbers
            found[index] = f"{last_tried[index]}-{uuid.uuid4().hex[:4]}"
    return [value for value in found if value is not None]
