"""Keyset (cursor) pagination over time-ordered UUIDv7 ids."""

from __future__ import annotations

import base64
import binascii
import uuid
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel
from sqlalchemy import Select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from reptidex_common.errors import UnprocessableEntity

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 50

ItemT = TypeVar("ItemT")


class Page(BaseModel, Generic[ItemT]):
    items: list[ItemT]
    next_cursor: str | None = None


def encode_cursor(last_id: uuid.UUID) -> str:
    return base64.urlsafe_b64encode(last_id.bytes).decode().rstrip("=")


def decode_cursor(cursor: str) -> uuid.UUID:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        return uuid.UUID(bytes=raw)
    except (ValueError, binascii.Error) as exc:
        raise UnprocessableEntity(
            "The cursor is not valid; start again from the first page."
        ) from exc


class PageParams(BaseModel):
    cursor: str | None = None
    limit: int = DEFAULT_PAGE_SIZE


def page_params(
    cursor: Annotated[
        str | None, Query(max_length=64, description="Opaque cursor from next_cursor")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = DEFAULT_PAGE_SIZE,
) -> PageParams:
    return PageParams(cursor=cursor, limit=limit)


RowT = TypeVar("RowT")


def split_page(
    rows: Sequence[RowT], limit: int, id_of: Callable[[RowT], uuid.UUID]
) -> tuple[list[RowT], str | None]:
    """Rows fetched with `limit + 1`: the page, and a cursor when the extra row shows more."""
    if len(rows) <= limit:
        return list(rows), None
    page = list(rows[:limit])
    return page, encode_cursor(id_of(page[-1]))


async def keyset_page(
    session: AsyncSession,
    statement: Select[Any],
    id_column: InstrumentedAttribute[uuid.UUID],
    params: PageParams,
    *,
    newest_first: bool = True,
) -> tuple[Sequence[Any], str | None]:
    """Fetch one page after the cursor; one extra row tells whether another page exists."""
    if params.cursor:
        last = decode_cursor(params.cursor)
        statement = statement.where(id_column < last if newest_first else id_column > last)
    order = id_column.desc() if newest_first else id_column.asc()
    paged = statement.order_by(order).limit(params.limit + 1)
    # Several columns (not one entity) come back as rows: cheaper than loading ORM objects.
    result = await session.execute(paged)
    rows = result.all() if len(paged.column_descriptions) > 1 else result.scalars().all()
    return split_page(rows, params.limit, lambda row: getattr(row, id_column.key))
