"""Pytest plugin: a real database built by `alembic upgrade head`, each test rolled back.

Loaded for every test run (`-p reptidex_common.testing.plugin`). It needs real PostgreSQL and
Redis servers: `make test` starts them and writes their URLs to `.data/stack.env`.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from alembic import command
from alembic.config import Config
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import NullPool

from reptidex_common.auth.dependencies import auth_state
from reptidex_common.auth.jwks import StaticJwks
from reptidex_common.auth.keys import SigningKey, load_or_create_signing_key
from reptidex_common.auth.passwords import hash_password
from reptidex_common.auth.tokens import issue_access_token
from reptidex_common.db import engine as db_engine
from reptidex_common.db.urls import database_name, libpq_url, with_database
from reptidex_common.models.core import Membership, Plan, User, Vivarium
from reptidex_common.models.enums import PlatformRole, VivariumRole
from reptidex_common.redis import close_redis, get_redis, with_redis_db
from reptidex_common.settings import REPO_ROOT, get_settings
from reptidex_common.testing import hypothesis_profiles

DEFAULT_PASSWORD = "correct-horse-battery-9"
ALEMBIC_INI = REPO_ROOT / "packages" / "common" / "alembic.ini"

# Before any test module is imported, so every @settings derives from the profile.
hypothesis_profiles.load()


def _load_stack_env() -> None:
    stack_env = REPO_ROOT / ".data" / "stack.env"
    if stack_env.exists():
        for line in stack_env.read_text().splitlines():
            key, _, value = line.partition("=")
            if key and value:
                os.environ.setdefault(key, value)


def _slot() -> int:
    """Which test database and Redis db this process uses.

    xdist workers get their own; REPTIDEX_TEST_SLOT separates runs that share one machine.
    """
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    return int(os.environ.get("REPTIDEX_TEST_SLOT", "0")) * 4 + worker


def pytest_configure(config: pytest.Config) -> None:
    _load_stack_env()
    if "DATABASE_URL" not in os.environ or "REDIS_URL" not in os.environ:
        raise pytest.UsageError("Run the tests with `make test` (it starts PostgreSQL and Redis).")
    index = _slot()
    base_url = os.environ["DATABASE_URL"]
    test_url = with_database(base_url, f"reptidex_test_{index}")
    os.environ["REPTIDEX_ADMIN_DATABASE_URL"] = with_database(base_url, "postgres")
    os.environ["DATABASE_URL"] = test_url
    os.environ["REDIS_URL"] = with_redis_db(os.environ["REDIS_URL"], 1 + index % 31)
    data_dir = Path(tempfile.mkdtemp(prefix="reptidex-test-"))
    os.environ["DATA_DIR"] = str(data_dir)
    os.environ["ENVIRONMENT"] = "test"
    os.environ["LOG_LEVEL"] = "WARNING"
    get_settings.cache_clear()


def alembic_config(database_url: str) -> Config:
    config = Config(str(ALEMBIC_INI))
    config.attributes["database_url"] = database_url
    config.attributes["configure_logger"] = False
    return config


def recreate_database(database_url: str) -> None:
    name = database_name(database_url)
    with psycopg.connect(
        libpq_url(os.environ["REPTIDEX_ADMIN_DATABASE_URL"]), autocommit=True
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


@pytest.fixture(scope="session")
def migrated_database() -> str:
    settings = get_settings()
    recreate_database(settings.database_url)
    command.upgrade(alembic_config(settings.sync_database_url), "head")
    return settings.database_url


@pytest.fixture(scope="session")
def signing_key() -> SigningKey:
    key = load_or_create_signing_key(get_settings().private_key_path, create=True)
    auth_state.jwks = StaticJwks(key.jwks())
    return key


@pytest.fixture(scope="session")
async def db_engine_for_tests(migrated_database: str) -> AsyncIterator[AsyncEngine]:
    engine = create_async_engine(migrated_database, poolclass=NullPool)
    yield engine
    await engine.dispose()


@pytest.fixture(autouse=True)
async def _isolated_state(
    request: pytest.FixtureRequest, db_engine_for_tests: AsyncEngine, signing_key: SigningKey
) -> AsyncIterator[None]:
    """Each test runs inside one transaction that is rolled back (create_savepoint recipe).

    Tests marked `worker` commit for real, because a Celery worker in another thread must see
    their rows; they clean up after themselves.
    """
    await get_redis().flushdb()
    if request.node.get_closest_marker("worker"):
        db_engine.state.sessionmaker = async_sessionmaker(
            db_engine_for_tests, expire_on_commit=False
        )
        yield
        db_engine.state.sessionmaker = None
        return
    async with db_engine_for_tests.connect() as connection:
        transaction = await connection.begin()
        db_engine.state.sessionmaker = async_sessionmaker(
            bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
        )
        try:
            yield
        finally:
            db_engine.state.sessionmaker = None
            await transaction.rollback()
            await close_redis()


@pytest.fixture
async def db_session() -> AsyncIterator[AsyncSession]:
    """A session on the test's transaction, for arranging data and checking what was written."""
    assert db_engine.state.sessionmaker is not None
    async with db_engine.state.sessionmaker() as session:
        yield session
        await session.commit()


@pytest.fixture
async def client_for() -> AsyncIterator[Callable[[FastAPI], httpx.AsyncClient]]:
    """Real HTTP requests through the app's ASGI interface."""
    clients: list[httpx.AsyncClient] = []

    def make(app: FastAPI) -> httpx.AsyncClient:
        client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver"
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.aclose()


@cache
def _password_hash(password: str) -> str:
    """argon2 is slow on purpose; tests make many users with the same few passwords."""
    return hash_password(password)


UserFactory = Callable[..., Awaitable[User]]
VivariumFactory = Callable[..., Awaitable[Vivarium]]


@pytest.fixture
def make_user(db_session: AsyncSession) -> UserFactory:
    async def make(
        *,
        email: str | None = None,
        password: str = DEFAULT_PASSWORD,
        display_name: str = "Test Keeper",
        platform_role: PlatformRole = PlatformRole.user,
        **fields: Any,
    ) -> User:
        user = User(
            email=email or f"user-{uuid.uuid4().hex[:10]}@example.com",
            password_hash=_password_hash(password),
            display_name=display_name,
            platform_role=platform_role,
            **fields,
        )
        db_session.add(user)
        await db_session.flush()
        return user

    return make


@pytest.fixture
def make_vivarium(db_session: AsyncSession) -> VivariumFactory:
    async def make(
        owner: User,
        *,
        name: str | None = None,
        members: dict[uuid.UUID, VivariumRole] | None = None,
    ) -> Vivarium:
        from sqlalchemy import select

        plan = (await db_session.scalars(select(Plan).where(Plan.is_default.is_(True)))).one()
        slug = f"viv-{uuid.uuid4().hex[:10]}"
        vivarium = Vivarium(name=name or slug, slug=slug, plan_id=plan.id)
        db_session.add(vivarium)
        await db_session.flush()
        db_session.add(
            Membership(vivarium_id=vivarium.id, user_id=owner.id, role=VivariumRole.herpetologist)
        )
        for user_id, role in (members or {}).items():
            db_session.add(Membership(vivarium_id=vivarium.id, user_id=user_id, role=role))
        await db_session.flush()
        return vivarium

    return make


@pytest.fixture
def auth_headers(signing_key: SigningKey) -> Callable[[User], dict[str, str]]:
    """Headers carrying a real access token signed with the test key, as core would issue it."""

    def headers(user: User) -> dict[str, str]:
        settings = get_settings()
        token = issue_access_token(
            signing_key,
            user_id=user.id,
            platform_role=user.platform_role,
            issuer=settings.jwt_issuer,
            audience=settings.jwt_audience,
            ttl_seconds=settings.access_token_ttl_seconds,
        )
        return {"Authorization": f"Bearer {token}"}

    return headers
