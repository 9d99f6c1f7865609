"""The API-key actor in repti-animal's authorization matrix: the owner's keys, one per scope,
bound to the vivarium. Each kind of data answers only the keys whose scopes name it (write
scopes read too); public data answers every key as it answers anyone; a write a key's scope
allows gets past authorization (here to the 422 of an empty body), any other is 403."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Animal
from reptidex_common.models.animal_enums import Visibility
from reptidex_common.models.core import User
from reptidex_common.testing.matrix import (
    World,
    assert_problem,
    build_world,
    key_matrix,
    key_rows,
)
from reptidex_common.testing.plugin import VivariumFactory

from .conftest import AnimalFactory, SpeciesFixture

Headers = Callable[[User], dict[str, str]]
ANIMALS = ("animals:read", "animals:write")
BREEDING = ("breeding:read", "breeding:write")
HUSBANDRY = ("husbandry:read", "husbandry:write")
EVERY_SCOPE = ANIMALS + BREEDING + HUSBANDRY + (
    "listings:read", "listings:write", "media:write", "webhooks:manage", "embed")  # fmt: skip


class Cast:
    def __init__(self, world: World, animal: Animal, public: Animal) -> None:
        self.world = world
        self.animal = animal
        self.public = public

    def urls(self, template: str) -> str:
        return template.format(
            viv=self.world.vivarium.id, animal=self.animal.id, public=self.public.id
        )


@pytest.fixture
async def cast(
    db_session: AsyncSession,
    make_vivarium: VivariumFactory,
    auth_headers: Headers,
    make_animal: AnimalFactory,
    species: SpeciesFixture,
) -> Cast:
    world = await build_world(db_session, make_vivarium, auth_headers)
    # QR codes are a plan feature; the matrix is about scopes, so the plan grants it.
    world.vivarium.entitlement_overrides = {"pedigree_qr": True}
    await db_session.flush()
    animal = await make_animal(world.vivarium, species)
    public = await make_animal(world.vivarium, species, visibility=Visibility.public)
    return Cast(world, animal, public)


READS = {
    "animals": (ANIMALS, [
        "/api/v1/animals?vivarium_id={viv}",
        "/api/v1/animals/{animal}",
        "/api/v1/animals/{animal}/genotype",
        "/api/v1/animals/{animal}/pedigree",
        "/api/v1/animals/{animal}/coi",
        "/api/v1/animals/{animal}/qr.svg",
        "/api/v1/vivariums/{viv}/animals/export",
        "/api/v1/transfers?vivarium_id={viv}",
        "/api/v1/vivariums/{viv}/leased-out",
    ]),
    "breeding": (BREEDING, [
        "/api/v1/pairings?vivarium_id={viv}",
        "/api/v1/clutches?vivarium_id={viv}",
        "/api/v1/vivariums/{viv}/breeding/stats",
    ]),
    "husbandry": (HUSBANDRY, [
        "/api/v1/animals/{animal}/logs",
        "/api/v1/animals/{animal}/weights",
        "/api/v1/animals/{animal}/feeding",
        "/api/v1/vivariums/{viv}/today",
        "/api/v1/vivariums/{viv}/reminders",
        "/api/v1/vivariums/{viv}/due-notifications",
        "/api/v1/vivariums/{viv}/enclosures",
    ]),
    "public": (EVERY_SCOPE, [
        "/api/v1/species",
        "/api/v1/public/animals/{public}",
        "/api/v1/public/animals/{public}/pedigree",
        "/api/v1/health",
        "/api/v1/whoami",
    ]),
}  # fmt: skip

WRITES: dict[str, tuple[tuple[str, ...], list[tuple[str, str]]]] = {
    "animals": (("animals:write",), [
        ("POST", "/api/v1/animals"),
        ("PATCH", "/api/v1/animals/{animal}"),
        ("PUT", "/api/v1/animals/{animal}/genotype"),
    ]),
    # A POST that only computes: reading animals is enough.
    "what-if": (ANIMALS, [
        ("POST", "/api/v1/coi/what-if"),
    ]),
    "breeding": (("breeding:write",), [
        ("POST", "/api/v1/pairings"),
    ]),
    "genetics": (BREEDING, [
        ("POST", "/api/v1/genetics/predict"),
    ]),
    "husbandry": (("husbandry:write",), [
        ("POST", "/api/v1/animals/{animal}/logs"),
        ("POST", "/api/v1/logs/batch"),
        ("POST", "/api/v1/vivariums/{viv}/reminders"),
        ("POST", "/api/v1/vivariums/{viv}/enclosures"),
    ]),
    # Giving an animal away or lending it needs a signed-in user, whatever the key.
    "transfers": ((), [
        ("POST", "/api/v1/transfers"),
        ("POST", "/api/v1/leases"),
    ]),
    # The catalogue is staff's; a key never carries staff powers.
    "catalogue": ((), [
        ("POST", "/api/v1/species"),
    ]),
}  # fmt: skip


@key_matrix(**key_rows(*ANIMALS))
async def test_animal_data_needs_an_animals_scope(
    client: httpx.AsyncClient, cast: Cast, actor: str, expected: int
) -> None:
    await _reads(client, cast, "animals", actor, expected)


@key_matrix(**key_rows(*BREEDING))
async def test_breeding_data_needs_a_breeding_scope(
    client: httpx.AsyncClient, cast: Cast, actor: str, expected: int
) -> None:
    await _reads(client, cast, "breeding", actor, expected)


@key_matrix(**key_rows(*HUSBANDRY))
async def test_husbandry_data_needs_a_husbandry_scope(
    client: httpx.AsyncClient, cast: Cast, actor: str, expected: int
) -> None:
    await _reads(client, cast, "husbandry", actor, expected)


@key_matrix(**key_rows(*EVERY_SCOPE))
async def test_public_data_answers_every_key(
    client: httpx.AsyncClient, cast: Cast, actor: str, expected: int
) -> None:
    await _reads(client, cast, "public", actor, expected)


async def _reads(
    client: httpx.AsyncClient, cast: Cast, kind: str, actor: str, expected: int
) -> None:
    for template in READS[kind][1]:
        url = cast.urls(template)
        response = await client.get(url, headers=cast.world.headers(actor))
        if expected == 200:
            assert response.status_code == 200, (url, response.text)
        else:
            problem = assert_problem(response, expected)
            assert problem["type"].endswith("/missing-scope"), url


@pytest.mark.parametrize("kind", list(WRITES))
@key_matrix(**dict.fromkeys(EVERY_SCOPE, 0))
async def test_writes_need_the_write_scope_of_their_kind(
    client: httpx.AsyncClient, cast: Cast, kind: str, actor: str, expected: int
) -> None:
    allowed, requests = WRITES[kind]
    for method, template in requests:
        url = cast.urls(template)
        # An empty body, or for a PATCH (where empty is valid) a value no field accepts.
        body = {"sex": "neither"} if method == "PATCH" else {}
        response = await client.request(method, url, json=body, headers=cast.world.headers(actor))
        if actor.removeprefix("key:") in allowed:
            # Past authorization: the empty body is what is refused.
            assert_problem(response, 422)
        else:
            problem = assert_problem(response, 403)
            wanted = "/missing-scope" if allowed else "/signed-in-user-required"
            assert problem["type"].endswith(wanted), (method, url, problem)


@key_matrix(**key_rows(*ANIMALS, ok=404, refused=403))
async def test_a_key_bound_to_its_vivarium_sees_no_other(
    client: httpx.AsyncClient,
    cast: Cast,
    make_animal: AnimalFactory,
    species: SpeciesFixture,
    actor: str,
    expected: int,
) -> None:
    # The owner's key, bound to the owner's vivarium; the outsider's private animal elsewhere.
    stranger = await make_animal(cast.world.other, species)
    headers = cast.world.headers(actor)
    for url in (
        f"/api/v1/animals/{stranger.id}",
        f"/api/v1/animals?vivarium_id={cast.world.other.id}",
    ):
        assert_problem(await client.get(url, headers=headers), expected)
