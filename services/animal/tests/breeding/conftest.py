"""The cast of the breeding tests: a vivarium with one member of each role, an outsider, staff,
and a breeding pair of the test species."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Animal
from reptidex_common.models.animal_enums import Sex
from reptidex_common.models.core import User
from reptidex_common.testing import matrix as cast
from reptidex_common.testing.matrix import ACTORS
from reptidex_common.testing.matrix import assert_problem as assert_problem  # re-exported
from reptidex_common.testing.plugin import VivariumFactory

from ..conftest import AnimalFactory, SpeciesFixture

ANY_MEMBER = {"owner": 200, "curator": 200, "handler": 200, "keeper": 200, "outsider": 404,
              "anonymous": 401, "admin": 200, "support": 200}  # fmt: skip
HANDLER_UP = {**ANY_MEMBER, "keeper": 403, "support": 403}
CURATOR_UP = {**HANDLER_UP, "handler": 403}


def matrix(rows: dict[str, int], success: int = 200) -> pytest.MarkDecorator:
    """Parametrize (actor, expected status) over every actor, with the success status swapped."""
    assert set(rows) == set(ACTORS)
    return pytest.mark.parametrize(
        ("actor", "expected"),
        [(actor, success if code == 200 else code) for actor, code in rows.items()],
    )


@dataclass
class World(cast.World):
    sire: Animal
    dam: Animal


@pytest.fixture
async def world(
    db_session: AsyncSession,
    make_vivarium: VivariumFactory,
    auth_headers: Callable[[User], dict[str, str]],
    species: SpeciesFixture,
    make_animal: AnimalFactory,
) -> World:
    base = await cast.build_world(
        db_session,
        make_vivarium,
        auth_headers,
        names=None,
        # Limits are tested on their own; here they would only get in the way.
        overrides={"max_pairings": None, "max_animals": None},
    )
    vivarium = base.vivarium
    sire = await make_animal(vivarium, species, sex=Sex.male, hatch_date=date(2020, 5, 1))
    dam = await make_animal(vivarium, species, sex=Sex.female, hatch_date=date(2019, 6, 1))
    await db_session.flush()
    return World(**vars(base), sire=sire, dam=dam)


# When the test pairings of season 2025 were introduced: before their clutches were laid.
INTRODUCED = "2025-03-01"


async def create_pairing(client: httpx.AsyncClient, world: World, **fields: Any) -> dict[str, Any]:
    """A 2025 pairing; one created past `planned` is dated as introduced on INTRODUCED."""
    if fields.get("status", "planned") != "planned" and "events" not in fields:
        fields["events"] = {f"{fields['status']}_at": INTRODUCED}
    body = {"sire_id": str(world.sire.id), "dam_id": str(world.dam.id), "season": 2025, **fields}
    response = await client.post("/api/v1/pairings", json=body, headers=world.headers())
    assert response.status_code == 201, response.text
    pairing: dict[str, Any] = response.json()
    return pairing


async def lay_clutch(
    client: httpx.AsyncClient, world: World, pairing_id: str, **fields: Any
) -> dict[str, Any]:
    body = {"laid_date": "2025-04-01", "eggs_total": 6, "eggs_fertile": 5, "eggs_infertile": 1}
    response = await client.post(
        f"/api/v1/pairings/{pairing_id}/clutches", json={**body, **fields}, headers=world.headers()
    )
    assert response.status_code == 201, response.text
    clutch: dict[str, Any] = response.json()
    return clutch
