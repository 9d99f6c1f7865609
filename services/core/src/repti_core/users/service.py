"""Profile rules: editing one's own profile, who may see a profile, staff suspension."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from repti_core.auth import repository as auth_repository
from repti_core.users.exceptions import CannotModerateSelf, OutranksModerator, UserNotFound
from repti_core.users.schemas import PrivacySettings, UserPublicRead, UserUpdate
from reptidex_common.auth.principal import Principal
from reptidex_common.events.actors import actor_of
from reptidex_common.events.emitting import emit
from reptidex_common.events.types.core import UserReinstated, UserSuspended, UserUpdated
from reptidex_common.models.core import User
from reptidex_common.models.enums import PlatformRole, UserStatus

NESTED_SETTINGS = ("contact_preferences", "privacy_settings")


def update_profile(
    session: AsyncSession, principal: Principal, user: User, data: UserUpdate
) -> User:
    changes: dict[str, Any] = data.model_dump(exclude_unset=True)
    changed: dict[str, Any] = {}
    for name in NESTED_SETTINGS:
        if name in changes:
            current = getattr(user, name) or {}
            keys = {k: v for k, v in changes[name].items() if current.get(k) != v}
            if keys:
                changed[name] = keys
            # A new dict object, so SQLAlchemy sees the JSONB column change.
            changes[name] = {**current, **changes[name]}
    for name, value in changes.items():
        if name not in NESTED_SETTINGS and getattr(user, name) != value:
            changed[name] = value
        setattr(user, name, value)
    if changed:
        emit(
            session,
            UserUpdated(user_id=user.id, changes=changed),
            actor=actor_of(principal),
            vivarium_id=None,
        )
    return user


def privacy_of(user: User) -> PrivacySettings:
    # Unknown stored keys (written before a key was retired) must not break reading.
    known = PrivacySettings.model_fields.keys()
    return PrivacySettings(**{k: v for k, v in (user.privacy_settings or {}).items() if k in known})


def public_profile(user: User | None, viewer: Principal | None) -> UserPublicRead:
    """A hidden or suspended profile answers 404, so nobody learns that the account exists."""
    if user is None:
        raise UserNotFound()
    privileged = viewer is not None and (viewer.user_id == user.id or viewer.is_staff)
    privacy = privacy_of(user)
    if not privileged and (not privacy.profile_public or user.status is UserStatus.suspended):
        raise UserNotFound()
    return UserPublicRead(
        id=user.id,
        display_name=user.display_name,
        bio=user.bio,
        location=user.location if privileged or privacy.show_location else None,
    )


def _check_moderator(target: User, moderator: Principal) -> None:
    if target.id == moderator.user_id:
        raise CannotModerateSelf()
    if target.platform_role is not PlatformRole.user and not moderator.is_admin:
        raise OutranksModerator()


async def suspend(session: AsyncSession, target: User, moderator: Principal) -> User:
    """Suspended at once: access tokens fail on the next request and refresh tokens are revoked."""
    _check_moderator(target, moderator)
    if target.status is not UserStatus.suspended:
        target.status = UserStatus.suspended
        emit(
            session,
            UserSuspended(user_id=target.id, moderator_id=moderator.user_id),
            actor=actor_of(moderator),
            vivarium_id=None,
        )
    # Even when already suspended: a session that slipped through is closed now.
    await auth_repository.revoke_all_for_user(session, target.id, datetime.now(UTC))
    return target


def reactivate(session: AsyncSession, target: User, moderator: Principal) -> User:
    _check_moderator(target, moderator)
    if target.status is not UserStatus.active:
        target.status = UserStatus.active
        emit(
            session,
            UserReinstated(user_id=target.id, moderator_id=moderator.user_id),
            actor=actor_of(moderator),
            vivarium_id=None,
        )
    return target
