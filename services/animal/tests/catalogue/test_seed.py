"""The seed migration ran: the catalogue holds real species and correctly described genes."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import AllelicCombination, Species, Trait
from reptidex_common.models.animal_enums import Inheritance, WelfareFlag, WelfareScope

REQUIRED_PREFIXES = {"BP", "LG", "CR", "CS", "BD", "BC", "WH"}


async def _traits(db_session: AsyncSession, prefix: str) -> dict[str, Trait]:
    rows = await db_session.scalars(
        select(Trait)
        .join(Species, Species.id == Trait.species_id)
        .where(Species.code_prefix == prefix)
    )
    return {trait.name: trait for trait in rows}


async def test_required_species_are_seeded_with_incubation_data(db_session: AsyncSession) -> None:
    species = {s.code_prefix: s for s in await db_session.scalars(select(Species))}
    assert species.keys() >= REQUIRED_PREFIXES
    ball = species["BP"]
    assert ball.scientific_name == "Python regius"
    assert (ball.incubation_days_min, ball.incubation_days_max) == (55, 60)
    assert ball.incubation_temp_min_c is not None
    assert ball.incubation_temp_max_c is not None
    assert 30 <= ball.incubation_temp_min_c <= ball.incubation_temp_max_c <= 33
    # Boas bear live young: no eggs, no incubation.
    assert species["BC"].egg_laying is False
    assert species["BC"].incubation_days_min is None
    for row in species.values():
        assert row.default_feeding_interval_days
        if row.egg_laying:
            assert row.incubation_days_min is not None
            assert row.incubation_days_max is not None
            assert row.incubation_days_min <= row.incubation_days_max


async def test_ball_python_genes(db_session: AsyncSession) -> None:
    traits = await _traits(db_session, "BP")
    assert traits["Clown"].inheritance is Inheritance.recessive
    assert traits["Mojave"].allelic_group == traits["Lesser"].allelic_group == "BEL complex"
    assert {name for name, t in traits.items() if t.allelic_group == "BEL complex"} >= {
        "Mojave", "Lesser", "Butter", "Russo", "Phantom", "Mystic",
    }  # fmt: skip
    assert {name for name, t in traits.items() if t.allelic_group == "Yellow Belly complex"} == {
        "Yellow Belly", "Specter", "Gravel", "Asphalt",
    }  # fmt: skip
    assert traits["Pastel"].super_form_name == "Super Pastel"
    assert traits["Fire"].super_form_name == "Black Eyed Leucistic"
    assert traits["Yellow Belly"].super_form_name == "Ivory"
    spider = traits["Spider"]
    assert spider.inheritance is Inheritance.dominant
    assert spider.welfare_flag is WelfareFlag.welfare
    assert spider.welfare_scope is WelfareScope.carrier
    assert spider.welfare_note
    assert "wobble" in spider.welfare_note
    assert traits["Woma"].welfare_flag is WelfareFlag.welfare
    assert traits["Champagne"].welfare_flag is WelfareFlag.welfare
    for recessive in ("Piebald", "Albino", "Axanthic (VPI)", "Desert Ghost", "Lavender Albino",
                      "Ultramel", "Genetic Stripe", "Hypo"):  # fmt: skip
        assert traits[recessive].inheritance is Inheritance.recessive, recessive


async def test_leopard_gecko_genes(db_session: AsyncSession) -> None:
    traits = await _traits(db_session, "LG")
    albinos = [traits[name] for name in ("Tremper Albino", "Bell Albino", "Rainwater Albino")]
    # Incompatible strains on different loci: never one allelic group.
    assert all(t.inheritance is Inheritance.recessive and t.allelic_group is None for t in albinos)
    assert traits["Mack Snow"].super_form_name == "Super Snow"
    assert traits["Enigma"].inheritance is Inheritance.dominant
    assert traits["Enigma"].welfare_flag is WelfareFlag.welfare
    lemon = traits["Lemon Frost"]
    assert lemon.inheritance is Inheritance.incomplete_dominant
    assert lemon.welfare_note
    assert "iridophoroma" in lemon.welfare_note
    assert traits["Tangerine"].inheritance in (Inheritance.line_bred, Inheritance.polygenic)


async def test_crested_gecko_lethal_super(db_session: AsyncSession) -> None:
    traits = await _traits(db_session, "CR")
    lilly = traits["Lilly White"]
    assert lilly.welfare_flag is WelfareFlag.lethal
    assert lilly.welfare_scope is WelfareScope.homozygous
    assert traits["Cappuccino"].super_form_name == "Frappuccino"


async def test_every_seeded_trait_is_self_consistent(db_session: AsyncSession) -> None:
    for trait in await db_session.scalars(select(Trait)):
        if trait.super_form_name:
            assert trait.inheritance in (Inheritance.incomplete_dominant, Inheritance.dominant)
        if trait.welfare_flag is not WelfareFlag.none:
            assert trait.welfare_note


async def test_notes_calling_the_homozygous_form_non_viable_flag_it_lethal(
    db_session: AsyncSession,
) -> None:
    ball = await _traits(db_session, "BP")
    for name in ("Spider", "Woma", "Champagne"):
        assert ball[name].welfare_flag is WelfareFlag.welfare
        assert ball[name].homozygous_welfare_flag is WelfareFlag.lethal
    assert (await _traits(db_session, "CP"))["Jaguar"].homozygous_welfare_flag is WelfareFlag.lethal
    assert ball["Pastel"].homozygous_welfare_flag is WelfareFlag.none


async def test_live_bearers_have_a_gestation_and_snakes_a_first_shed(
    db_session: AsyncSession,
) -> None:
    species = {s.code_prefix: s for s in await db_session.scalars(select(Species))}
    for row in species.values():
        if row.egg_laying:
            assert row.gestation_days_min is None
        else:
            assert row.gestation_days_min is not None
            assert row.gestation_days_max is not None
            assert row.gestation_days_min <= row.gestation_days_max
    assert (species["BC"].gestation_days_min, species["BC"].gestation_days_max) == (100, 120)
    for snake in ("BP", "CS", "BC", "WH", "KSB"):
        assert species[snake].first_shed_days == 14
    for lizard in ("LG", "CR", "BD"):
        assert species[lizard].first_shed_days is None


async def test_bel_complex_combinations_carry_the_hobby_name(db_session: AsyncSession) -> None:
    ball = await _traits(db_session, "BP")
    names = {
        frozenset((row.first_trait_id, row.second_trait_id)): row.name
        for row in await db_session.scalars(select(AllelicCombination))
    }
    bel = "Blue-Eyed Leucistic"
    assert names[frozenset((ball["Mojave"].id, ball["Lesser"].id))] == bel
    assert names[frozenset((ball["Lesser"].id, ball["Butter"].id))] == bel
    assert names[frozenset((ball["Russo"].id,))] == bel
    assert names[frozenset((ball["Mojave"].id, ball["Phantom"].id))] == "Purple Passion"
