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
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.auth.principal import Principal
from reptidex_common.models.animal_enums import Visibility
from reptidex_common.models.core import Membership, Vivarium


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
        return Viewer(vivarium_ids=frozenset(), sees_everything=True)
    rows = await session.scalars(
        select(Membership.vivarium_id)
        .join(Vivarium, Vivarium.id == Membership.vivarium_id)
        .where(Membership.user_id == principal.user_id, Vivarium.deleted_at.is_(None))
    )
    ids = frozenset(rows)
    # An API key bound to one vivarium acts as a member of that one only.
    if principal.vivarium_id is not None:
        ids &= {principal.vivarium_id}
    return Viewer(vivarium_ids=ids)
