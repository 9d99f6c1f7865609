"""An ancestor with a date the worker's driver cannot read must not stop COI for its lineage."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from repti_animal.lineage.recompute import recompute_coi
from reptidex_common.models.animal import Animal
from reptidex_common.models.core import Vivarium

from ..bounds.planting import plant
from ..bounds.worker_session import new_species, new_vivarium, sync_session

__all__ = ["sync_session"]


def test_an_unreadable_ancestor_does_not_stop_another_breeders_coi(
    sync_session: Session,
) -> None:
    species = new_species(sync_session)
    founders_home, other_breeder = new_vivarium(sync_session), new_vivarium(sync_session)
    count = iter(range(100))

    def animal(vivarium: Vivarium, sex: str, **fields: object) -> Animal:
        row = Animal(
            vivarium_id=vivarium.id,
            species_id=species.id,
            display_id=f"K-{next(count)}",
            sex=sex,
            **fields,
        )
        sync_session.add(row)
        sync_session.flush()
        return row

    sire, dam = animal(founders_home, "male"), animal(founders_home, "female")
    brother = animal(founders_home, "male", sire_id=sire.id, dam_id=dam.id)
    sister = animal(other_breeder, "female", sire_id=sire.id, dam_id=dam.id)
    child = animal(other_breeder, "male", sire_id=brother.id, dam_id=sister.id)
    sister_id, child_id = sister.id, child.id
    # The founder's record came in before dates were bounded.
    plant(sync_session, "animals", "hatch_date", "-infinity", sire.id)

    assert recompute_coi(sync_session, sister_id) == 2

    stored = sync_session.scalar(select(Animal.coi).where(Animal.id == child_id))
    assert stored == pytest.approx(0.25)
