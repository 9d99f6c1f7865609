"""The authorization matrix of every lineage endpoint that takes an animal id.

Keeper and up of the animal's vivarium (and platform staff) may read; a member of another
vivarium gets 404 as if the animal did not exist; anonymous callers 401.
"""

from __future__ import annotations

import uuid

import httpx
import pytest

from .world import ANY_MEMBER, World, matrix

READS = ["pedigree", "descendants", "siblings", "coi"]


@pytest.mark.parametrize("endpoint", READS)
@matrix(**ANY_MEMBER)
async def test_read_matrix(
    client: httpx.AsyncClient, world: World, endpoint: str, actor: str, expected: int
) -> None:
    sire, dam = await world.pair()
    animal = await world.male(sire=sire, dam=dam)
    await world.female(sire=sire, dam=dam)
    response = await client.get(
        f"/api/v1/animals/{animal.id}/{endpoint}", headers=world.headers(actor)
    )
    assert response.status_code == expected, response.text
    if expected != 200:
        assert response.headers["content-type"] == "application/problem+json"
        assert str(sire.id) not in response.text


@pytest.mark.parametrize("endpoint", READS)
async def test_unknown_animal_is_404(
    client: httpx.AsyncClient, world: World, endpoint: str
) -> None:
    response = await client.get(
        f"/api/v1/animals/{uuid.uuid4()}/{endpoint}", headers=world.headers("owner")
    )
    assert response.status_code == 404


@matrix(**ANY_MEMBER)
async def test_what_if_matrix(
    client: httpx.AsyncClient, world: World, actor: str, expected: int
) -> None:
    sire, dam = await world.pair()
    response = await client.post(
        "/api/v1/coi/what-if",
        json={"sire_id": str(sire.id), "dam_id": str(dam.id)},
        headers=world.headers(actor),
    )
    assert response.status_code == expected, response.text
