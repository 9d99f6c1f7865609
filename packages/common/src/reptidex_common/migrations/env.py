"""One Alembic history for the whole database, a schema per service."""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy import create_engine, pool

import reptidex_common.models  # noqa: F401  (registers every table on the metadata)
from reptidex_common.db.base import SERVICE_SCHEMAS, Base
from reptidex_common.settings import get_settings

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    if type_ == "schema":
        return name in SERVICE_SCHEMAS
    return True


def run_migrations() -> None:
    url = config.attributes.get("database_url") or get_settings().sync_database_url
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            include_schemas=True,
            include_name=include_name,
            compare_type=True,
            version_table_schema="public",
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations()
