"""Member rules judged on the locked rows, not on the role read before the lock."""

from __future__ import annotations

import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from repti_core.members import service
from repti_core.members.exceptions import CannotManageMember
from reptidex_common.auth.dependencies import authorize_vivarium
from reptidex_common.auth.principal import Principal
from reptidex_common.models.core import Membership
from reptidex_common.models.enums import PlatformRole, VivariumRole
from reptidex_common.testing.plugin import UserFactory, VivariumFactory


@pytest.mark.parametrize("action", ["change-role", "remove"])
async def test_a_curator_demoted_meanwhile_cannot_manage_members(
    action: str,
    db_session: AsyncSession,
    make_user: UserFactory,
    make_vivarium: VivariumFactory,
) -> None:
    owner, curator, keeper = await make_user(), await make_user(), await make_user()
    vivarium = await make_vivarium(owner)
    db_session.add_all(
        [
            Membership(vivarium_id=vivarium.id, user_id=curator.id, role=VivariumRole.curator),
            Membership(vivarium_id=vivarium.id, user_id=keeper.id, role=VivariumRole.keeper),
        ]
    )
    await db_session.flush()
    principal = Principal(user_id=curator.id, platform_role=PlatformRole.user)
    access = await authorize_vivarium(db_session, principal, vivarium.id, VivariumRole.curator)
    # The owner's demotion commits between the curator's role check and the curator's lock.
    await db_session.execute(
        update(Membership)
        .where(Membership.vivarium_id == vivarium.id, Membership.user_id == curator.id)
        .values(role=VivariumRole.keeper)
    )

    attempt = (
        service.change_role(db_session, access, keeper.id, VivariumRole.handler)
        if action == "change-role"
        else service.remove(db_session, access, keeper.id)
    )
    with pytest.raises(CannotManageMember):
        await attempt
