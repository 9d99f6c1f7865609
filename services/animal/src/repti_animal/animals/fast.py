"""Opening a record and the first pages of a vivarium's list, served ahead of FastAPI.

The two reads breeders do all day (`reptidex_common.fast_reads`). Each sends one statement
straight to the driver and answers exactly what its route in `router` answers; whatever else
(a lease or a partnership to check, filters, a caller without a membership) returns None and
the route serves it by the general rules.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from functools import cache
from typing import Any, get_args

from pydantic_core import to_json

from repti_animal.animals.record import own_record
from repti_animal.animals.schemas import AnimalListItem
from reptidex_common.auth.dependencies import effective_vivarium_role
from reptidex_common.db.engine import raw_read_connection
from reptidex_common.db.pagination import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    decode_cursor,
    split_page,
)
from reptidex_common.errors import UnprocessableEntity
from reptidex_common.fast_reads import FastRequest, canonical_uuid
from reptidex_common.models.enums import VivariumRole


async def read_one(request: FastRequest) -> bytes | None:
    if request.query:
        return None
    record = await own_record(request.principal, uuid.UUID(request.path_params["animal_id"]))
    return record.model_dump_json(by_alias=True).encode() if record is not None else None


def _json_of(column: str, annotation: Any) -> str:
    """SQL for the column's value written exactly as pydantic writes the field (compact)."""
    kinds = [a for a in get_args(annotation) if a is not type(None)] or [annotation]
    (kind,) = kinds
    if kind is float:
        raise TypeError(f"{column}: floats are written by Python (see `_item_sql`)")
    if kind is datetime:
        # pydantic: UTC as `Z`, microseconds only when there are some.
        utc = f"(a.{column} AT TIME ZONE 'UTC')"
        text = (
            f"'\"' || to_char({utc}, 'YYYY-MM-DD\"T\"HH24:MI:SS') || CASE WHEN "
            f"extract(microseconds FROM a.{column})::bigint % 1000000 = 0 THEN '' "
            f"ELSE to_char({utc}, '.US') END || 'Z\"'"
        )
    elif kind is int:
        text = f"a.{column}::text"
    else:  # UUIDs, text, enums and dates: PostgreSQL's JSON for them is pydantic's
        text = f"to_json(a.{column})::text"
    return f"coalesce({text}, 'null')"


def _item_sql() -> tuple[str, str]:
    """An item's JSON before and after `coi`, the one float: Python writes it, because the two
    disagree on how to print some numbers (1e-05, 0.0)."""
    before: list[str] = []
    after: list[str] = []
    for name, info in AnimalListItem.model_fields.items():
        if name == "coi":
            before, after = after, before
            continue
        after.append(f"'\"{name}\":' || {_json_of(name, info.annotation)}")
    head = "'{' || " + " || ',' || ".join(before) + " || ',\"coi\":'"
    tail = "',' || " + " || ',' || ".join(after) + " || '}'"
    return head, tail


_HEAD, _TAIL = _item_sql()
_COLUMNS = f"a.id, a.coi, {_HEAD} AS head, {_TAIL} AS tail"
# The caller's role in the vivarium (if live), and the page (`page_of_animals` unfiltered:
# unarchived animals kept there, newest first) in the same round trip. Two statements, with and
# without a cursor, so each has the plan of an index walk from its own starting point; the
# page size is written in (a checked integer), because with `LIMIT $n` the prepared statement's
# generic plan took twice as long. A client uses few page sizes, so few statements.
_LIST_SQL = """
SELECT access.live_vivarium_id, access.member_role, page.*
FROM (
    SELECT v.id AS live_vivarium_id, m.role AS member_role
    FROM (SELECT 1) AS one
    LEFT JOIN core.vivariums AS v ON v.id = $1 AND v.deleted_at IS NULL
    LEFT JOIN core.memberships AS m ON m.vivarium_id = v.id AND m.user_id = $2
) AS access
LEFT JOIN LATERAL (
    SELECT {columns} FROM animal.animals AS a
    WHERE a.vivarium_id = $1 AND a.archived_at IS NULL {after}
    ORDER BY a.id DESC
    LIMIT {limit}
) AS page ON access.live_vivarium_id IS NOT NULL
ORDER BY page.id DESC
"""


@cache
def page_sql(limit: int, *, after_cursor: bool) -> str:
    """The statement for pages of `limit` animals (one more is read, to tell if more follow)."""
    return _LIST_SQL.format(
        columns=_COLUMNS, after="AND a.id < $3" if after_cursor else "", limit=int(limit) + 1
    )


_QUERY = frozenset({"vivarium_id", "limit", "cursor"})


def _limit(raw: str | None) -> int | None:
    if raw is None:
        return DEFAULT_PAGE_SIZE
    # Only plain decimal numbers in range; anything else gets the route's own 422.
    if not raw.isdigit() or raw.startswith("0") or int(raw) > MAX_PAGE_SIZE:
        return None
    return int(raw)


async def list_page(request: FastRequest) -> bytes | None:
    query = request.query
    if not query.keys() <= _QUERY or "vivarium_id" not in query:
        return None
    vivarium_id = canonical_uuid(query["vivarium_id"])
    limit = _limit(query.get("limit"))
    cursor = query.get("cursor")
    if vivarium_id is None or limit is None or (cursor is not None and not 0 < len(cursor) <= 64):
        return None
    arguments: list[object] = [vivarium_id, request.principal.user_id]
    if cursor is not None:
        try:
            arguments.append(decode_cursor(cursor))
        except UnprocessableEntity:
            return None
    async with raw_read_connection() as connection:
        rows = await connection.fetch(page_sql(limit, after_cursor=cursor is not None), *arguments)
    first = rows[0]
    member_role = first["member_role"]
    role = effective_vivarium_role(
        request.principal,
        vivarium_id,
        VivariumRole(member_role) if member_role is not None else None,
        live=first["live_vivarium_id"] is not None,
    )
    if role is None or not role.at_least(VivariumRole.keeper):
        # Not a member: a partner's view, or a 404; the route decides.
        return None
    animals = [row for row in rows if row["id"] is not None]
    page, next_cursor = split_page(animals, limit, lambda row: row["id"])
    # `AnimalPage` as pydantic writes it, the items' JSON written by PostgreSQL.
    items = ",".join(f"{row['head']}{_coi_json(row['coi'])}{row['tail']}" for row in page)
    cursor_json = to_json(next_cursor).decode()
    return f'{{"items":[{items}],"next_cursor":{cursor_json}}}'.encode()


def _coi_json(coi: float | None) -> str:
    return "null" if coi is None else to_json(coi).decode()
