"""Database URL surgery that survives every form a server hands out.

pgserver gives `postgresql://postgres:@/reptidex?host=/path/to/socket`; string splitting on
"/" would cut the query off, so URLs are parsed instead.
"""

from __future__ import annotations

from sqlalchemy.engine import make_url


def with_database(url: str, database: str) -> str:
    """The same server and credentials, another database."""
    return make_url(url).set(database=database).render_as_string(hide_password=False)


def database_name(url: str) -> str:
    return make_url(url).database or ""


def libpq_url(url: str) -> str:
    """Drop a SQLAlchemy driver suffix, for psql and psycopg."""
    parsed = make_url(url)
    return parsed.set(drivername=parsed.drivername.split("+", 1)[0]).render_as_string(
        hide_password=False
    )
