"""Turning user rows into response bodies."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from repti_core.auth import repository
from repti_core.auth.schemas import MembershipRead, MeRead, UserRead
from reptidex_common.models.core import User


def user_read(user: User) -> UserRead:
    return UserRead(
        id=user.id,
        email=user.email,
        display_name=user.display_name,
        bio=user.bio,
        location=user.location,
        contact_preferences=user.contact_preferences or {},
        privacy_settings=user.privacy_settings or {},
        platform_role=user.platform_role,
        status=user.status,
        email_verified=user.email_verified_at is not None,
        two_factor_enabled=user.totp_enabled,
        created_at=user.created_at,
    )


async def me_read(session: AsyncSession, user: User) -> MeRead:
    rows = await repository.memberships_of(session, user.id)
    memberships = [
        MembershipRead(
            vivarium_id=r[0],
            vivarium_name=r[1],
            vivarium_slug=r[2],
            role=r[3],
            is_personal=r[4],
            vivarium_time_zone=r[5],
        )
        for r in rows
    ]
    return MeRead(**user_read(user).model_dump(), memberships=memberships)
