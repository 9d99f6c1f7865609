"""Path dependencies for the users domain."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Path

from repti_core.users import repository
from repti_core.users.exceptions import UserNotFound
from reptidex_common.db.engine import DbSession
from reptidex_common.models.core import User


async def valid_user_id(user_id: Annotated[uuid.UUID, Path()], session: DbSession) -> User:
    user = await repository.user_by_id(session, user_id)
    if user is None:
        raise UserNotFound()
    return user


ExistingUser = Annotated[User, Depends(valid_user_id)]
