"""SQL for the members of a vivarium."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Row, Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.core import Membership, User
from reptidex_common.models.enums import VivariumRole

MemberRow = Row[uuid.UUID, str, str, VivariumRole, datetime]


def _members() -> Select[uuid.UUID, str, str, VivariumRole, datetime]:
    return select(
        User.id, User.display_name, User.email, Membership.role, Membership.created_at
    ).join(User, User.id == Membership.user_id)


async def list_members(session: AsyncSession, vivarium_id: uuid.UUID) -> Sequence[MemberRow]:
    # Bounded by the plan's collaborator seats, so one list without pages.
    result = await session.execute(
        _members()
        .where(Membership.vivarium_id == vivarium_id)
        .order_by(Membership.created_at, Membership.id)
    )
    return result.all()


async def member(
    session: AsyncSession, vivarium_id: uuid.UUID, user_id: uuid.UUID
) -> MemberRow | None:
    result = await session.execute(
        _members().where(Membership.vivarium_id == vivarium_id, Membership.user_id == user_id)
    )
    return result.one_or_none()


async def lock_memberships(session: AsyncSession, vivarium_id: uuid.UUID) -> Sequence[Membership]:
    """Lock every membership of the vivarium (in id order, so lockers never deadlock).

    Two concurrent demotions of the last two owners then run one after the other, and the
    second sees the first's result (populate_existing refreshes rows already in the session).
    """
    result = await session.scalars(
        select(Membership)
        .where(Membership.vivarium_id == vivarium_id)
        .order_by(Membership.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return result.all()


async def membership_of(
    session: AsyncSession, vivarium_id: uuid.UUID, user_id: uuid.UUID
) -> Membership | None:
    result = await session.scalars(
        select(Membership).where(
            Membership.vivarium_id == vivarium_id, Membership.user_id == user_id
        )
    )
    return result.one_or_none()
