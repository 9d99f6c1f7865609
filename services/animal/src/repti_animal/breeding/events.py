"""The domain events of breeding (`animal.pairing.*`, `animal.clutch.*`).

Each is built from the row after the change; updates carry the fields that changed with
their new values, read from the row before and after (`fields_of`, `changed`).
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from reptidex_common.events.emitting import emit
from reptidex_common.events.envelope import SYSTEM, Actor
from reptidex_common.events.types.animal import (
    ClutchDue,
    ClutchFailed,
    ClutchHatched,
    ClutchLaid,
    ClutchUpdated,
    PairingCreated,
    PairingDeleted,
    PairingUpdated,
)
from reptidex_common.models.animal import Clutch, Pairing

PAIRING_FIELDS = ("season", "status", "events", "lock_dates", "notes")
CLUTCH_FIELDS = (
    "laid_date",
    "eggs_total",
    "eggs_fertile",
    "eggs_infertile",
    "incubation_temp_c",
    "incubation_humidity_pct",
    "expected_hatch_date",
    "notes",
)


def fields_of(row: Pairing | Clutch, names: Collection[str]) -> dict[str, Any]:
    return {name: getattr(row, name) for name in names}


def changed(before: Mapping[str, Any], row: Pairing | Clutch) -> dict[str, Any]:
    return {name: getattr(row, name) for name, old in before.items() if getattr(row, name) != old}


def _pairing(pairing: Pairing) -> dict[str, Any]:
    return {
        "pairing_id": pairing.id,
        "vivarium_id": pairing.vivarium_id,
        "sire_id": pairing.sire_id,
        "dam_id": pairing.dam_id,
        "season": pairing.season,
        "status": pairing.status.value,
    }


def emit_pairing_created(session: AsyncSession, pairing: Pairing, actor: Actor) -> None:
    emit(session, PairingCreated(**_pairing(pairing)), actor=actor, vivarium_id=pairing.vivarium_id)


def emit_pairing_updated(
    session: AsyncSession, pairing: Pairing, changes: Mapping[str, Any], actor: Actor
) -> None:
    if changes:
        data = PairingUpdated(**_pairing(pairing), changes=dict(changes))
        emit(session, data, actor=actor, vivarium_id=pairing.vivarium_id)


def emit_pairing_deleted(session: AsyncSession, pairing: Pairing, actor: Actor) -> None:
    emit(session, PairingDeleted(**_pairing(pairing)), actor=actor, vivarium_id=pairing.vivarium_id)


def _clutch(clutch: Clutch) -> dict[str, Any]:
    return {
        "clutch_id": clutch.id,
        "vivarium_id": clutch.vivarium_id,
        "pairing_id": clutch.pairing_id,
        "sire_id": clutch.sire_id,
        "dam_id": clutch.dam_id,
        "species_id": clutch.species_id,
        "status": clutch.status.value,
        "laid_date": clutch.laid_date,
        "eggs_total": clutch.eggs_total,
        "expected_hatch_date": clutch.expected_hatch_date,
    }


def emit_clutch_laid(session: AsyncSession, clutch: Clutch, actor: Actor) -> None:
    emit(session, ClutchLaid(**_clutch(clutch)), actor=actor, vivarium_id=clutch.vivarium_id)


def emit_clutch_updated(
    session: AsyncSession, clutch: Clutch, changes: Mapping[str, Any], actor: Actor
) -> None:
    if changes:
        data = ClutchUpdated(**_clutch(clutch), changes=dict(changes))
        emit(session, data, actor=actor, vivarium_id=clutch.vivarium_id)


def emit_clutch_failed(session: AsyncSession, clutch: Clutch, actor: Actor) -> None:
    emit(session, ClutchFailed(**_clutch(clutch)), actor=actor, vivarium_id=clutch.vivarium_id)


def emit_clutch_due(session: Session, clutch: Clutch) -> None:
    emit(session, ClutchDue(**_clutch(clutch)), actor=SYSTEM, vivarium_id=clutch.vivarium_id)


def emit_clutch_hatched(
    session: AsyncSession,
    clutch: Clutch,
    hatch_date: date,
    animal_ids: list[uuid.UUID],
    actor: Actor,
) -> None:
    data = ClutchHatched(**_clutch(clutch), hatch_date=hatch_date, animal_ids=animal_ids)
    emit(session, data, actor=actor, vivarium_id=clutch.vivarium_id)
