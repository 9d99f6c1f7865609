"""The `world` fixture for parent-link tests: the animal tests' cast."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.core import User

from ..animals.world import World, build_world


@pytest.fixture
async def world(
    db_session: AsyncSession,
    make_vivarium: Callable[..., Any],
    auth_headers: Callable[[User], dict[str, str]],
) -> World:
    return await build_world(db_session, make_vivarium, auth_headers)
