"""API keys act in repti-animal only within their scopes."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.auth.api_keys import generate_api_key, hash_api_key
from reptidex_common.models.animal import Animal
from reptidex_common.models.core import ApiKey, User
from reptidex_common.settings import get_settings
from reptidex_common.testing.plugin import UserFactory, VivariumFactory

from ..conftest import SpeciesFixture


async def _key(db_session: AsyncSession, user: User, scopes: list[str]) -> dict[str, str]:
    key = generate_api_key()
    db_session.add(
        ApiKey(
            user_id=user.id,
            name="integration",
            prefix=key[:10],
            key_hash=hash_api_key(key, get_settings().api_key_pepper.get_secret_value()),
            scopes=scopes,
        )
    )
    await db_session.flush()
    return {"Authorization": f"Bearer {key}"}


@pytest.mark.parametrize(
    ("scopes", "may_read", "may_write"),
    [
        (["embed"], False, False),
        (["listings:read"], False, False),
        (["animals:read"], True, False),
        (["animals:write"], True, True),
    ],
)
async def test_a_key_reads_and_writes_only_with_the_animal_scopes(
    client: httpx.AsyncClient,
    db_session: AsyncSession,
    make_user: UserFactory,
    make_vivarium: VivariumFactory,
    species: SpeciesFixture,
    scopes: list[str],
    may_read: bool,
    may_write: bool,
) -> None:
    owner = await make_user()
    vivarium = await make_vivarium(owner)
    headers = await _key(db_session, owner, scopes)

    listed = await client.get(f"/api/v1/animals?vivarium_id={vivarium.id}", headers=headers)
    assert listed.status_code == (200 if may_read else 403)
    created = await client.post(
        "/api/v1/animals",
        json={"vivarium_id": str(vivarium.id), "species_id": str(species.id)},
        headers=headers,
    )
    assert created.status_code == (201 if may_write else 403), created.text
    if not may_write:
        assert created.json()["type"].endswith("/missing-scope")
        count = await db_session.scalar(
            select(func.count()).select_from(Animal).where(Animal.vivarium_id == vivarium.id)
        )
        assert count == 0
