"""The authorization matrix cast: one vivarium with a member of every role, an outsider
(a member of another vivarium), platform staff, and helpers to call the API as each of them."""

from __future__ import annotations

import functools
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Animal
from reptidex_common.testing import matrix as cast
from reptidex_common.testing.matrix import (
    ACTORS,
    KEY_ACTORS,
    World,
    assert_problem,
    key_rows,
    ok_as,
)

__all__ = [
    "CURATE",
    "READ",
    "WRITE",
    "World",
    "assert_problem",
    "build_world",
    "count_animals",
    "error_fields",
    "matrix",
    "ok_as",
]

# The owner's keys act as the owner, within their scopes: animal data needs an animals scope.
KEYS_READ = {
    f"key:{scope}": code for scope, code in key_rows("animals:read", "animals:write").items()
}
KEYS_WRITE = {f"key:{scope}": code for scope, code in key_rows("animals:write").items()}
READ = {"owner": 200, "curator": 200, "handler": 200, "keeper": 200, "outsider": 404,
        "anonymous": 401, "admin": 200, "support": 200, **KEYS_READ}  # fmt: skip
WRITE = {**READ, "keeper": 403, "support": 403, **KEYS_WRITE}
CURATE = {**WRITE, "handler": 403}


# Vivariums named by their slugs.
build_world = functools.partial(cast.build_world, names=None)


def matrix(expected: dict[str, int]) -> pytest.MarkDecorator:
    # Every actor; the API-key actors may be left out where a test is about people only.
    assert set(ACTORS) <= set(expected) <= {*ACTORS, *KEY_ACTORS}, set(expected)
    return pytest.mark.parametrize(("actor", "status"), list(expected.items()))


def error_fields(body: dict[str, Any]) -> list[str]:
    return [error["field"] for error in body.get("errors", [])]


async def count_animals(db_session: AsyncSession) -> int:
    return int(await db_session.scalar(select(func.count()).select_from(Animal)) or 0)
