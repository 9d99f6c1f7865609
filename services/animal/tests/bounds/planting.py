"""Plant an old bad row the way it was written before the bounds: straight into the table.

The CHECK constraints now refuse such values, so the test drops the one in its way inside its
own transaction (rolled back afterwards, constraint and all).
"""

from __future__ import annotations

import uuid

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

PLANTABLE = ("infinity", "-infinity")


def _statements(
    table: str, column: str, value: str, row_id: uuid.UUID
) -> list[tuple[str, dict[str, object]]]:
    # Names and value come from the tests themselves; an untyped literal lets PostgreSQL
    # read 'infinity' as the column's own type (a bound parameter would be typed by the driver).
    assert value in PLANTABLE, value
    drop = f"ALTER TABLE animal.{table} DROP CONSTRAINT IF EXISTS ck_{table}_{column}_in_range"
    update = f"UPDATE animal.{table} SET {column} = '{value}' WHERE id = :id"  # noqa: S608
    return [(drop, {}), (update, {"id": row_id})]


def plant(session: Session, table: str, column: str, value: str, row_id: uuid.UUID) -> None:
    """Set `table.column` of one row to `value` (SQL text such as 'infinity'), bypassing checks."""
    for statement, params in _statements(table, column, value, row_id):
        session.execute(text(statement), params)
    session.expire_all()


async def plant_async(
    session: AsyncSession, table: str, column: str, value: str, row_id: uuid.UUID
) -> None:
    for statement, params in _statements(table, column, value, row_id):
        await session.execute(text(statement), params)
