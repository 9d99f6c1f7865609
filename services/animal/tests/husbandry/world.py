"""The matrix cast for repti-animal tests: one vivarium with every role, an outsider, staff."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.core import User
from reptidex_common.testing.matrix import World, assert_problem, build_world, matrix, ok_as
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


# Rows of the matrix: keepers (and support) read, handlers write, curators manage.
READERS = {"owner": 200, "curator": 200, "handler": 200, "keeper": 200, "outsider": 404,
           "anonymous": 401, "admin": 200, "support": 200}  # fmt: skip
HANDLER_UP = {**READERS, "keeper": 403, "support": 403}
CURATOR_UP = {**HANDLER_UP, "handler": 403}
