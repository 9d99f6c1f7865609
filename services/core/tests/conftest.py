from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from repti_core.main import create_app
from reptidex_common.models.core import User

from .vivariums.world import World, build_world, quick_user


@pytest.fixture(scope="session")
def app() -> FastAPI:
    return create_app()


@pytest.fixture
def client(app: FastAPI, client_for: Callable[[FastAPI], httpx.AsyncClient]) -> httpx.AsyncClient:
    return client_for(app)


@pytest.fixture
async def world(
    db_session: AsyncSession,
    make_vivarium: Callable[..., Any],
    auth_headers: Callable[[User], dict[str, str]],
) -> World:
    return await build_world(db_session, make_vivarium, auth_headers)


@pytest.fixture
def new_user(db_session: AsyncSession) -> Callable[..., Any]:
    """Like make_user, without hashing a password for every user."""

    async def make(**fields: Any) -> User:
        return await quick_user(db_session, **fields)

    return make
