"""Who may see and act on a transfer or lease: members of either of its two vivariums.

Someone who is a member of neither side gets 404 (they never learn it exists). A member of
one side who lacks the role the action needs on the side that acts gets 403: they can see
the record, so hiding it would only confuse.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.auth.dependencies import VivariumAccess, member_access
from reptidex_common.auth.principal import Principal
from reptidex_common.errors import Forbidden, NotFound
from reptidex_common.models.enums import VivariumRole


@dataclass(frozen=True)
class SideAccess:
    # None for the side the caller is not a member of.
    first: VivariumAccess | None
    second: VivariumAccess | None


async def visible_sides(
    session: AsyncSession,
    principal: Principal,
    first: uuid.UUID,
    second: uuid.UUID,
    not_found: NotFound,
) -> SideAccess:
    sides = SideAccess(
        await member_access(session, principal, first),
        await member_access(session, principal, second),
    )
    if sides.first is None and sides.second is None:
        raise not_found
    return sides


def require_role(access: VivariumAccess | None, minimum: VivariumRole, side: str) -> VivariumAccess:
    if access is None or not access.at_least(minimum):
        have = f"you are {access.role.value}" if access and access.role else "you are not a member"
        raise Forbidden(
            f"This needs the {minimum.value} role or higher in the {side} vivarium; {have}.",
            type_slug="insufficient-role",
        )
    return access
