"""Who may see which relative: the privacy rule of pedigrees, descendants and siblings.

- an animal in a vivarium the caller belongs to (or any animal, for platform staff, who
  `authorize_vivarium` lets into every vivarium) is seen in full;
- a `public` or `lineage_only` animal elsewhere is shown (lineage_only has no public profile,
  but appears inside pedigrees);
- a `private` animal elsewhere is only a placeholder, and nothing is walked through it: what
  lies behind a private animal is that breeder's business.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from reptidex_common.auth.dependencies import effective_vivarium_role
from reptidex_common.auth.principal import Principal
from reptidex_common.models.animal import Animal
from reptidex_common.models.animal_enums import Visibility
from reptidex_common.models.core import Membership, Vivarium
from reptidex_common.models.enums import VivariumRole


@dataclass(frozen=True)
class Viewer:
    vivarium_ids: frozenset[uuid.UUID]
    sees_everything: bool = False

    def is_member(self, vivarium_id: uuid.UUID) -> bool:
        return self.sees_everything or vivarium_id in self.vivarium_ids

    def may_see(self, vivarium_id: uuid.UUID, visibility: Visibility) -> bool:
        return visibility is not Visibility.private or self.is_member(vivarium_id)


ANONYMOUS = Viewer(vivarium_ids=frozenset())


async def viewer_for(session: AsyncSession, principal: Principal | None) -> Viewer:
    """The caller's vivariums, read once per request."""
    if principal is None:
        return ANONYMOUS
    if principal.is_staff and principal.vivarium_id is None:
        return viewer_of(principal, ())
    rows = await session.scalars(
        select(Membership.vivarium_id)
        .join(Vivarium, Vivarium.id == Membership.vivarium_id)
        .where(Membership.user_id == principal.user_id, Vivarium.deleted_at.is_(None))
    )
    return viewer_of(principal, rows)


def viewer_of(principal: Principal, member_of: Iterable[uuid.UUID]) -> Viewer:
    """The viewer of a signed-in caller who belongs to the live vivariums `member_of`."""
    if principal.is_staff and principal.vivarium_id is None:
        return Viewer(vivarium_ids=frozenset(), sees_everything=True)
    ids = frozenset(member_of)
    # An API key bound to one vivarium acts as a member of that one only.
    if principal.vivarium_id is not None:
        ids &= {principal.vivarium_id}
    return Viewer(vivarium_ids=ids)


_USER = bindparam("user_id", type_=Membership.user_id.type)
_LIVE = aliased(Vivarium, name="live_vivarium")
_MEMBERSHIPS = aliased(Membership, name="all_memberships")
_VIVARIUMS = aliased(Vivarium, name="all_vivariums")
# The animal's vivarium, the caller's role there and every live vivarium they belong to.
OWN_ANIMAL_STATEMENT = (
    select(
        Animal.vivarium_id,
        _LIVE.id.label("live_vivarium_id"),
        Membership.role.label("member_role"),
        select(func.array_agg(_MEMBERSHIPS.vivarium_id))
        .join(_VIVARIUMS, _VIVARIUMS.id == _MEMBERSHIPS.vivarium_id)
        .where(_MEMBERSHIPS.user_id == _USER, _VIVARIUMS.deleted_at.is_(None))
        .correlate(None)
        .scalar_subquery()
        .label("member_of"),
    )
    .select_from(Animal)
    .outerjoin(_LIVE, (_LIVE.id == Animal.vivarium_id) & _LIVE.deleted_at.is_(None))
    .outerjoin(Membership, (Membership.vivarium_id == _LIVE.id) & (Membership.user_id == _USER))
    .where(Animal.id == bindparam("animal_id", type_=Animal.id.type))
)


async def own_animal_viewer(
    session: AsyncSession, principal: Principal, animal_id: uuid.UUID
) -> Viewer | None:
    """The caller's viewer, in one statement, when the animal lies in a vivarium they may read.

    None: not there, or reached another way (a lease, a partnership); `load_animal` decides.
    """
    row = (
        await session.execute(
            OWN_ANIMAL_STATEMENT, {"animal_id": animal_id, "user_id": principal.user_id}
        )
    ).one_or_none()
    if row is None:
        return None
    role = effective_vivarium_role(
        principal, row.vivarium_id, row.member_role, live=row.live_vivarium_id is not None
    )
    if role is None or not role.at_least(VivariumRole.keeper):
        return None
    return viewer_of(principal, row.member_of or ())
