"""The matrix cast: a vivarium with a member of every role, an outsider, platform staff."""

from __future__ import annotations

import functools

import pytest

from reptidex_common.testing import matrix as cast
from reptidex_common.testing.matrix import ACTORS, World, ok_as, quick_user

__all__ = [
    "ACTORS",
    "ANY_MEMBER",
    "CURATOR_UP",
    "World",
    "assert_problem",
    "build_world",
    "matrix",
    "ok_as",
    "quick_user",
]

ANY_MEMBER = {"owner": 200, "curator": 200, "handler": 200, "keeper": 200, "outsider": 404,
              "anonymous": 401, "admin": 200, "support": 200}  # fmt: skip
CURATOR_UP = {**ANY_MEMBER, "handler": 403, "keeper": 403, "support": 403}

# Vivariums named by their slugs.
build_world = functools.partial(cast.build_world, names=None)
assert_problem = functools.partial(cast.assert_problem, detail=False)


def matrix(expected: dict[str, int]) -> pytest.MarkDecorator:
    assert set(expected) == set(ACTORS)
    return pytest.mark.parametrize(("actor", "expected"), list(expected.items()))
