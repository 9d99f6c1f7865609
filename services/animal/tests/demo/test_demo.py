"""The demo collection: the promised shape, built through the API's rules, and idempotent."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from repti_animal.demo.__main__ import describe
from repti_animal.demo.accounts import BREEDER_EMAIL, VIVARIUM_NAME, find_demo_vivarium
from repti_animal.demo.builder import DemoReport, seed_demo_collection
from repti_animal.husbandry.today import today_list
from repti_animal.lineage.coi_service import planned_coi
from reptidex_common.auth.dependencies import authorize_vivarium
from reptidex_common.auth.principal import Principal
from reptidex_common.models.animal import (
    Animal,
    Clutch,
    Enclosure,
    Genotype,
    HusbandryLog,
    Pairing,
    Reminder,
    Species,
    Trait,
)
from reptidex_common.models.animal_enums import (
    AnimalStatus,
    ClutchStatus,
    GenotypeProof,
    GenotypeState,
    Visibility,
)
from reptidex_common.models.core import Plan, User, Vivarium
from reptidex_common.models.enums import PlatformRole, VivariumRole
from reptidex_common.testing.plugin import UserFactory, VivariumFactory

DISPLAY_ID = re.compile(r"^(BP|LG|CR|CS)-\d{3}$")


@pytest.fixture
async def demo(
    db_session: AsyncSession, make_user: UserFactory, make_vivarium: VivariumFactory
) -> tuple[User, Vivarium]:
    """The demo breeder and vivarium as `repti_core.demo` leaves them (breeder plan)."""
    breeder = await make_user(email=BREEDER_EMAIL, display_name="Morgan Reyes")
    vivarium = await make_vivarium(breeder, name=VIVARIUM_NAME)
    vivarium.settings = {**(vivarium.settings or {}), "animal_id_template": "{SPECIES}-{SEQ:03}"}
    vivarium.plan_id = (
        await db_session.scalars(select(Plan.id).where(Plan.code == "breeder"))
    ).one()
    await db_session.flush()
    return breeder, vivarium


async def _seed(db_session: AsyncSession) -> DemoReport:
    found = await find_demo_vivarium(db_session)
    assert found is not None
    return await seed_demo_collection(
        db_session, vivarium_id=found.vivarium_id, user_id=found.user_id
    )


async def _animals(db_session: AsyncSession, vivarium: Vivarium) -> list[Animal]:
    return list(
        (await db_session.scalars(select(Animal).where(Animal.vivarium_id == vivarium.id))).all()
    )


async def _counts(db_session: AsyncSession, vivarium: Vivarium) -> dict[str, int]:
    counts = {}
    for name, model in (
        ("animals", Animal),
        ("pairings", Pairing),
        ("clutches", Clutch),
        ("logs", HusbandryLog),
        ("enclosures", Enclosure),
        ("reminders", Reminder),
    ):
        counts[name] = int(
            await db_session.scalar(
                select(func.count()).select_from(model).where(model.vivarium_id == vivarium.id)
            )
            or 0
        )
    counts["genotypes"] = int(
        await db_session.scalar(
            select(func.count())
            .select_from(Genotype)
            .join(Animal, Animal.id == Genotype.animal_id)
            .where(Animal.vivarium_id == vivarium.id)
        )
        or 0
    )
    return counts


async def test_finds_the_demo_vivarium_by_the_breeders_email(
    db_session: AsyncSession, demo: tuple[User, Vivarium]
) -> None:
    breeder, vivarium = demo
    found = await find_demo_vivarium(db_session)
    assert found is not None
    assert (found.user_id, found.vivarium_id) == (breeder.id, vivarium.id)
    assert await find_demo_vivarium(db_session, email="nobody@example.com") is None


async def test_builds_the_promised_collection(
    db_session: AsyncSession, demo: tuple[User, Vivarium]
) -> None:
    breeder, vivarium = demo
    report = await _seed(db_session)
    assert report.created
    animals = await _animals(db_session, vivarium)
    by_name = {a.name: a for a in animals}

    # Several species, display ids from the vivarium's template, every COI stored.
    species = set(
        (
            await db_session.scalars(
                select(Species.scientific_name).where(
                    Species.id.in_({a.species_id for a in animals})
                )
            )
        ).all()
    )
    assert len(species) >= 3
    assert {"Python regius", "Eublepharis macularius", "Correlophus ciliatus"} <= species
    assert all(DISPLAY_ID.match(a.display_id) for a in animals)
    assert all(a.coi is not None and a.coi_computed_at is not None for a in animals)
    assert {a.visibility for a in animals} == set(Visibility)
    assert sum(a.status is AnimalStatus.external for a in animals) >= 1

    # Three generations with parents linked: grandchild -> parent -> grandparent.
    parent, grandparent = aliased(Animal), aliased(Animal)
    third_generation = (
        await db_session.scalars(
            select(Animal)
            .join(parent, parent.id == Animal.sire_id)
            .join(grandparent, grandparent.id == parent.sire_id)
            .where(Animal.vivarium_id == vivarium.id, Animal.dam_id.is_not(None))
        )
    ).all()
    assert third_generation
    assert report.generations == 3
    for child in third_generation:
        sire, dam = by_name_of(animals, child.sire_id), by_name_of(animals, child.dam_id)
        assert sire.hatch_date
        assert dam.hatch_date
        assert child.hatch_date
        assert sire.hatch_date < child.hatch_date
        assert dam.hatch_date < child.hatch_date

    # Genotypes that follow from the parents: a Clown sire x YB het Clown dam.
    genotype = dict(
        (
            await db_session.execute(
                select(Trait.name, Genotype)
                .join(Genotype, Genotype.trait_id == Trait.id)
                .where(Genotype.animal_id == by_name["Marigold"].id)
            )
        ).all()
    )
    assert genotype["Clown"].state is GenotypeState.het
    assert genotype["Clown"].proof is GenotypeProof.parentage
    assert genotype["Pastel"].state is GenotypeState.visual
    assert by_name["Marigold"].morph == "Pastel Yellow Belly het Clown"
    assert by_name["Ember"].morph == "Pastel 66% het Clown"

    # Inbreeding: a father x daughter pairing gives 25 %, as the what-if COI says.
    echo = by_name["Echo"]
    assert echo.coi == pytest.approx(0.25)
    assert echo.sire_id is not None
    assert echo.dam_id is not None
    assert (await planned_coi(db_session, echo.sire_id, echo.dam_id)).coi == pytest.approx(echo.coi)
    assert report.inbred

    # Pairings this season in several statuses; an incubating clutch a few weeks from hatching.
    statuses = set(
        (
            await db_session.scalars(
                select(Pairing.status).where(Pairing.vivarium_id == vivarium.id)
            )
        ).all()
    )
    assert len(statuses) >= 3
    clutches = (
        await db_session.scalars(select(Clutch).where(Clutch.vivarium_id == vivarium.id))
    ).all()
    incubating = [c for c in clutches if c.status is ClutchStatus.incubating]
    assert len(incubating) == 1
    expected = incubating[0].expected_hatch_date
    today = datetime.now(UTC).date()
    assert expected is not None
    assert 7 <= (expected - today).days <= 42
    geckos = [
        c
        for c in clutches
        if c.status is ClutchStatus.hatched and c.dam_id == by_name["Clementine"].id
    ]
    assert len(geckos) == 1
    assert geckos[0].hatched_count == 2
    assert {by_name["Kumquat"].clutch_id, by_name["Yuzu"].clutch_id} == {geckos[0].id}

    # Husbandry: at least four kinds of logs, refusals among the feedings, feedings due today.
    kinds = set(
        (
            await db_session.scalars(
                select(HusbandryLog.kind).where(HusbandryLog.vivarium_id == vivarium.id)
            )
        ).all()
    )
    assert len(kinds) >= 4
    assert report.logs_by_kind["feeding"] > report.logs_by_kind["vet"] > 0
    principal = Principal(user_id=breeder.id, platform_role=PlatformRole.user)
    access = await authorize_vivarium(db_session, principal, vivarium.id, VivariumRole.keeper)
    todays = await today_list(db_session, access)
    due = {f.animal.name for f in todays.feedings}
    assert due
    assert len(due) < len(animals) / 2
    assert todays.reminders
    in_rack = (
        await db_session.scalars(
            select(Animal.name)
            .join(Enclosure, Enclosure.id == Animal.enclosure_id)
            .where(Enclosure.name.like("Rack A /%"))
        )
    ).all()
    assert len(in_rack) >= 5

    text = describe(report, vivarium.name)
    assert "Pairings:" in text
    assert "incubating" in text
    assert "COI" in text


def by_name_of(animals: list[Animal], animal_id: object) -> Animal:
    return next(a for a in animals if a.id == animal_id)


async def test_running_twice_creates_nothing_new(
    db_session: AsyncSession, demo: tuple[User, Vivarium]
) -> None:
    _breeder, vivarium = demo
    await _seed(db_session)
    before = await _counts(db_session, vivarium)
    again = await _seed(db_session)
    assert not again.created
    assert again.existing_animals == before["animals"]
    assert await _counts(db_session, vivarium) == before
    assert "nothing added" in describe(again, vivarium.name)
