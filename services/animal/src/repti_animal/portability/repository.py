"""All SQL of import: the catalogue and the vivarium's animals as the planner needs them."""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.portability.genotype_text import TraitIndex, TraitInfo
from repti_animal.portability.planner import ExistingAnimal, SpeciesInfo
from reptidex_common.models.animal import Animal, Species, Trait


async def species_catalogue(session: AsyncSession) -> list[SpeciesInfo]:
    """Every species with its traits: two queries, whatever the catalogue's size."""
    traits: dict[uuid.UUID, list[TraitInfo]] = defaultdict(list)
    for trait in await session.scalars(select(Trait)):
        traits[trait.species_id].append(
            TraitInfo(
                id=trait.id,
                name=trait.name,
                inheritance=trait.inheritance,
                super_form_name=trait.super_form_name,
                aliases=tuple(trait.aliases or ()),
            )
        )
    return [
        SpeciesInfo(
            id=species.id,
            common_name=species.common_name,
            scientific_name=species.scientific_name,
            code_prefix=species.code_prefix,
            traits=TraitIndex(traits[species.id]),
        )
        for species in await session.scalars(select(Species))
    ]


async def animals_by_display_id(
    session: AsyncSession, vivarium_id: uuid.UUID
) -> dict[str, ExistingAnimal]:
    """Archived animals included: their display ids stay taken and they stay valid parents."""
    rows = await session.execute(
        select(
            Animal.id, Animal.display_id, Animal.species_id, Animal.sex, Animal.hatch_date
        ).where(Animal.vivarium_id == vivarium_id)
    )
    return {row.display_id: ExistingAnimal(*row) for row in rows}


# One statement per batch: the rows travel as one array per column (at most 16 parameters,
# whatever the batch size), which is far cheaper than one INSERT per row or per VALUES tuple.
_INSERT_ANIMALS = text(
    """
    INSERT INTO animal.animals (
        id, vivarium_id, species_id, display_id, name, sex, hatch_date, status, visibility,
        morph, sire_id, dam_id, microchip, notes, created_by_id
    )
    SELECT r.id, :vivarium_id, r.species_id, r.display_id, r.name, r.sex, r.hatch_date,
           r.status, r.visibility, r.morph, r.sire_id, r.dam_id, r.microchip, r.notes,
           :created_by_id
    FROM unnest(
        CAST(:id AS uuid[]), CAST(:species_id AS uuid[]), CAST(:display_id AS text[]),
        CAST(:name AS text[]), CAST(:sex AS text[]), CAST(:hatch_date AS date[]),
        CAST(:status AS text[]), CAST(:visibility AS text[]), CAST(:morph AS text[]),
        CAST(:sire_id AS uuid[]), CAST(:dam_id AS uuid[]), CAST(:microchip AS text[]),
        CAST(:notes AS text[])
    ) AS r(
        id, species_id, display_id, name, sex, hatch_date, status, visibility, morph,
        sire_id, dam_id, microchip, notes
    )
    """
)
_INSERT_GENOTYPES = text(
    """
    INSERT INTO animal.genotypes (id, animal_id, trait_id, state, het_percent, proof)
    SELECT * FROM unnest(
        CAST(:id AS uuid[]), CAST(:animal_id AS uuid[]), CAST(:trait_id AS uuid[]),
        CAST(:state AS text[]), CAST(:het_percent AS smallint[]), CAST(:proof AS text[])
    )
    """
)


def _columns(rows: list[dict[str, Any]], names: tuple[str, ...]) -> dict[str, list[Any]]:
    return {name: [row[name] for row in rows] for name in names}


async def insert_animals(
    session: AsyncSession,
    vivarium_id: uuid.UUID,
    created_by_id: uuid.UUID | None,
    rows: list[dict[str, Any]],
) -> None:
    """Rows with the keys of `_INSERT_ANIMALS`' columns; parents must be written already.

    The lineage trigger checks each row against what is written before it, so a batch never
    holds an animal together with its own parent.
    """
    if not rows:
        return
    names = (
        "id", "species_id", "display_id", "name", "sex", "hatch_date", "status", "visibility",
        "morph", "sire_id", "dam_id", "microchip", "notes",
    )  # fmt: skip
    params = {"vivarium_id": vivarium_id, "created_by_id": created_by_id}
    await session.execute(_INSERT_ANIMALS, {**params, **_columns(rows, names)})


async def insert_genotypes(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    names = ("id", "animal_id", "trait_id", "state", "het_percent", "proof")
    await session.execute(_INSERT_GENOTYPES, _columns(rows, names))
