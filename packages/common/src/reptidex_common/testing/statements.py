"""Count the SQL a request sends, so tests can pin a read to a fixed number of statements."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from reptidex_common.db.engine import state as db_state

# Tests run each request inside savepoints of one outer transaction; these are the harness's
# bookkeeping, not statements a request costs in production.
_HARNESS_PREFIXES = ("SAVEPOINT ", "RELEASE SAVEPOINT ", "ROLLBACK TO SAVEPOINT ")


@contextmanager
def recorded_statements(engine: AsyncEngine) -> Iterator[list[str]]:
    """Every statement `engine` (or a hot read, to the driver) sends meanwhile, savepoint
    bookkeeping left out."""
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not statement.startswith(_HARNESS_PREFIXES):
            statements.append(statement)

    def record_raw(statement: str) -> None:
        statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    # Hot reads send their statements straight to the driver (`db.engine.raw_read_connection`).
    db_state.raw_statement_listeners.append(record_raw)
    try:
        yield statements
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)
        db_state.raw_statement_listeners.remove(record_raw)
