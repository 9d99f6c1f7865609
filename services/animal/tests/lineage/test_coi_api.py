"""COI through HTTP and through the recompute service: stored values, cascade, what-if."""

from __future__ import annotations

import uuid

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.lineage.recompute import recompute_coi
from reptidex_common.models.animal import Animal
from reptidex_common.models.animal_enums import Visibility

from .world import World


def coi_url(animal_id: object, generations: int | None = None) -> str:
    query = f"?generations={generations}" if generations is not None else ""
    return f"/api/v1/animals/{animal_id}/coi{query}"


async def recompute(db_session: AsyncSession, animal: Animal) -> int:
    """What the Celery task does, on the test's transaction (the task itself: test_task.py)."""
    return await db_session.run_sync(lambda session: recompute_coi(session, animal.id))


async def stored(
    db_session: AsyncSession, *animals: Animal
) -> dict[uuid.UUID, tuple[float | None, int | None, object]]:
    rows = await db_session.execute(
        select(Animal.id, Animal.coi, Animal.coi_generations, Animal.coi_computed_at).where(
            Animal.id.in_([a.id for a in animals])
        )
    )
    return {row.id: (row.coi, row.coi_generations, row.coi_computed_at) for row in rows}


async def full_sib_offspring(world: World) -> tuple[Animal, Animal, Animal]:
    sire, dam = await world.pair()
    brother = await world.male(sire=sire, dam=dam)
    sister = await world.female(sire=sire, dam=dam)
    return brother, sister, await world.male(sire=brother, dam=sister)


class TestReadCoi:
    async def test_computed_live_until_stored(
        self, client: httpx.AsyncClient, world: World, db_session: AsyncSession
    ) -> None:
        *_, child = await full_sib_offspring(world)
        live = (await client.get(coi_url(child.id), headers=world.headers("keeper"))).json()
        assert live["coi"] == pytest.approx(0.25)
        assert live["generations"] == 10
        assert live["stored"] is False
        await recompute(db_session, child)
        response = await client.get(coi_url(child.id), headers=world.headers("keeper"))
        body = response.json()
        assert body["coi"] == pytest.approx(0.25)
        assert body["generations"] == 10
        assert body["stored"] is True
        assert body["computed_at"]

    async def test_another_depth_is_computed_on_that_depth(
        self, client: httpx.AsyncClient, world: World, db_session: AsyncSession
    ) -> None:
        *_, child = await full_sib_offspring(world)
        await recompute(db_session, child)
        shallow = (await client.get(coi_url(child.id, 1), headers=world.headers("owner"))).json()
        assert shallow == {**shallow, "coi": 0.0, "generations": 1, "stored": False}
        assert (
            await client.get(coi_url(child.id, 11), headers=world.headers("owner"))
        ).status_code == 422

    async def test_textbook_cases_through_the_database(
        self, world: World, db_session: AsyncSession
    ) -> None:
        s, d = await world.pair()
        d2 = await world.female()
        full_a, full_b = await world.male(sire=s, dam=d), await world.female(sire=s, dam=d)
        half_b = await world.female(sire=s, dam=d2)
        full = await world.male(sire=full_a, dam=full_b)
        half = await world.male(sire=full_a, dam=half_b)
        parent_offspring = await world.male(sire=s, dam=full_b)
        m1, f1 = await world.female(), await world.male()
        cousin_a = await world.male(sire=full_a, dam=m1)
        cousin_b = await world.female(sire=f1, dam=full_b)
        cousins = await world.male(sire=cousin_a, dam=cousin_b)
        for animal in (full, half, parent_offspring, cousins):
            await recompute(db_session, animal)
        values = await stored(db_session, full, half, parent_offspring, cousins, s)
        expected = {full: 0.25, half: 0.125, parent_offspring: 0.25, cousins: 0.0625}
        for animal, coi in expected.items():
            assert values[animal.id][0] == pytest.approx(coi)
            assert values[animal.id][1] == 10
        # Only the animal asked about and its descendants are touched.
        assert values[s.id] == (None, None, None)


class TestRecompute:
    async def test_cascades_to_descendants_when_parents_change(
        self, world: World, db_session: AsyncSession
    ) -> None:
        s, d = await world.pair()
        brother, sister = await world.male(), await world.female()
        child = await world.male(sire=brother, dam=sister)
        back_cross = await world.female(sire=child, dam=sister)
        outcross = await world.male(sire=child, dam=await world.female())
        await recompute(db_session, brother)
        await recompute(db_session, sister)
        before = await stored(db_session, child, back_cross, outcross)
        assert [before[a.id][0] for a in (child, back_cross, outcross)] == [0.0, 0.25, 0.0]

        # The brother and sister turn out to be full siblings: one recompute of the brother
        # (as the outbox event of that change asks) updates every descendant.
        for animal in (brother, sister):
            animal.sire_id, animal.dam_id = s.id, d.id
        await db_session.flush()
        changed = await recompute(db_session, brother)
        after = await stored(db_session, child, back_cross, outcross, brother)
        assert after[child.id][0] == pytest.approx(0.25)
        # child x its own dam: f(child, sister) = (f(brother, sister) + f(sister, sister)) / 2.
        assert after[back_cross.id][0] == pytest.approx((0.25 + 0.5) / 2)
        assert after[outcross.id][0] == 0.0
        assert after[brother.id][:2] == (0.0, 10)
        # The child and the back-cross changed; the brother and the outcross stayed 0.
        assert changed == 2

    async def test_running_twice_changes_nothing(
        self, world: World, db_session: AsyncSession
    ) -> None:
        brother, sister, child = await full_sib_offspring(world)
        grandchild = await world.female(sire=child, dam=sister)
        first_changed = await recompute(db_session, brother)
        first = await stored(db_session, brother, child, grandchild)
        second_changed = await recompute(db_session, brother)
        second = await stored(db_session, brother, child, grandchild)
        assert first_changed == 3
        assert second_changed == 0
        # Same values and the same computed_at: nothing was written the second time.
        assert first == second

    async def test_unknown_animal_is_a_no_op(self, db_session: AsyncSession) -> None:
        missing = uuid.uuid4()
        assert await db_session.run_sync(lambda s: recompute_coi(s, missing)) == 0

    async def test_only_descendants_within_the_depth_are_recomputed(
        self, world: World, db_session: AsyncSession
    ) -> None:
        founder = await world.male()
        line = [founder]
        for _ in range(11):
            line.append(await world.male(sire=line[-1]))
        await recompute(db_session, founder)
        values = await stored(db_session, *line)
        # Generation 10 below the founder cannot see the founder's parents: left alone.
        assert values[line[9].id][1] == 10
        assert values[line[10].id] == (None, None, None)


class TestWhatIf:
    URL = "/api/v1/coi/what-if"

    async def test_full_sibs_and_common_ancestors(
        self, client: httpx.AsyncClient, world: World
    ) -> None:
        s, d = await world.pair(name="Grand")
        brother = await world.male(sire=s, dam=d)
        sister = await world.female(sire=s, dam=d)
        response = await client.post(
            self.URL,
            json={"sire_id": str(brother.id), "dam_id": str(sister.id)},
            headers=world.headers("keeper"),
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["coi"] == pytest.approx(0.25)
        assert body["generations"] == 10
        assert {(a["id"], a["from_sire"], a["from_dam"]) for a in body["common_ancestors"]} == {
            (str(s.id), 1, 1),
            (str(d.id), 1, 1),
        }
        shallow = await client.post(
            self.URL,
            json={"sire_id": str(brother.id), "dam_id": str(sister.id), "generations": 1},
            headers=world.headers("keeper"),
        )
        assert shallow.json()["coi"] == 0.0

    async def test_unrelated_pair(self, client: httpx.AsyncClient, world: World) -> None:
        sire, dam = await world.pair()
        body = (
            await client.post(
                self.URL,
                json={"sire_id": str(sire.id), "dam_id": str(dam.id)},
                headers=world.headers("owner"),
            )
        ).json()
        assert body == {"coi": 0.0, "generations": 10, "common_ancestors": []}

    async def test_animals_elsewhere_need_to_be_shared(
        self, client: httpx.AsyncClient, world: World
    ) -> None:
        own_dam = await world.female()
        private_male = await world.male(vivarium=world.other)
        shared_male = await world.male(vivarium=world.other, visibility=Visibility.lineage_only)
        hidden = await client.post(
            self.URL,
            json={"sire_id": str(private_male.id), "dam_id": str(own_dam.id)},
            headers=world.headers("owner"),
        )
        assert hidden.status_code == 404
        assert hidden.headers["content-type"] == "application/problem+json"
        shared = await client.post(
            self.URL,
            json={"sire_id": str(shared_male.id), "dam_id": str(own_dam.id)},
            headers=world.headers("owner"),
        )
        assert shared.status_code == 200
        missing = await client.post(
            self.URL,
            json={"sire_id": str(uuid.uuid4()), "dam_id": str(own_dam.id)},
            headers=world.headers("owner"),
        )
        assert missing.status_code == 404
        neither = await client.post(
            self.URL,
            json={"sire_id": str(uuid.uuid4()), "dam_id": str(uuid.uuid4())},
            headers=world.headers("owner"),
        )
        assert neither.status_code == 404
        assert neither.headers["content-type"] == "application/problem+json"

    async def test_private_common_ancestors_count_but_are_not_named(
        self, client: httpx.AsyncClient, world: World
    ) -> None:
        secret = await world.male(vivarium=world.other, name="Secret grandsire")
        brother = await world.male(sire=secret)
        sister = await world.female(sire=secret)
        response = await client.post(
            self.URL,
            json={"sire_id": str(brother.id), "dam_id": str(sister.id)},
            headers=world.headers("owner"),
        )
        body = response.json()
        assert body["coi"] == pytest.approx(0.125)
        assert body["common_ancestors"] == []
        assert str(secret.id) not in response.text

    async def test_impossible_pairings_are_422(
        self, client: httpx.AsyncClient, world: World
    ) -> None:
        male, female = await world.pair()
        cases = [
            {"sire_id": str(female.id), "dam_id": str(male.id)},
            {"sire_id": str(male.id), "dam_id": str(male.id)},
            {"sire_id": str(male.id), "dam_id": str(female.id), "generations": 11},
        ]
        for payload in cases:
            response = await client.post(self.URL, json=payload, headers=world.headers("owner"))
            assert response.status_code == 422, payload
