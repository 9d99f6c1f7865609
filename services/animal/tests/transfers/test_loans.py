"""A lease lends the animal's use; a partnership lets partners read what they share.

The matrix rows are the actors a lease or partnership adds to the usual cast: the borrower's
members (by role), a partner, a former borrower whose lease ended, and an outsider.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Animal, HusbandryLog, Pairing
from reptidex_common.models.animal_enums import AnimalStatus, Sex, Visibility
from reptidex_common.models.core import Partnership, User, Vivarium
from reptidex_common.models.enums import PartnershipStatus, VivariumRole

from ..conftest import AnimalFactory
from ..conftest import SpeciesFixture as SpeciesFixture
from .test_leases import active_lease
from .world import World, assert_problem, quick_user

LOAN_ACTORS = ("borrower", "borrower_keeper", "partner", "former_borrower", "outsider")


@dataclass
class Cast:
    animal: Animal  # the lender's male: on loan to "borrower", shared with "partner"
    headers: dict[str, dict[str, str]]
    vivariums: dict[str, Vivarium]
    females: dict[str, Animal]  # each actor's own female of the same species


async def partnership(db_session: AsyncSession, a: Vivarium, b: Vivarium, user: User) -> None:
    db_session.add(
        Partnership(
            requester_vivarium_id=a.id,
            partner_vivarium_id=b.id,
            status=PartnershipStatus.active,
            proposed_by_id=user.id,
        )
    )
    await db_session.flush()


@pytest.fixture
async def cast(
    client: httpx.AsyncClient, world: World, species: SpeciesFixture, make_animal: AnimalFactory,
    make_vivarium: Callable[..., Any], auth_headers: Callable[[User], dict[str, str]],
    db_session: AsyncSession,
) -> Cast:  # fmt: skip
    animal = await make_animal(
        world.vivarium, species, sex=Sex.male, name="Stud", visibility=Visibility.lineage_only
    )
    users = {actor: await quick_user(db_session, display_name=actor) for actor in LOAN_ACTORS}
    keeper = users["borrower_keeper"]
    vivariums = {
        "borrower": await make_vivarium(
            users["borrower"], members={keeper.id: VivariumRole.keeper}
        ),
        "partner": await make_vivarium(users["partner"]),
        "former_borrower": await make_vivarium(users["former_borrower"]),
        "outsider": await make_vivarium(users["outsider"]),
    }
    vivariums["borrower_keeper"] = vivariums["borrower"]
    await partnership(db_session, world.vivarium, vivariums["partner"], world.users["owner"])
    former = await active_lease(
        client, animal, vivariums["former_borrower"], world.headers("owner")
    )
    assert (await client.post(f"/api/v1/leases/{former}/return", headers=world.owner)).is_success
    await active_lease(client, animal, vivariums["borrower"], world.headers("owner"))
    females = {
        actor: await make_animal(vivarium, species, sex=Sex.female)
        for actor, vivarium in vivariums.items()
    }
    headers = {actor: auth_headers(user) for actor, user in users.items()}
    return Cast(animal, headers, vivariums, females)


def loan_matrix(**expected: int) -> pytest.MarkDecorator:
    assert set(expected) == set(LOAN_ACTORS)
    return pytest.mark.parametrize(("actor", "expected"), list(expected.items()))


@loan_matrix(borrower=200, borrower_keeper=200, partner=200, former_borrower=404, outsider=404)
async def test_read_record_and_history_matrix(
    client: httpx.AsyncClient, cast: Cast, actor: str, expected: int
) -> None:
    headers = cast.headers[actor]
    for path in ("", "/logs", "/pedigree", "/weights"):
        response = await client.get(f"/api/v1/animals/{cast.animal.id}{path}", headers=headers)
        assert response.status_code == expected, (path, response.text)


@loan_matrix(borrower=201, borrower_keeper=403, partner=403, former_borrower=404, outsider=404)
async def test_log_care_matrix(
    client: httpx.AsyncClient, cast: Cast, db_session: AsyncSession, actor: str, expected: int
) -> None:
    response = await client.post(
        f"/api/v1/animals/{cast.animal.id}/logs",
        json={"kind": "note", "notes": "Settled in"},
        headers=cast.headers[actor],
    )
    assert response.status_code == expected, response.text
    if expected == 201:
        log = await db_session.get(HusbandryLog, response.json()["id"])
        assert log is not None
        # Written where the animal is kept: the lender's history shows it came from the loan.
        assert log.vivarium_id == cast.vivariums[actor].id


@loan_matrix(borrower=201, borrower_keeper=403, partner=403, former_borrower=404, outsider=404)
async def test_pair_matrix(
    client: httpx.AsyncClient, cast: Cast, db_session: AsyncSession, actor: str, expected: int
) -> None:
    body = {"sire_id": str(cast.animal.id), "dam_id": str(cast.females[actor].id)}
    response = await client.post("/api/v1/pairings", json=body, headers=cast.headers[actor])
    assert response.status_code == expected, response.text
    if expected == 201:
        assert response.json()["vivarium_id"] == str(cast.vivariums[actor].id)


@loan_matrix(borrower=403, borrower_keeper=403, partner=403, former_borrower=404, outsider=404)
async def test_record_stays_the_lenders_matrix(
    client: httpx.AsyncClient, cast: Cast, db_session: AsyncSession, actor: str, expected: int
) -> None:
    url = f"/api/v1/animals/{cast.animal.id}"
    headers = cast.headers[actor]
    assert_problem(await client.patch(url, json={"name": "Mine"}, headers=headers), expected)
    assert_problem(await client.delete(url, headers=headers), expected)
    await db_session.refresh(cast.animal)
    assert cast.animal.name == "Stud"
    assert cast.animal.archived_at is None


async def test_borrower_batch_logs_and_picks_the_leased_animal(
    client: httpx.AsyncClient, cast: Cast
) -> None:
    headers = cast.headers["borrower"]
    batch = await client.post(
        "/api/v1/logs/batch",
        json={"animal_ids": [str(cast.animal.id), str(cast.females["borrower"].id)],
              "log": {"kind": "note", "notes": "Rack check"}},
        headers=headers,
    )  # fmt: skip
    assert batch.status_code == 201, batch.text
    listed = await client.get(
        "/api/v1/animals",
        params={"vivarium_id": str(cast.vivariums["borrower"].id), "include_leased_in": "true"},
        headers=headers,
    )
    assert str(cast.animal.id) in [a["id"] for a in listed.json()["items"]]


async def test_the_animal_is_on_the_borrowers_today_list_not_the_lenders(
    client: httpx.AsyncClient, world: World, cast: Cast
) -> None:
    async def today_ids(vivarium: Vivarium, headers: dict[str, str]) -> set[str]:
        today = await client.get(f"/api/v1/vivariums/{vivarium.id}/today", headers=headers)
        assert today.status_code == 200, today.text
        rows = today.json()["feedings"] + today.json()["weighings"]
        return {row["animal"]["id"] for row in rows}

    assert str(cast.animal.id) in await today_ids(
        cast.vivariums["borrower"], cast.headers["borrower"]
    )
    assert str(cast.animal.id) not in await today_ids(world.vivarium, world.owner)


async def test_partners_read_shared_animals_and_pairings_only(
    client: httpx.AsyncClient, world: World, cast: Cast, species: SpeciesFixture,
    make_animal: AnimalFactory, db_session: AsyncSession,
) -> None:  # fmt: skip
    headers = cast.headers["partner"]
    private = await make_animal(world.vivarium, species, sex=Sex.female)
    shared_dam = await make_animal(
        world.vivarium, species, sex=Sex.female, visibility=Visibility.public
    )
    assert_problem(await client.get(f"/api/v1/animals/{private.id}", headers=headers), 404)
    listed = await client.get(
        "/api/v1/animals", params={"vivarium_id": str(world.vivarium.id)}, headers=headers
    )
    assert listed.status_code == 200, listed.text
    ids = {a["id"] for a in listed.json()["items"]}
    assert str(shared_dam.id) in ids
    assert str(private.id) not in ids

    sire = await make_animal(world.vivarium, species, sex=Sex.male, visibility=Visibility.public)
    shared = Pairing(vivarium_id=world.vivarium.id, sire_id=sire.id, dam_id=shared_dam.id)
    hidden = Pairing(vivarium_id=world.vivarium.id, sire_id=sire.id, dam_id=private.id)
    db_session.add_all([shared, hidden])
    await db_session.flush()
    assert (await client.get(f"/api/v1/pairings/{shared.id}", headers=headers)).status_code == 200
    assert_problem(await client.get(f"/api/v1/pairings/{hidden.id}", headers=headers), 404)
    pairings = await client.get(
        "/api/v1/pairings", params={"vivarium_id": str(world.vivarium.id)}, headers=headers
    )
    assert pairings.status_code == 200, pairings.text
    assert [p["id"] for p in pairings.json()["items"]] == [str(shared.id)]
    # The grant ends with the partnership.
    ended = await db_session.scalar(
        select(Partnership).where(Partnership.partner_vivarium_id == cast.vivariums["partner"].id)
    )
    assert ended is not None
    ended.status = PartnershipStatus.ended
    await db_session.flush()
    assert_problem(await client.get(f"/api/v1/animals/{shared_dam.id}", headers=headers), 404)
    outsider = cast.headers["outsider"]
    assert_problem(await client.get(f"/api/v1/pairings/{shared.id}", headers=outsider), 404)
    assert_problem(
        await client.get(
            "/api/v1/animals", params={"vivarium_id": str(world.vivarium.id)}, headers=outsider
        ),
        404,
    )


async def test_lender_reads_the_borrowers_pairing_of_its_animal(
    client: httpx.AsyncClient, world: World, cast: Cast
) -> None:
    body = {"sire_id": str(cast.animal.id), "dam_id": str(cast.females["borrower"].id)}
    created = await client.post("/api/v1/pairings", json=body, headers=cast.headers["borrower"])
    assert created.status_code == 201, created.text
    seen = await client.get(f"/api/v1/pairings/{created.json()['id']}", headers=world.owner)
    assert seen.status_code == 200, seen.text


async def test_status_lease_comes_only_from_a_lease(
    client: httpx.AsyncClient, world: World, cast: Cast, species: SpeciesFixture,
    make_animal: AnimalFactory, db_session: AsyncSession,
) -> None:  # fmt: skip
    created = await client.post(
        "/api/v1/animals",
        json={"vivarium_id": str(world.vivarium.id), "species_id": str(species.id),
              "status": "lease"},
        headers=world.owner,
    )  # fmt: skip
    body = assert_problem(created, 422)
    assert body["errors"][0]["field"] == "status"
    assert "lease" in body["detail"]
    own = await make_animal(world.vivarium, species)
    body = assert_problem(
        await client.patch(f"/api/v1/animals/{own.id}", json={"status": "lease"},
                           headers=world.owner), 422)  # fmt: skip
    assert "lease" in body["detail"]
    # The leased animal cannot lose its status by hand while the lease runs.
    body = assert_problem(
        await client.patch(f"/api/v1/animals/{cast.animal.id}", json={"status": "active"},
                           headers=world.owner), 422)  # fmt: skip
    assert "on loan" in body["detail"]
    await db_session.refresh(own)
    await db_session.refresh(cast.animal)
    assert own.status is AnimalStatus.active
    assert cast.animal.status is AnimalStatus.lease
    csv = f"display_id,species,status\nIMP-1,{species.species.code_prefix},lease\n"
    imported = await client.post(
        f"{world.url}/animals/import?dry_run=false",
        content=csv.encode(),
        headers={**world.owner, "Content-Type": "text/csv"},
    )
    assert imported.status_code == 422, imported.text
    assert "lease" in imported.text


async def test_cancel_ends_the_loan_and_both_sides_see_why(
    client: httpx.AsyncClient, world: World, cast: Cast, db_session: AsyncSession
) -> None:
    leased_in = await client.get(
        f"/api/v1/vivariums/{cast.vivariums['borrower'].id}/leased-in",
        headers=cast.headers["borrower"],
    )
    [lease] = leased_in.json()["items"]
    canceled = await client.post(f"/api/v1/leases/{lease['id']}/cancel", headers=world.owner)
    assert canceled.status_code == 200, canceled.text
    assert canceled.json()["status"] == "canceled"
    seen = await client.get(f"/api/v1/leases/{lease['id']}", headers=cast.headers["borrower"])
    assert seen.json()["end_reason"].startswith("Canceled by the lender")
    assert seen.json()["ended_at"] is not None
    await db_session.refresh(cast.animal)
    assert cast.animal.status is AnimalStatus.active
    assert_problem(
        await client.get(f"/api/v1/animals/{cast.animal.id}", headers=cast.headers["borrower"]),
        404,
    )
    again = await client.post(f"/api/v1/leases/{lease['id']}/cancel", headers=world.owner)
    assert_problem(again, 409)
