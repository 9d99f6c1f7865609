"""Loading a pairing or clutch the caller may see, with the role they hold over it.

Both belong to one vivarium; a caller who is not a member there gets 404 (as for animals), a
member below the needed role 403 naming the role. A pairing is also readable by those it is
shared with (see `_shared_pairing_access`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.animals import grants
from repti_animal.breeding import repository
from repti_animal.breeding.exceptions import ClutchNotFound, PairingNotFound
from reptidex_common.auth.dependencies import VivariumAccess, authorize_vivarium, member_access
from reptidex_common.auth.principal import Principal
from reptidex_common.errors import NotFound
from reptidex_common.models.animal import Animal, Clutch, Pairing
from reptidex_common.models.enums import VivariumRole


@dataclass(frozen=True)
class PairingAccess:
    pairing: Pairing
    sire: Animal
    dam: Animal
    access: VivariumAccess


@dataclass(frozen=True)
class ClutchAccess:
    clutch: Clutch
    access: VivariumAccess


async def load_pairing(
    session: AsyncSession,
    principal: Principal,
    pairing_id: uuid.UUID,
    minimum: VivariumRole,
    *,
    for_update: bool = False,
) -> PairingAccess:
    row = await repository.pairing_with_parents(session, pairing_id, for_update=for_update)
    if row is None:
        raise PairingNotFound()
    pairing, sire, dam = row
    try:
        access = await authorize_vivarium(session, principal, pairing.vivarium_id, minimum)
    except NotFound as exc:
        shared = None
        if minimum is VivariumRole.keeper:
            shared = await _shared_pairing_access(session, principal, pairing, sire, dam)
        if shared is None:
            raise PairingNotFound() from exc
        access = shared
    return PairingAccess(pairing=pairing, sire=sire, dam=dam, access=access)


async def _shared_pairing_access(
    session: AsyncSession, principal: Principal, pairing: Pairing, sire: Animal, dam: Animal
) -> VivariumAccess | None:
    """Read access for those a pairing is shared with: the owners of an animal it uses (a
    lender sees what its loaned animal was paired with), and partners of the pairing's
    vivarium when both animals are ones partners may read."""
    for parent in (sire, dam):
        if parent.vivarium_id != pairing.vivarium_id:
            owner = await member_access(session, principal, parent.vivarium_id)
            if owner is not None:
                return grants.read_only(owner)
    partner = await grants.partner_access(session, principal, pairing.vivarium_id)
    if partner is None:
        return None
    if all(
        grants.shared_with_partners(parent) or parent.vivarium_id == partner.vivarium.id
        for parent in (sire, dam)
    ):
        return partner
    return None


async def load_clutch(
    session: AsyncSession,
    principal: Principal,
    clutch_id: uuid.UUID,
    minimum: VivariumRole,
    *,
    for_update: bool = False,
) -> ClutchAccess:
    clutch = await repository.clutch(session, clutch_id, for_update=for_update)
    if clutch is None:
        raise ClutchNotFound()
    try:
        access = await authorize_vivarium(session, principal, clutch.vivarium_id, minimum)
    except NotFound as exc:
        raise ClutchNotFound() from exc
    return ClutchAccess(clutch=clutch, access=access)
