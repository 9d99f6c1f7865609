"""The `world` fixture for sharing tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.core import User

from ..lineage.world import World, build_world


@pytest.fixture
async def world(
    db_session: AsyncSession,
    make_vivarium: Callable[..., Any],
    auth_headers: Callable[[User], dict[str, str]],
    make_animal: Callable[..., Any],
    species: Any,
) -> World:
    world = await build_world(db_session, make_vivarium, auth_headers, make_animal, species)
    # QR codes are a plan feature the default (Hobbyist) plan lacks.
    world.vivarium.entitlement_overrides = {"pedigree_qr": True}
    await db_session.flush()
    return world
