"""SQL for users, refresh and mailed tokens, and memberships as seen by auth."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Row, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.auth.account_changes import note_account_change
from reptidex_common.models.core import Membership, RefreshToken, User, UserToken, Vivarium
from reptidex_common.models.enums import UserTokenPurpose, VivariumRole


async def user_by_email(session: AsyncSession, email: str) -> User | None:
    result = await session.scalars(select(User).where(func.lower(User.email) == email.lower()))
    return result.one_or_none()


async def user_by_id(session: AsyncSession, user_id: uuid.UUID) -> User | None:
    return await session.get(User, user_id)


async def refresh_token_by_hash(session: AsyncSession, token_hash: str) -> RefreshToken | None:
    result = await session.scalars(
        select(RefreshToken).where(RefreshToken.token_hash == token_hash).with_for_update()
    )
    return result.one_or_none()


async def revoke_family(session: AsyncSession, family_id: uuid.UUID, now: datetime) -> None:
    """End one login; every replica forgets it once the session commits."""
    revoked = await session.scalars(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=now)
        .returning(RefreshToken.user_id)
    )
    note_account_change(session, set(revoked))


async def revoke_all_for_user(session: AsyncSession, user_id: uuid.UUID, now: datetime) -> None:
    """End every login of the user; every replica forgets them once the session commits."""
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    note_account_change(session, [user_id])


async def user_token_by_hash(session: AsyncSession, token_hash: str) -> UserToken | None:
    # Locked so two clicks on the same link cannot both spend it.
    result = await session.scalars(
        select(UserToken).where(UserToken.token_hash == token_hash).with_for_update()
    )
    return result.one_or_none()


async def spend_user_tokens(
    session: AsyncSession, user_id: uuid.UUID, purpose: UserTokenPurpose, now: datetime
) -> None:
    """Mark every still-open token of this purpose used, e.g. older reset links."""
    await session.execute(
        update(UserToken)
        .where(
            UserToken.user_id == user_id,
            UserToken.purpose == purpose,
            UserToken.used_at.is_(None),
        )
        .values(used_at=now)
    )


async def memberships_of(
    session: AsyncSession, user_id: uuid.UUID
) -> Sequence[Row[uuid.UUID, str, str, VivariumRole, bool, str]]:
    result = await session.execute(
        select(
            Vivarium.id,
            Vivarium.name,
            Vivarium.slug,
            Membership.role,
            Vivarium.is_personal,
            Vivarium.time_zone,
        )
        .join(Membership, Membership.vivarium_id == Vivarium.id)
        .where(Membership.user_id == user_id, Vivarium.deleted_at.is_(None))
        .order_by(Vivarium.is_personal.desc(), Vivarium.name)
    )
    return result.all()
