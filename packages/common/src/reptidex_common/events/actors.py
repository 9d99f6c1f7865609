"""Who made a change, as events and audit records name them."""

from __future__ import annotations

from reptidex_common.auth.principal import Principal, PrincipalKind
from reptidex_common.events.envelope import SYSTEM, Actor, ActorType


def actor_of(principal: Principal | None) -> Actor:
    """The actor of a request's change: its user, API key or calling service; the system (a
    beat job, a worker acting on its own) when there is no principal."""
    if principal is None:
        return SYSTEM
    if principal.kind is PrincipalKind.api_key and principal.api_key_id is not None:
        return Actor(type=ActorType.api_key, id=str(principal.api_key_id))
    if principal.kind is PrincipalKind.service:
        # A service acting for a user: the user made the change, through that service.
        return Actor(
            type=ActorType.user, id=str(principal.user_id), via=principal.extra.get("service")
        )
    return Actor(type=ActorType.user, id=str(principal.user_id))
