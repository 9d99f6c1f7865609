"""What an API key may do in a service: the scopes it needs for each kind of data.

Signed-in users are governed by their roles alone; an API key additionally needs a scope the
service names for the kind of data a route serves. Nothing is open to a key by default: a
route whose kind a service's policy does not name answers 403 to every key.

The scopes, service by service (write scopes also let a key read that kind):

| service   | kind of data (route tags)                          | read            | write           |
|-----------|----------------------------------------------------|-----------------|-----------------|
| core      | vivariums (name, slug, settings of the key's own)  | any *:read      | no key          |
| core      | feature flags evaluated for the key's vivarium     | any *:read,embed| no key          |
| core      | accounts, users, members, invitations, api-keys,   | no key          | no key          |
|           | sessions (auth), partnerships, plans, flags        |                 |                 |
| animal    | animals, genotypes, lineage, sharing (QR), import  | animals:read    | animals:write   |
|           | and export, transfers and leases (read)            |                 | (not transfers) |
| animal    | pairings, clutches, breeding stats, genetics       | breeding:read   | breeding:write  |
| animal    | husbandry logs, today, reminders, notifications,   | husbandry:read  | husbandry:write |
|           | enclosures                                         |                 |                 |
| all       | health, JWKS, plan and species catalogues, public  | no scope needed | no key          |
|           | profiles: public data, the same answer as anonymous|                 |                 |
| all       | whoami (which user a key belongs to, by id only)   | no scope needed | -               |

`embed` otherwise grants nothing beyond public data: embed widgets sit in public web pages.
`listings:*`, `media:write` and `webhooks:manage` wait for the commerce, media and ops
endpoints they name; until then those services answer a key on health and whoami only.

Which vivarium a key acts in is decided where rows are read (`authorize_vivarium`, the
visibility helpers): a key bound to a vivarium acts in that one only; an unbound key acts in
every vivarium its owner belongs to, as the key-creation form says.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field

from fastapi import Request
from fastapi.routing import APIRoute

from reptidex_common.auth.api_keys import ApiKeyScope
from reptidex_common.auth.dependencies import OptionalPrincipal
from reptidex_common.auth.principal import PrincipalKind
from reptidex_common.errors import Forbidden
from reptidex_common.operation_ids import route_operation_id

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class KeyAccess:
    """The scopes that let a key call the routes of one kind of data."""

    # Any one of these lets a key read (GET/HEAD); the write scopes also do.
    read: frozenset[str] = frozenset()
    # Any one of these lets a key write; empty: no key may write this kind.
    write: frozenset[str] = frozenset()
    # Reads answer every caller alike (public data), so a key needs no scope for them.
    read_needs_no_scope: bool = False
    # A POST that only computes (e.g. a what-if COI) reads, whatever its method.
    always_read: bool = False

    def needed(self, method: str) -> frozenset[str] | None:
        """The scopes of which a key needs one; None: none needed; empty: no key may."""
        if method in READ_METHODS or self.always_read:
            return None if self.read_needs_no_scope else self.read | self.write
        return self.write


def scoped(read: ApiKeyScope, write: ApiKeyScope | None = None) -> KeyAccess:
    return KeyAccess(
        read=frozenset({read.value}),
        write=frozenset({write.value}) if write is not None else frozenset(),
    )


NO_KEYS = KeyAccess()
PUBLIC = KeyAccess(read_needs_no_scope=True)

# What every service answers alike: health probes, and whoami (so an integration can check its
# key; it names the owner by id and nothing more).
COMMON_BY_TAG: Mapping[str, KeyAccess] = {"health": PUBLIC}
COMMON_BY_OPERATION: Mapping[str, KeyAccess] = {"auth-whoami": PUBLIC}


@dataclass(frozen=True)
class ApiKeyPolicy:
    # Route tag (its first) → access; a tag not listed is closed to keys.
    by_tag: Mapping[str, KeyAccess] = field(default_factory=dict)
    # Operation id → access, for the routes whose tag alone says too little.
    by_operation: Mapping[str, KeyAccess] = field(default_factory=dict)

    def access_for(self, route: APIRoute) -> KeyAccess:
        operation = route_operation_id(route)
        if operation in self.by_operation:
            return self.by_operation[operation]
        if operation in COMMON_BY_OPERATION:
            return COMMON_BY_OPERATION[operation]
        tag = str(route.tags[0]) if route.tags else ""
        return self.by_tag.get(tag) or COMMON_BY_TAG.get(tag, NO_KEYS)


# A service with no data a key may touch yet (the skeleton services): health and whoami only.
NO_KEYS_POLICY = ApiKeyPolicy()


class MissingScope(Forbidden):
    type_slug = "missing-scope"


def api_key_guard(policy: ApiKeyPolicy) -> Callable[[Request, OptionalPrincipal], Awaitable[None]]:
    async def guard(request: Request, principal: OptionalPrincipal) -> None:
        if principal is None or principal.kind is not PrincipalKind.api_key:
            return
        route = request.scope.get("route")
        access = policy.access_for(route) if isinstance(route, APIRoute) else NO_KEYS
        needed = access.needed(request.method)
        if needed is None:
            return
        if not needed:
            raise Forbidden(
                "API keys cannot do this: it needs a signed-in user.",
                type_slug="signed-in-user-required",
            )
        if not (principal.scopes or frozenset()) & needed:
            raise MissingScope(
                f"This API key needs one of these scopes: {', '.join(sorted(needed))}."
            )

    return guard
