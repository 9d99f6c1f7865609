"""Leases (breeding loans): the animal stays the lender's record and lives with the borrower.

While a lease is active the animal's status is `lease` (set only here: nobody may set it by
hand) and the borrower uses it as the lease promises: its members read the record and history,
log its care and pair it (`animals.grants`). The lease ends by its return (early or on the end
date) or by cancellation, from either side; both sides get a return reminder before the end
date (`lease_reminders`). Only an `active` animal can be leased, so that ending the lease
(status back to `active`) restores exactly what it was.
"""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.animals.access import load_animal
from repti_animal.transfers import repository
from repti_animal.transfers.access import require_role, visible_sides
from repti_animal.transfers.closing import end_lease
from repti_animal.transfers.events import emit_lease_event
from repti_animal.transfers.exceptions import AnimalBusy, LeaseNotFound, NotPending
from repti_animal.transfers.lease_reminders import reminder_due_at, return_reminders
from repti_animal.transfers.schemas import LeaseCreate, LeasedAnimal, LeaseRead, VivariumSummary
from repti_animal.transfers.service import check_animal_free, check_counterparty
from reptidex_common.auth.dependencies import VivariumAccess
from reptidex_common.auth.principal import Principal
from reptidex_common.db.pagination import PageParams, keyset_page
from reptidex_common.events.actors import actor_of
from reptidex_common.models.animal import Lease
from reptidex_common.models.animal_enums import AnimalStatus, LeaseStatus
from reptidex_common.models.enums import VivariumRole


async def _read_many(
    session: AsyncSession, leases: list[Lease], *, lender_view: set[uuid.UUID]
) -> list[LeaseRead]:
    """`lender_view`: ids of leases the caller sees as lender (animal shown whatever the status)."""
    vivariums = await repository.vivariums_by_id(
        session,
        {x.lender_vivarium_id for x in leases} | {x.borrower_vivarium_id for x in leases},
    )
    animal_ids = [x.animal_id for x in leases]
    animals = await repository.animals_by_id(session, animal_ids)
    species = await repository.species_names(session, {a.species_id for a in animals.values()})
    genotypes = await repository.genotypes_of(session, animal_ids)

    def summary(vivarium_id: uuid.UUID) -> VivariumSummary:
        v = vivariums[vivarium_id]
        return VivariumSummary(id=v.id, slug=v.slug, name=v.name)

    def animal_of(lease: Lease) -> LeasedAnimal | None:
        if lease.status is not LeaseStatus.active and lease.id not in lender_view:
            return None
        a = animals[lease.animal_id]
        return LeasedAnimal(
            id=a.id,
            display_id=a.display_id,
            name=a.name,
            species_id=a.species_id,
            species=species[a.species_id].common_name,
            sex=a.sex,
            hatch_date=a.hatch_date,
            morph=a.morph,
            genotype=genotypes[a.id],
        )

    return [
        LeaseRead(
            id=x.id,
            animal_id=x.animal_id,
            status=x.status,
            lender_vivarium=summary(x.lender_vivarium_id),
            borrower_vivarium=summary(x.borrower_vivarium_id),
            start_date=x.start_date,
            end_date=x.end_date,
            terms=x.terms,
            created_at=x.created_at,
            ended_at=x.ended_at,
            end_reason=x.end_reason,
            # On the caller's side's clock: the lender's or the borrower's.
            return_reminder_due_at=reminder_due_at(
                x,
                vivariums[x.lender_vivarium_id if x.id in lender_view else x.borrower_vivarium_id],
                x.created_at,
            ),
            animal=animal_of(x),
        )
        for x in leases
    ]


async def create(session: AsyncSession, principal: Principal, body: LeaseCreate) -> LeaseRead:
    found = await load_animal(
        session, principal, body.animal_id, VivariumRole.curator, for_update=True
    )
    animal = found.animal
    await check_counterparty(
        session, animal.vivarium_id, body.borrower_vivarium_id, "borrower_vivarium_id"
    )
    await check_animal_free(session, animal)
    if animal.status is not AnimalStatus.active:
        raise AnimalBusy(f"Only an active animal can be leased; this one is {animal.status.value}.")
    lease = Lease(
        animal_id=animal.id,
        lender_vivarium_id=animal.vivarium_id,
        borrower_vivarium_id=body.borrower_vivarium_id,
        start_date=body.start_date,
        end_date=body.end_date,
        terms=body.terms,
    )
    animal.status = AnimalStatus.lease
    session.add(lease)
    await session.flush()
    await session.refresh(lease)
    sides = await repository.vivariums_by_id(
        session, {lease.lender_vivarium_id, lease.borrower_vivarium_id}
    )
    session.add_all(
        return_reminders(
            lease,
            animal,
            sides[lease.lender_vivarium_id],
            sides[lease.borrower_vivarium_id],
            lease.created_at,
        )
    )
    await session.flush()
    emit_lease_event(session, lease, actor=actor_of(principal))
    return (await _read_many(session, [lease], lender_view={lease.id}))[0]


async def get(session: AsyncSession, principal: Principal, lease_id: uuid.UUID) -> LeaseRead:
    lease = await repository.get_lease(session, lease_id)
    if lease is None:
        raise LeaseNotFound()
    sides = await visible_sides(
        session, principal, lease.lender_vivarium_id, lease.borrower_vivarium_id, LeaseNotFound()
    )
    lender_view = {lease.id} if sides.first is not None else set()
    return (await _read_many(session, [lease], lender_view=lender_view))[0]


async def _end(
    session: AsyncSession, principal: Principal, lease_id: uuid.UUID, status: LeaseStatus
) -> LeaseRead:
    """Return or cancel: a curator of either side may; the other side sees who ended it."""
    lease = await repository.get_lease(session, lease_id, for_update=True)
    if lease is None:
        raise LeaseNotFound()
    sides = await visible_sides(
        session, principal, lease.lender_vivarium_id, lease.borrower_vivarium_id, LeaseNotFound()
    )
    curator_sides = [
        (side, name)
        for side, name in ((sides.first, "lender"), (sides.second, "borrower"))
        if side and side.at_least(VivariumRole.curator)
    ]
    if not curator_sides:
        # Always raises here: the 403 names the role needed and the caller's.
        require_role(sides.first or sides.second, VivariumRole.curator, "lending or borrowing")
    if lease.status is not LeaseStatus.active:
        raise NotPending(f"This lease is already {lease.status.value}.")
    acting, party = curator_sides[0]
    verb = "Returned" if status is LeaseStatus.returned else "Canceled"
    reason = f"{verb} by the {party}, {acting.vivarium.name}."
    await end_lease(session, lease, status, reason, actor_of(principal))
    lender_view = {lease.id} if sides.first is not None else set()
    return (await _read_many(session, [lease], lender_view=lender_view))[0]


async def return_lease(
    session: AsyncSession, principal: Principal, lease_id: uuid.UUID
) -> LeaseRead:
    return await _end(session, principal, lease_id, LeaseStatus.returned)


async def cancel_lease(
    session: AsyncSession, principal: Principal, lease_id: uuid.UUID
) -> LeaseRead:
    return await _end(session, principal, lease_id, LeaseStatus.canceled)


async def leased_in(
    session: AsyncSession, access: VivariumAccess, page: PageParams
) -> tuple[list[LeaseRead], str | None]:
    rows, cursor = await keyset_page(
        session, repository.active_leases_into(access.vivarium.id), Lease.id, page
    )
    return await _read_many(session, list(rows), lender_view=set()), cursor


async def leased_out(
    session: AsyncSession, access: VivariumAccess, page: PageParams
) -> tuple[list[LeaseRead], str | None]:
    rows, cursor = await keyset_page(
        session, repository.active_leases_out_of(access.vivarium.id), Lease.id, page
    )
    leases = list(rows)
    return await _read_many(session, leases, lender_view={x.id for x in leases}), cursor
