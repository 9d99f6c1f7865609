"""A vivarium with one member of every role, an outsider and platform staff: the matrix cast."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.core import User
from reptidex_common.testing import matrix as cast
from reptidex_common.testing.matrix import ACTORS, World, assert_problem, matrix, ok_as, quick_user
from reptidex_common.testing.plugin import VivariumFactory

__all__ = [
    "ACTORS",
    "ANY_MEMBER",
    "CURATOR_UP",
    "OWNER_ONLY",
    "World",
    "assert_problem",
    "build_world",
    "matrix",
    "ok_as",
    "quick_user",
]


async def build_world(
    db_session: AsyncSession,
    make_vivarium: VivariumFactory,
    auth_headers: Callable[[User], dict[str, str]],
) -> World:
    return await cast.build_world(
        db_session,
        make_vivarium,
        auth_headers,
        # Seats are tested on their own; here they would only get in the way.
        overrides={"collaborators": None},
        # The factory leaves settings empty; give it what the API would have.
        settings={"animal_id_template": "{SPECIES}-{SEQ:03}", "default_species_id": None},
    )


# Common rows of the matrix.
ANY_MEMBER = {"owner": 200, "curator": 200, "handler": 200, "keeper": 200, "outsider": 404,
              "anonymous": 401, "admin": 200, "support": 200}  # fmt: skip
CURATOR_UP = {**ANY_MEMBER, "handler": 403, "keeper": 403, "support": 403}
OWNER_ONLY = {**CURATOR_UP, "curator": 403}
