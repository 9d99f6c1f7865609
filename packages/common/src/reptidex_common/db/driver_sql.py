"""SQLAlchemy statements written out once for asyncpg, for reads sent straight to the driver."""

from __future__ import annotations

from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.sql import ClauseElement

_DIALECT = asyncpg_dialect()  # type: ignore[no-untyped-call]


def driver_sql(statement: ClauseElement) -> tuple[str, tuple[str, ...]]:
    """The statement's text (`$1`, `$2`, ...) and the names of its parameters, in order."""
    compiled = statement.compile(dialect=_DIALECT)
    return compiled.string, tuple(getattr(compiled, "positiontup", None) or ())
