"""All SQL of the breeding domain."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Row, Select, case, extract, func, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from repti_animal.animals.grants import PARTNER_SHARED
from reptidex_common.db.pagination import PageParams, decode_cursor, keyset_page, split_page
from reptidex_common.models.animal import Animal, Clutch, Genotype, Pairing, Species, Trait
from reptidex_common.models.animal_enums import (
    ClutchStatus,
    GenotypeState,
    Inheritance,
    PairingStatus,
)

Sire = aliased(Animal, name="sire")
Dam = aliased(Animal, name="dam")
PairingRow = Row[Pairing, Animal, Animal]


async def lock_vivarium_counter(session: AsyncSession, vivarium_id: uuid.UUID, what: str) -> None:
    """Serialise count-then-create for one vivarium, so two requests cannot both pass a limit.

    An advisory lock rather than a row lock: the vivarium row belongs to core.
    """
    await session.execute(
        text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
        {"key": f"animal:{what}:{vivarium_id}"},
    )


async def count_open_pairings(session: AsyncSession, vivarium_id: uuid.UUID) -> int:
    count = await session.scalar(
        select(func.count())
        .select_from(Pairing)
        .where(
            Pairing.vivarium_id == vivarium_id,
            Pairing.status.not_in((PairingStatus.completed, PairingStatus.failed)),
        )
    )
    return int(count or 0)


def _pairings_with_parents() -> Select[Pairing, Animal, Animal]:
    return (
        select(Pairing, Sire, Dam)
        .join(Sire, Sire.id == Pairing.sire_id)
        .join(Dam, Dam.id == Pairing.dam_id)
    )


async def pairing_with_parents(
    session: AsyncSession, pairing_id: uuid.UUID, *, for_update: bool = False
) -> PairingRow | None:
    statement = _pairings_with_parents().where(Pairing.id == pairing_id)
    if for_update:
        statement = statement.with_for_update(of=Pairing).execution_options(populate_existing=True)
    return (await session.execute(statement)).one_or_none()


async def page_of_pairings(
    session: AsyncSession,
    vivarium_id: uuid.UUID,
    params: PageParams,
    *,
    season: int | None,
    status: PairingStatus | None,
    partner_id: uuid.UUID | None = None,
) -> tuple[Sequence[PairingRow], str | None]:
    """`partner_id`: list for that partner vivarium, only pairings of animals it may read."""
    statement = _pairings_with_parents().where(Pairing.vivarium_id == vivarium_id)
    if partner_id is not None:
        for parent in (Sire, Dam):
            statement = statement.where(
                or_(parent.visibility.in_(PARTNER_SHARED), parent.vivarium_id == partner_id)
            )
    if season is not None:
        statement = statement.where(Pairing.season == season)
    if status is not None:
        statement = statement.where(Pairing.status == status)
    return await _keyset_rows(session, statement, params)


async def _keyset_rows(
    session: AsyncSession, statement: Select[Pairing, Animal, Animal], params: PageParams
) -> tuple[Sequence[PairingRow], str | None]:
    """keyset_page for rows of several entities (it returns only the first one)."""
    id_column = Pairing.id
    if params.cursor:
        statement = statement.where(id_column < decode_cursor(params.cursor))
    rows = (
        await session.execute(statement.order_by(id_column.desc()).limit(params.limit + 1))
    ).all()
    return split_page(rows, params.limit, lambda row: row[0].id)


async def pairing_has_clutches(session: AsyncSession, pairing_id: uuid.UUID) -> bool:
    found = await session.scalar(select(Clutch.id).where(Clutch.pairing_id == pairing_id).limit(1))
    return found is not None


async def first_laid_date(session: AsyncSession, pairing_id: uuid.UUID) -> date | None:
    """When the pairing's first clutch was laid, if it has one."""
    return await session.scalar(
        select(func.min(Clutch.laid_date)).where(Clutch.pairing_id == pairing_id)
    )


async def clutch_species(session: AsyncSession, clutch_id: uuid.UUID) -> uuid.UUID | None:
    """The clutch's species, read without a lock (it never changes after creation)."""
    return await session.scalar(select(Clutch.species_id).where(Clutch.id == clutch_id))


async def clutch(
    session: AsyncSession, clutch_id: uuid.UUID, *, for_update: bool = False
) -> Clutch | None:
    return await session.get(
        Clutch, clutch_id, with_for_update=for_update, populate_existing=for_update
    )


async def page_of_clutches(
    session: AsyncSession,
    vivarium_id: uuid.UUID,
    params: PageParams,
    *,
    status: ClutchStatus | None,
) -> tuple[Sequence[Clutch], str | None]:
    statement = select(Clutch).where(Clutch.vivarium_id == vivarium_id)
    if status is not None:
        statement = statement.where(Clutch.status == status)
    rows, cursor = await keyset_page(session, statement, Clutch.id, params)
    return rows, cursor


async def species(session: AsyncSession, species_id: uuid.UUID) -> Species:
    row = await session.get(Species, species_id)
    assert row is not None  # a foreign key guarantees it
    return row


async def taken_display_ids(
    session: AsyncSession, vivarium_id: uuid.UUID, display_ids: Sequence[str]
) -> set[str]:
    if not display_ids:
        return set()
    rows = await session.scalars(
        select(Animal.display_id).where(
            Animal.vivarium_id == vivarium_id, Animal.display_id.in_(display_ids)
        )
    )
    return set(rows)


async def parent_genotypes(
    session: AsyncSession, parent_ids: Sequence[uuid.UUID]
) -> Sequence[Row[uuid.UUID, uuid.UUID, GenotypeState, Inheritance, str]]:
    """Both parents' genotype records with each trait's inheritance and name, in one query."""
    if not parent_ids:
        return []
    result = await session.execute(
        select(Genotype.animal_id, Genotype.trait_id, Genotype.state, Trait.inheritance, Trait.name)
        .join(Trait, Trait.id == Genotype.trait_id)
        .where(Genotype.animal_id.in_(parent_ids))
    )
    return result.all()


def _figures() -> tuple[Any, ...]:
    """Sums shared by every grouping of the statistics."""
    finished = Clutch.status != ClutchStatus.incubating
    return (
        func.count(Clutch.id).label("clutches"),
        func.count(Clutch.id)
        .filter(Clutch.status == ClutchStatus.incubating)
        .label("clutches_incubating"),
        func.count(Clutch.id)
        .filter(Clutch.status == ClutchStatus.hatched)
        .label("clutches_hatched"),
        func.count(Clutch.id).filter(Clutch.status == ClutchStatus.failed).label("clutches_failed"),
        func.coalesce(func.sum(Clutch.eggs_total), 0).label("eggs_total"),
        func.coalesce(func.sum(Clutch.eggs_fertile), 0).label("eggs_fertile"),
        func.coalesce(func.sum(Clutch.eggs_infertile), 0).label("eggs_infertile"),
        func.coalesce(func.sum(Clutch.hatched_count), 0).label("hatched"),
        func.coalesce(func.sum(case((finished, Clutch.eggs_fertile), else_=0)), 0).label(
            "fertile_finished"
        ),
    )


def _clutches_of_season(vivarium_id: uuid.UUID, season: int | None) -> Any:
    """The vivarium's clutches; a clutch's season is its pairing's, else the year it was laid."""
    condition = Clutch.vivarium_id == vivarium_id
    if season is not None:
        clutch_season = func.coalesce(Pairing.season, extract("year", Clutch.laid_date))
        condition = condition & (clutch_season == season)
    return condition


async def stats_per_pairing(
    session: AsyncSession, vivarium_id: uuid.UUID, season: int | None
) -> Sequence[Row[Any]]:
    statement = (
        select(
            Clutch.pairing_id,
            Pairing.season,
            Pairing.status,
            Sire.display_id.label("sire_display_id"),
            Dam.display_id.label("dam_display_id"),
            *_figures(),
        )
        .select_from(Clutch)
        .outerjoin(Pairing, Pairing.id == Clutch.pairing_id)
        .outerjoin(Sire, Sire.id == Clutch.sire_id)
        .join(Dam, Dam.id == Clutch.dam_id)
        .where(_clutches_of_season(vivarium_id, season))
        .group_by(
            Clutch.pairing_id, Pairing.season, Pairing.status, Sire.display_id, Dam.display_id
        )
        .order_by(Sire.display_id, Dam.display_id, Clutch.pairing_id)
    )
    return (await session.execute(statement)).all()


async def stats_per_species(
    session: AsyncSession, vivarium_id: uuid.UUID, season: int | None
) -> Sequence[Row[Any]]:
    statement = (
        select(Clutch.species_id, Species.common_name, *_figures())
        .select_from(Clutch)
        .join(Species, Species.id == Clutch.species_id)
        .outerjoin(Pairing, Pairing.id == Clutch.pairing_id)
        .where(_clutches_of_season(vivarium_id, season))
        .group_by(Clutch.species_id, Species.common_name)
        .order_by(Species.common_name)
    )
    return (await session.execute(statement)).all()
