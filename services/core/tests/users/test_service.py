from __future__ import annotations

import uuid

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from repti_core.users import service
from repti_core.users.exceptions import CannotModerateSelf, OutranksModerator, UserNotFound
from repti_core.users.schemas import UserUpdate
from reptidex_common.auth.principal import Principal
from reptidex_common.models.core import User
from reptidex_common.models.enums import PlatformRole, UserStatus


def a_user(**fields: object) -> User:
    values: dict[str, object] = {
        "id": uuid.uuid4(),
        "email": "keeper@example.com",
        "password_hash": "x",
        "display_name": "Keeper",
        "bio": "Bio",
        "location": "Bruges",
        "platform_role": PlatformRole.user,
        "status": UserStatus.active,
        "privacy_settings": {},
        "contact_preferences": {},
    }
    return User(**{**values, **fields})


def principal(
    role: PlatformRole = PlatformRole.user, user_id: uuid.UUID | None = None
) -> Principal:
    return Principal(user_id=user_id or uuid.uuid4(), platform_role=role)


async def test_update_applies_only_sent_fields_and_merges_settings(
    db_session: AsyncSession,
) -> None:
    user = a_user(privacy_settings={"profile_public": False, "legacy_key": 1})
    original_settings = user.privacy_settings

    service.update_profile(
        db_session,
        principal(user_id=user.id),
        user,
        UserUpdate.model_validate({"bio": None, "privacy_settings": {"show_location": False}}),
    )
    assert user.bio is None
    assert user.location == "Bruges"
    assert user.display_name == "Keeper"
    assert user.privacy_settings == {
        "profile_public": False,
        "legacy_key": 1,
        "show_location": False,
    }
    # A new object, or SQLAlchemy would not notice the JSONB change.
    assert user.privacy_settings is not original_settings


def test_public_profile_rules() -> None:
    hidden = a_user(privacy_settings={"profile_public": False})
    with pytest.raises(UserNotFound):
        service.public_profile(hidden, None)
    with pytest.raises(UserNotFound):
        service.public_profile(hidden, principal())
    with pytest.raises(UserNotFound):
        service.public_profile(None, principal(PlatformRole.admin))
    assert service.public_profile(hidden, principal(user_id=hidden.id)).display_name == "Keeper"
    assert service.public_profile(hidden, principal(PlatformRole.support)).id == hidden.id
    with pytest.raises(UserNotFound):
        service.public_profile(a_user(status=UserStatus.suspended), None)
    # Keys that are no longer known do not break reading old rows.
    assert (
        service.public_profile(a_user(privacy_settings={"retired": True}), None).location
        == "Bruges"
    )


async def test_who_may_moderate_whom(db_session: AsyncSession) -> None:
    admin = principal(PlatformRole.admin)
    support = principal(PlatformRole.support)

    assert (
        service.reactivate(db_session, a_user(status=UserStatus.suspended), support).status
        is UserStatus.active
    )
    with pytest.raises(OutranksModerator):
        service.reactivate(db_session, a_user(platform_role=PlatformRole.admin), support)
    assert (
        service.reactivate(db_session, a_user(platform_role=PlatformRole.support), admin).status
        is UserStatus.active
    )
    with pytest.raises(CannotModerateSelf):
        service.reactivate(
            db_session, a_user(id=admin.user_id, platform_role=PlatformRole.admin), admin
        )
