"""The events of breeding: pairings created, updated, deleted; clutches laid, updated, failed,
hatched (each hatchling also created); one per change, none when the change is refused."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.breeding.jobs import announce_due_clutches

from ..events import by_system, by_user, emitted
from .conftest import World, assert_problem, create_pairing, lay_clutch

PAIRINGS = "/api/v1/pairings"
CLUTCHES = "/api/v1/clutches"
# The event types these tests see emitted (see `tests/test_event_catalogue.py`).
EMITTED = {
    "animal.pairing.created",
    "animal.pairing.updated",
    "animal.pairing.deleted",
    "animal.clutch.laid",
    "animal.clutch.updated",
    "animal.clutch.failed",
    "animal.clutch.due",
    "animal.clutch.hatched",
}


async def test_a_pairings_life_emits_created_updated_deleted(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    # The sire as the dam: refused, nothing emitted.
    bad = await client.post(
        PAIRINGS,
        json={"sire_id": str(world.sire.id), "dam_id": str(world.sire.id)},
        headers=world.owner,
    )
    assert bad.status_code == 422, bad.text
    assert await emitted(db_session, "animal.pairing.created", dam_id=world.sire.id) == []

    pairing = await create_pairing(client, world)
    [created] = await emitted(db_session, "animal.pairing.created", pairing_id=pairing["id"])
    assert by_user(created, world.users["owner"].id)
    assert created.vivarium_id == world.vivarium.id
    assert created.data == {
        "pairing_id": pairing["id"],
        "vivarium_id": str(world.vivarium.id),
        "sire_id": str(world.sire.id),
        "dam_id": str(world.dam.id),
        "season": 2025,
        "status": "planned",
    }

    url = f"{PAIRINGS}/{pairing['id']}"
    # planned → completed skips steps: refused whole.
    assert_problem(await client.patch(url, json={"status": "hatched"}, headers=world.owner), 422)
    assert await emitted(db_session, "animal.pairing.updated", pairing_id=pairing["id"]) == []
    moved = await client.patch(
        url, json={"notes": "Calm", "season": 2025}, headers=world.headers("handler")
    )
    assert moved.status_code == 200, moved.text
    [updated] = await emitted(db_session, "animal.pairing.updated", pairing_id=pairing["id"])
    assert by_user(updated, world.users["handler"].id)
    assert updated.data["changes"] == {"notes": "Calm"}

    assert_problem(await client.delete(url, headers=world.headers("handler")), 403)
    assert await emitted(db_session, "animal.pairing.deleted", pairing_id=pairing["id"]) == []
    assert (await client.delete(url, headers=world.owner)).status_code == 204
    [deleted] = await emitted(db_session, "animal.pairing.deleted", pairing_id=pairing["id"])
    assert by_user(deleted, world.users["owner"].id)


async def test_a_clutchs_life_emits_laid_updated_and_failed(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    pairing = await create_pairing(client, world, status="active")
    lay = f"{PAIRINGS}/{pairing['id']}/clutches"
    too_many = {"laid_date": "2025-04-01", "eggs_total": 2, "eggs_fertile": 3}
    assert (await client.post(lay, json=too_many, headers=world.owner)).status_code == 422
    assert await emitted(db_session, "animal.clutch.laid", pairing_id=pairing["id"]) == []

    clutch = await lay_clutch(client, world, pairing["id"])
    [laid] = await emitted(db_session, "animal.clutch.laid", clutch_id=clutch["id"])
    assert by_user(laid, world.users["owner"].id)
    assert laid.vivarium_id == world.vivarium.id
    assert laid.data["pairing_id"] == pairing["id"]
    assert laid.data["dam_id"] == str(world.dam.id)
    assert laid.data["eggs_total"] == 6
    assert laid.data["expected_hatch_date"] == clutch["expected_hatch_date"]

    url = f"{CLUTCHES}/{clutch['id']}"
    assert (await client.patch(url, json={"eggs_total": 1}, headers=world.owner)).status_code == 422
    assert await emitted(db_session, "animal.clutch.updated", clutch_id=clutch["id"]) == []
    changed = await client.patch(url, json={"eggs_total": 8}, headers=world.owner)
    assert changed.status_code == 200, changed.text
    [updated] = await emitted(db_session, "animal.clutch.updated", clutch_id=clutch["id"])
    assert updated.data["changes"] == {"eggs_total": 8}
    assert updated.data["eggs_total"] == 8

    assert_problem(await client.post(f"{url}/fail", headers=world.headers("keeper")), 403)
    assert await emitted(db_session, "animal.clutch.failed", clutch_id=clutch["id"]) == []
    assert (await client.post(f"{url}/fail", headers=world.headers("handler"))).is_success
    [failed] = await emitted(db_session, "animal.clutch.failed", clutch_id=clutch["id"])
    assert by_user(failed, world.users["handler"].id)
    assert failed.data["status"] == "failed"
    assert_problem(await client.post(f"{url}/fail", headers=world.owner), 409)
    assert len(await emitted(db_session, "animal.clutch.failed", clutch_id=clutch["id"])) == 1


async def test_hatching_emits_hatched_and_one_created_per_hatchling(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    pairing = await create_pairing(client, world, status="active")
    clutch = await lay_clutch(client, world, pairing["id"])
    url = f"{CLUTCHES}/{clutch['id']}/hatch"
    # More hatchlings than fertile eggs: refused whole.
    too_many = await client.post(
        url, json={"hatch_date": "2025-05-30", "count": 9}, headers=world.owner
    )
    assert too_many.status_code == 422, too_many.text
    assert await emitted(db_session, "animal.clutch.hatched", clutch_id=clutch["id"]) == []
    assert await emitted(db_session, "animal.animal.created", clutch_id=clutch["id"]) == []

    response = await client.post(
        url,
        json={"hatch_date": "2025-05-30", "count": 2, "confirm_early_hatch": True},
        headers=world.headers("handler"),
    )
    assert response.status_code == 201, response.text
    ids = [h["id"] for h in response.json()]
    [hatched] = await emitted(db_session, "animal.clutch.hatched", clutch_id=clutch["id"])
    assert by_user(hatched, world.users["handler"].id)
    assert hatched.data["animal_ids"] == ids
    assert hatched.data["hatch_date"] == "2025-05-30"
    created = await emitted(db_session, "animal.animal.created", clutch_id=clutch["id"])
    assert sorted(e.data["animal_id"] for e in created) == sorted(ids)
    assert {e.data["source"] for e in created} == {"hatching"}
    assert {e.data["sire_id"] for e in created} == {str(world.sire.id)}
    assert all(by_user(e, world.users["handler"].id) for e in created)


async def test_the_sweep_announces_a_clutch_due_to_hatch_once_per_expected_date(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    pairing = await create_pairing(client, world, status="active")
    today = date.today()
    # Incubation of the test species: 55 to 60 days.
    due = await lay_clutch(
        client, world, pairing["id"], laid_date=(today - timedelta(days=56)).isoformat()
    )
    later = await lay_clutch(client, world, pairing["id"], laid_date=today.isoformat())
    now = datetime.now(UTC)
    assert await db_session.run_sync(lambda s: announce_due_clutches(s, now)) == 1
    assert await db_session.run_sync(lambda s: announce_due_clutches(s, now)) == 0
    [announced] = await emitted(db_session, "animal.clutch.due", clutch_id=due["id"])
    assert by_system(announced)
    assert announced.vivarium_id == world.vivarium.id
    assert announced.data["expected_hatch_date"] == due["expected_hatch_date"]
    assert announced.data["dam_id"] == str(world.dam.id)
    assert await emitted(db_session, "animal.clutch.due", clutch_id=later["id"]) == []

    # A corrected laid date moves the expected date: announced again when that one is near.
    corrected = (today - timedelta(days=58)).isoformat()
    moved = await client.patch(
        f"{CLUTCHES}/{due['id']}", json={"laid_date": corrected}, headers=world.owner
    )
    assert moved.status_code == 200, moved.text
    assert await db_session.run_sync(lambda s: announce_due_clutches(s, now)) == 1
    events = await emitted(db_session, "animal.clutch.due", clutch_id=due["id"])
    assert [e.data["expected_hatch_date"] for e in events] == [
        due["expected_hatch_date"],
        moved.json()["expected_hatch_date"],
    ]
