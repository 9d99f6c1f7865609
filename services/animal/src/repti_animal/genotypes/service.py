"""Genotype rules: an animal's genotype is replaced as a whole, and checked as a whole."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.animals.access import load_animal
from repti_animal.animals.exceptions import AnimalArchived
from repti_animal.genotypes import repository
from repti_animal.genotypes.rules import check_genotype
from repti_animal.genotypes.schemas import GenotypeEntry, GenotypeRead
from reptidex_common.auth.principal import Principal
from reptidex_common.events.actors import actor_of
from reptidex_common.events.emitting import emit
from reptidex_common.events.types.animal import GenotypeChanged
from reptidex_common.events.types.animal import GenotypeEntry as GenotypeValue
from reptidex_common.models.animal import Genotype, Species
from reptidex_common.models.enums import VivariumRole


async def read(
    session: AsyncSession, principal: Principal, animal_id: uuid.UUID
) -> list[GenotypeRead]:
    await load_animal(session, principal, animal_id, VivariumRole.keeper)
    return await repository.genotype_of(session, animal_id)


async def replace(
    session: AsyncSession,
    principal: Principal,
    animal_id: uuid.UUID,
    entries: Sequence[GenotypeEntry],
) -> list[GenotypeRead]:
    # Locking the animal serializes two concurrent replacements of one genotype.
    loaded = await load_animal(session, principal, animal_id, VivariumRole.handler, for_update=True)
    animal = loaded.animal
    if animal.archived_at is not None:
        raise AnimalArchived()
    species = await session.get(Species, animal.species_id)
    assert species is not None  # a foreign key guarantees it
    traits = await repository.traits_by_id(session, (entry.trait_id for entry in entries))
    check_genotype(entries, traits, species)
    before = _values(await repository.genotype_of(session, animal.id))
    await repository.replace(
        session,
        animal.id,
        [
            Genotype(
                animal_id=animal.id,
                trait_id=entry.trait_id,
                state=entry.state,
                het_percent=entry.het_percent,
                proof=entry.effective_proof,
            )
            for entry in entries
        ],
    )
    after = await repository.genotype_of(session, animal.id)
    values = _values(after)
    if sorted(values, key=_key) != sorted(before, key=_key):
        emit(
            session,
            GenotypeChanged(animal_id=animal.id, vivarium_id=animal.vivarium_id, genotype=values),
            actor=actor_of(principal),
            vivarium_id=animal.vivarium_id,
        )
    return after


def _values(genotype: Sequence[GenotypeRead]) -> list[GenotypeValue]:
    return [
        GenotypeValue(
            trait_id=entry.trait_id,
            state=entry.state.value,
            het_percent=entry.het_percent,
            proof=entry.proof.value,
        )
        for entry in genotype
    ]


def _key(value: GenotypeValue) -> str:
    return str(value.trait_id)
