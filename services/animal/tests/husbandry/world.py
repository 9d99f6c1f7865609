"""The matrix cast for repti-animal tests: one vivarium with every role, an outsider, staff."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.core import User
from reptidex_common.testing.matrix import (
    World,
    assert_problem,
    build_world,
    key_rows,
    matrix,
    ok_as,
)
from reptidex_common.testing.plugin import VivariumFactory

__all__ = [
    "CURATOR_UP",
    "HANDLER_UP",
    "READERS",
    "World",
    "assert_problem",
    "matrix",
    "ok_as",
    "world",
]


@pytest.fixture
async def world(
    db_session: AsyncSession,
    make_vivarium: VivariumFactory,
    auth_headers: Callable[[User], dict[str, str]],
) -> World:
    return await build_world(db_session, make_vivarium, auth_headers)


# Rows of the matrix: keepers (and support) read, handlers write, curators manage; the
# owner's keys act as the owner within their scopes (husbandry data needs a husbandry scope).
KEYS_READ = {f"key:{s}": c for s, c in key_rows("husbandry:read", "husbandry:write").items()}
KEYS_WRITE = {f"key:{s}": c for s, c in key_rows("husbandry:write").items()}
READERS = {"owner": 200, "curator": 200, "handler": 200, "keeper": 200, "outsider": 404,
           "anonymous": 401, "admin": 200, "support": 200, **KEYS_READ}  # fmt: skip
HANDLER_UP = {**READERS, "keeper": 403, "support": 403, **KEYS_WRITE}
CURATOR_UP = {**HANDLER_UP, "handler": 403}
