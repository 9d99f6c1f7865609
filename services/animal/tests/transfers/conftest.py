"""Fixtures of the transfer and lease tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.core import User, Vivarium

from .world import World, build_world, quick_user


@pytest.fixture
async def world(
    db_session: AsyncSession,
    make_vivarium: Callable[..., Any],
    auth_headers: Callable[[User], dict[str, str]],
) -> World:
    return await build_world(db_session, make_vivarium, auth_headers)


@dataclass
class Party:
    vivarium: Vivarium
    owner: User
    headers: dict[str, str]


@pytest.fixture
async def third(
    db_session: AsyncSession,
    make_vivarium: Callable[..., Any],
    auth_headers: Callable[[User], dict[str, str]],
) -> Party:
    owner = await quick_user(db_session, display_name="Third")
    return Party(await make_vivarium(owner), owner, auth_headers(owner))
