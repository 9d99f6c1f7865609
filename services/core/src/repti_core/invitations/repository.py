"""SQL for invitations."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.core import Invitation, Membership, User, Vivarium
from reptidex_common.models.enums import InvitationStatus


def _open(now: datetime) -> ColumnElement[bool]:
    """Pending and not yet expired: the invitations that can still be answered."""
    return and_(Invitation.status == InvitationStatus.pending, Invitation.expires_at > now)


async def open_for_vivarium(
    session: AsyncSession, vivarium_id: uuid.UUID, now: datetime
) -> Sequence[Invitation]:
    result = await session.scalars(
        select(Invitation)
        .where(Invitation.vivarium_id == vivarium_id, _open(now))
        .order_by(Invitation.id)
    )
    return result.all()


async def open_for_email(
    session: AsyncSession, email: str, now: datetime
) -> Sequence[tuple[Invitation, str]]:
    result = await session.execute(
        select(Invitation, Vivarium.name)
        .join(Vivarium, Vivarium.id == Invitation.vivarium_id)
        .where(
            func.lower(Invitation.email) == email.lower(),
            Vivarium.deleted_at.is_(None),
            _open(now),
        )
        .order_by(Invitation.id)
    )
    return result.all()


async def has_open_for_email(
    session: AsyncSession, vivarium_id: uuid.UUID, email: str, now: datetime
) -> bool:
    found = await session.scalar(
        select(Invitation.id)
        .where(
            Invitation.vivarium_id == vivarium_id,
            func.lower(Invitation.email) == email.lower(),
            _open(now),
        )
        .limit(1)
    )
    return found is not None


async def count_open(session: AsyncSession, vivarium_id: uuid.UUID, now: datetime) -> int:
    count = await session.scalar(
        select(func.count())
        .select_from(Invitation)
        .where(Invitation.vivarium_id == vivarium_id, _open(now))
    )
    return int(count or 0)


async def email_is_member(session: AsyncSession, vivarium_id: uuid.UUID, email: str) -> bool:
    found = await session.scalar(
        select(Membership.id)
        .join(User, User.id == Membership.user_id)
        .where(Membership.vivarium_id == vivarium_id, func.lower(User.email) == email.lower())
    )
    return found is not None


async def by_id(
    session: AsyncSession, vivarium_id: uuid.UUID, invitation_id: uuid.UUID, *, lock: bool = False
) -> Invitation | None:
    statement = select(Invitation).where(
        Invitation.id == invitation_id, Invitation.vivarium_id == vivarium_id
    )
    if lock:
        statement = statement.with_for_update().execution_options(populate_existing=True)
    return (await session.scalars(statement)).one_or_none()


async def by_id_only(session: AsyncSession, invitation_id: uuid.UUID) -> Invitation | None:
    return await session.get(Invitation, invitation_id)


async def by_token_hash(session: AsyncSession, token_hash: str) -> Invitation | None:
    statement = select(Invitation).where(Invitation.token_hash == token_hash)
    return (await session.scalars(statement)).one_or_none()
