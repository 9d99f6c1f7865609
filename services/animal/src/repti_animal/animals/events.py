"""The domain events of animal records (`animal.animal.*`, `animal.lineage.changed`).

One function per event, called by the one service function that makes the change, in its
transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.events.emitting import build_envelope, emit
from reptidex_common.events.envelope import Actor
from reptidex_common.events.types.animal import (
    AnimalArchived,
    AnimalCreated,
    AnimalRestored,
    AnimalUpdated,
    LineageChanged,
)
from reptidex_common.models.animal import Animal

Source = Literal["manual", "hatching", "import"]
# Parentage travels in `animal.lineage.changed`, not as a field update.
PARENT_FIELDS = frozenset({"sire_id", "dam_id"})


def created(
    *,
    animal_id: uuid.UUID,
    vivarium_id: uuid.UUID,
    source: Source,
    values: Mapping[str, Any],
) -> AnimalCreated:
    """The event of a new record, from its column values (an ORM row's or an insert's)."""
    return AnimalCreated(
        animal_id=animal_id,
        vivarium_id=vivarium_id,
        source=source,
        display_id=values["display_id"],
        name=values.get("name"),
        species_id=values["species_id"],
        sex=str(values["sex"]),
        status=str(values["status"]),
        visibility=str(values["visibility"]),
        hatch_date=values.get("hatch_date"),
        morph=values.get("morph"),
        sire_id=values.get("sire_id"),
        dam_id=values.get("dam_id"),
        clutch_id=values.get("clutch_id"),
    )


def emit_created(session: AsyncSession, animal: Animal, source: Source, actor: Actor) -> None:
    values = {column: getattr(animal, column) for column in _CREATED_COLUMNS}
    data = created(
        animal_id=animal.id, vivarium_id=animal.vivarium_id, source=source, values=values
    )
    emit(session, data, actor=actor, vivarium_id=animal.vivarium_id)


_CREATED_COLUMNS = (
    "display_id",
    "name",
    "species_id",
    "sex",
    "status",
    "visibility",
    "hatch_date",
    "morph",
    "sire_id",
    "dam_id",
    "clutch_id",
)


def created_envelopes(
    rows: Iterable[Mapping[str, Any]], source: Source, actor: Actor
) -> list[dict[str, Any]]:
    """Envelopes (as JSON) of many new records at once, for a bulk insert into the outbox."""
    return [
        build_envelope(
            created(animal_id=row["id"], vivarium_id=row["vivarium_id"], source=source, values=row),
            actor=actor,
            vivarium_id=row["vivarium_id"],
        ).model_dump(mode="json")
        for row in rows
    ]


def emit_updated(
    session: AsyncSession, animal: Animal, changes: Mapping[str, Any], actor: Actor
) -> None:
    """`changes`: the fields whose value changed, with their new values; nothing if none did."""
    fields = {name: value for name, value in changes.items() if name not in PARENT_FIELDS}
    if not fields:
        return
    data = AnimalUpdated(animal_id=animal.id, vivarium_id=animal.vivarium_id, changes=fields)
    emit(session, data, actor=actor, vivarium_id=animal.vivarium_id)


def emit_lineage_changed(
    session: AsyncSession,
    animal: Animal,
    *,
    previous_sire_id: uuid.UUID | None,
    previous_dam_id: uuid.UUID | None,
    actor: Actor,
    parent_link_id: uuid.UUID | None = None,
) -> None:
    data = LineageChanged(
        animal_id=animal.id,
        vivarium_id=animal.vivarium_id,
        sire_id=animal.sire_id,
        dam_id=animal.dam_id,
        previous_sire_id=previous_sire_id,
        previous_dam_id=previous_dam_id,
        parent_link_id=parent_link_id,
    )
    emit(session, data, actor=actor, vivarium_id=animal.vivarium_id)


def emit_archived(session: AsyncSession, animal: Animal, actor: Actor) -> None:
    data = AnimalArchived(animal_id=animal.id, vivarium_id=animal.vivarium_id)
    emit(session, data, actor=actor, vivarium_id=animal.vivarium_id)


def emit_restored(session: AsyncSession, animal: Animal, actor: Actor) -> None:
    data = AnimalRestored(animal_id=animal.id, vivarium_id=animal.vivarium_id)
    emit(session, data, actor=actor, vivarium_id=animal.vivarium_id)
