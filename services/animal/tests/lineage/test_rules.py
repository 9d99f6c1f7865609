"""The shared lineage rules, called the way hatching and importing call them."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.lineage.rules import LineageViolation, check_parents, is_ancestor
from reptidex_common.models.animal_enums import Sex
from reptidex_common.testing.plugin import UserFactory, VivariumFactory

from ..conftest import AnimalFactory, SpeciesFixture


async def test_cycles_and_ancestry_are_found(
    db_session: AsyncSession,
    make_user: UserFactory,
    make_vivarium: VivariumFactory,
    make_animal: AnimalFactory,
    species: SpeciesFixture,
) -> None:
    vivarium = await make_vivarium(await make_user())
    grandsire = await make_animal(vivarium, species, sex=Sex.male)
    dam = await make_animal(vivarium, species, sex=Sex.female)
    son = await make_animal(vivarium, species, sex=Sex.male, sire=grandsire, dam=dam)
    grandson = await make_animal(vivarium, species, sex=Sex.male, sire=son)

    assert await is_ancestor(db_session, grandsire.id, [grandson.id])
    assert not await is_ancestor(db_session, grandson.id, [grandsire.id])
    with pytest.raises(LineageViolation) as caught:
        await check_parents(
            db_session,
            animal_id=grandsire.id,
            species_id=species.id,
            hatch_date=None,
            sire_id=grandson.id,
            dam_id=None,
        )
    assert "own ancestor" in caught.value.detail
    sire, found_dam = await check_parents(
        db_session,
        animal_id=grandson.id,
        species_id=species.id,
        hatch_date=date(2024, 1, 1),
        sire_id=son.id,
        dam_id=dam.id,
    )
    assert sire is not None
    assert found_dam is not None
