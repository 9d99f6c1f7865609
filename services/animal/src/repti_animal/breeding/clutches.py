"""Clutch rules: laying from a pairing, egg counts, the expected hatch date, failing."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.breeding import events as breeding_events
from repti_animal.breeding import incubation, repository, timeline
from repti_animal.breeding.access import load_clutch, load_pairing
from repti_animal.breeding.exceptions import (
    ClutchStatusConflict,
    InvalidEggCounts,
    LaidBeforePairing,
    PairingNotLaying,
)
from repti_animal.breeding.pairings import complete_by_offspring
from repti_animal.breeding.schemas import ClutchCreate, ClutchPage, ClutchRead, ClutchUpdate
from reptidex_common.auth.dependencies import authorize_vivarium
from reptidex_common.auth.principal import Principal
from reptidex_common.db.pagination import PageParams
from reptidex_common.events.actors import actor_of
from reptidex_common.models.animal import Clutch, Pairing
from reptidex_common.models.animal_enums import ClutchStatus, PairingStatus
from reptidex_common.models.enums import VivariumRole
from reptidex_common.vivarium_time import vivarium_today


def to_read(clutch: Clutch, *, on: date) -> ClutchRead:
    """`on`: the vivarium's today, which the days until the expected hatch count from."""
    incubating = clutch.status is ClutchStatus.incubating
    return ClutchRead(
        id=clutch.id,
        vivarium_id=clutch.vivarium_id,
        pairing_id=clutch.pairing_id,
        sire_id=clutch.sire_id,
        dam_id=clutch.dam_id,
        species_id=clutch.species_id,
        laid_date=clutch.laid_date,
        eggs_total=clutch.eggs_total,
        eggs_fertile=clutch.eggs_fertile,
        eggs_infertile=clutch.eggs_infertile,
        incubation_temp_c=(
            float(clutch.incubation_temp_c) if clutch.incubation_temp_c is not None else None
        ),
        incubation_humidity_pct=clutch.incubation_humidity_pct,
        expected_hatch_date=clutch.expected_hatch_date,
        days_until_expected_hatch=(
            incubation.days_until(clutch.expected_hatch_date, on) if incubating else None
        ),
        hatch_date=clutch.hatch_date,
        hatched_count=clutch.hatched_count,
        status=clutch.status,
        notes=clutch.notes,
        created_at=clutch.created_at,
        updated_at=clutch.updated_at,
    )


async def _set_expected_hatch(session: AsyncSession, clutch: Clutch) -> None:
    species = await repository.species(session, clutch.species_id)
    days = incubation.expected_incubation_days(
        days_min=species.incubation_days_min,
        days_max=species.incubation_days_max,
        temp_min_c=species.incubation_temp_min_c,
        temp_max_c=species.incubation_temp_max_c,
        temp_c=clutch.incubation_temp_c,
    )
    clutch.expected_hatch_date = incubation.expected_hatch_date(clutch.laid_date, days)


def _check_laid_date(laid: date, today: date) -> None:
    if laid > today:
        raise InvalidEggCounts([("body.laid_date", "The laid date is in the future.")])


def check_laid_after_pairing(pairing: Pairing, laid: date) -> None:
    """422 for eggs laid before the pairing's first recorded date."""
    began = timeline.began(pairing)
    if began is not None and laid < began:
        raise LaidBeforePairing(
            [
                (
                    "body.laid_date",
                    f"The pairing began on {began.isoformat()}; a clutch from it cannot have "
                    f"been laid on {laid.isoformat()}.",
                )
            ]
        )


async def lay(
    session: AsyncSession, principal: Principal, pairing_id: uuid.UUID, data: ClutchCreate
) -> ClutchRead:
    """Record a clutch; an open pairing becomes completed (the eggs prove it took).

    A completed pairing may lay again (leopard and crested geckos lay clutch after clutch
    from one pairing); a failed one may not.
    """
    loaded = await load_pairing(
        session, principal, pairing_id, VivariumRole.handler, for_update=True
    )
    pairing = loaded.pairing
    if pairing.status is PairingStatus.failed:
        raise PairingNotLaying(pairing.status)
    today = vivarium_today(loaded.access.vivarium)
    _check_laid_date(data.laid_date, today)
    check_laid_after_pairing(pairing, data.laid_date)
    clutch = Clutch(
        vivarium_id=pairing.vivarium_id,
        pairing_id=pairing.id,
        sire_id=pairing.sire_id,
        dam_id=pairing.dam_id,
        species_id=loaded.dam.species_id,
        laid_date=data.laid_date,
        eggs_total=data.eggs_total,
        eggs_fertile=data.eggs_fertile,
        eggs_infertile=data.eggs_infertile,
        incubation_temp_c=data.incubation_temp_c,
        incubation_humidity_pct=data.incubation_humidity_pct,
        notes=data.notes,
        status=ClutchStatus.incubating,
    )
    await _set_expected_hatch(session, clutch)
    complete_by_offspring(pairing, "laid_at", data.laid_date)
    session.add(clutch)
    await session.flush()
    await session.refresh(clutch)
    breeding_events.emit_clutch_laid(session, clutch, actor_of(principal))
    return to_read(clutch, on=today)


async def read(session: AsyncSession, principal: Principal, clutch_id: uuid.UUID) -> ClutchRead:
    loaded = await load_clutch(session, principal, clutch_id, VivariumRole.keeper)
    return to_read(loaded.clutch, on=vivarium_today(loaded.access.vivarium))


async def page(
    session: AsyncSession,
    principal: Principal,
    vivarium_id: uuid.UUID,
    params: PageParams,
    *,
    status: ClutchStatus | None,
) -> ClutchPage:
    access = await authorize_vivarium(session, principal, vivarium_id, VivariumRole.keeper)
    rows, cursor = await repository.page_of_clutches(session, vivarium_id, params, status=status)
    on = vivarium_today(access.vivarium)
    return ClutchPage(items=[to_read(row, on=on) for row in rows], next_cursor=cursor)


def count_problems(clutch: Clutch) -> list[tuple[str, str]]:
    """What is wrong with the counts as they would stand after an update."""
    reasons: list[tuple[str, str]] = []
    if clutch.eggs_fertile + clutch.eggs_infertile > clutch.eggs_total:
        reasons.append(
            (
                "body.eggs_total",
                f"Fertile ({clutch.eggs_fertile}) and infertile ({clutch.eggs_infertile}) eggs "
                f"exceed the total ({clutch.eggs_total}).",
            )
        )
    if clutch.hatched_count > clutch.eggs_fertile:
        reasons.append(
            (
                "body.eggs_fertile",
                f"{clutch.hatched_count} eggs already hatched; there cannot be fewer fertile eggs.",
            )
        )
    return reasons


async def update(
    session: AsyncSession, principal: Principal, clutch_id: uuid.UUID, data: ClutchUpdate
) -> ClutchRead:
    loaded = await load_clutch(session, principal, clutch_id, VivariumRole.handler, for_update=True)
    clutch = loaded.clutch
    before = breeding_events.fields_of(clutch, breeding_events.CLUTCH_FIELDS)
    today = vivarium_today(loaded.access.vivarium)
    changes = data.model_dump(exclude_unset=True)
    if "laid_date" in changes:
        _check_laid_date(changes["laid_date"], today)
        if clutch.pairing_id is not None:
            pairing = await session.get(Pairing, clutch.pairing_id)
            if pairing is not None:
                check_laid_after_pairing(pairing, changes["laid_date"])
    for field, value in changes.items():
        setattr(clutch, field, value)
    reasons = count_problems(clutch)
    if clutch.hatch_date is not None and clutch.laid_date > clutch.hatch_date:
        reasons.append(("body.laid_date", "The clutch cannot be laid after it hatched."))
    if reasons:
        raise InvalidEggCounts(reasons)
    if {"laid_date", "incubation_temp_c"} & changes.keys():
        await _set_expected_hatch(session, clutch)
        if clutch.expected_hatch_date != before["expected_hatch_date"]:
            # A new expected date is announced again when it comes near.
            clutch.due_noticed_at = None
    await session.flush()
    await session.refresh(clutch)
    breeding_events.emit_clutch_updated(
        session, clutch, breeding_events.changed(before, clutch), actor_of(principal)
    )
    return to_read(clutch, on=today)


async def fail(session: AsyncSession, principal: Principal, clutch_id: uuid.UUID) -> ClutchRead:
    """Only an incubating clutch can fail; a (partly) hatched one keeps its hatchlings."""
    loaded = await load_clutch(session, principal, clutch_id, VivariumRole.handler, for_update=True)
    clutch = loaded.clutch
    if clutch.status is not ClutchStatus.incubating:
        raise ClutchStatusConflict("marked failed", clutch.status)
    clutch.status = ClutchStatus.failed
    await session.flush()
    await session.refresh(clutch)
    breeding_events.emit_clutch_failed(session, clutch, actor_of(principal))
    return to_read(clutch, on=vivarium_today(loaded.access.vivarium))
