"""The sender's read-only record of an animal: what it was, its genes, history and parents."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.transfers import repository
from reptidex_common.models.animal import Animal


async def take_snapshot(session: AsyncSession, animal: Animal) -> dict[str, Any]:
    species = (await repository.species_names(session, {animal.species_id}))[animal.species_id]
    parent_ids = [p for p in (animal.sire_id, animal.dam_id) if p is not None]
    parents = await repository.animals_by_id(session, parent_ids)
    genotype = (await repository.genotypes_of(session, [animal.id]))[animal.id]

    def parent(parent_id: Any) -> dict[str, Any] | None:
        found = parents.get(parent_id)
        if found is None:
            return None
        return {"id": str(found.id), "display_id": found.display_id, "name": found.name}

    return {
        "taken_at": datetime.now(UTC).isoformat(),
        "animal": {
            "id": str(animal.id),
            "display_id": animal.display_id,
            "name": animal.name,
            "species": {
                "id": str(species.id),
                "common_name": species.common_name,
                "scientific_name": species.scientific_name,
            },
            "sex": animal.sex.value,
            "hatch_date": animal.hatch_date.isoformat() if animal.hatch_date else None,
            "status": animal.status.value,
            "visibility": animal.visibility.value,
            "morph": animal.morph,
            "microchip": animal.microchip,
            "coi": animal.coi,
        },
        "genotype": genotype,
        "log_count": await repository.log_count(session, animal.id),
        "parents": {"sire": parent(animal.sire_id), "dam": parent(animal.dam_id)},
    }
