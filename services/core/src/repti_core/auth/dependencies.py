"""Auth dependencies specific to core: the current user as a loaded row."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from repti_core.auth import repository
from reptidex_common.auth.dependencies import CurrentPrincipal
from reptidex_common.db.engine import DbSession
from reptidex_common.errors import Unauthorized
from reptidex_common.models.core import User
from reptidex_common.settings import get_settings


async def get_current_user(principal: CurrentPrincipal, session: DbSession) -> User:
    user = await repository.user_by_id(session, principal.user_id)
    if user is None:
        raise Unauthorized("This account no longer exists.")
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]


def client_ip(request: Request) -> str:
    """The caller's address as our own proxies saw it (see `trusted_proxy_hops`).

    Each trusted proxy appends the address it was reached from, so the client is the entry
    that many places from the right; anything further left was written by the client.
    """
    peer = request.client.host if request.client else "unknown"
    hops = get_settings().trusted_proxy_hops
    if hops == 0:
        return peer
    entries = [
        entry.strip()
        for header in request.headers.getlist("x-forwarded-for")
        for entry in header.split(",")
        if entry.strip()
    ]
    if not entries:
        return peer
    return entries[max(len(entries) - hops, 0)][:64]
