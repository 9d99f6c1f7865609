"""Auth dependencies specific to core: the current user as a loaded row."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from repti_core.auth import repository
from reptidex_common.auth.dependencies import CurrentPrincipal
from reptidex_common.client_address import client_ip
from reptidex_common.db.engine import DbSession
from reptidex_common.errors import Unauthorized
from reptidex_common.models.core import User


async def get_current_user(principal: CurrentPrincipal, session: DbSession) -> User:
    user = await repository.user_by_id(session, principal.user_id)
    if user is None:
        raise Unauthorized("This account no longer exists.")
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]

__all__ = ["CurrentUser", "client_ip", "get_current_user"]
