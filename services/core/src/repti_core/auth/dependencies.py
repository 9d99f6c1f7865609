"""Auth dependencies specific to core: the current user as a loaded row."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from repti_core.auth import repository
from reptidex_common.auth.dependencies import CurrentPrincipal
from reptidex_common.db.engine import DbSession
from reptidex_common.errors import Unauthorized
from reptidex_common.models.core import User


async def get_current_user(principal: CurrentPrincipal, session: DbSession) -> User:
    user = await repository.user_by_id(session, principal.user_id)
    if user is None:
        raise Unauthorized("This account no longer exists.")
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]


def client_ip(request: Request) -> str:
    # Behind the ALB/gateway the first X-Forwarded-For hop is the client.
    forwarded = request.headers.get("x-forwarded-for", "")
    if forwarded:
        return forwarded.split(",")[0].strip()[:64]
    return request.client.host if request.client else "unknown"
