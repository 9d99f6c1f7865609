"""What an API key may do in a service: the scopes it needs to read and to write.

Signed-in users are governed by their roles alone; an API key additionally needs a scope the
service names for the kind of request. Embed keys sit in public web pages, so no service lets a
key write unless it was given that service's write scope.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from fastapi import Request

from reptidex_common.auth.dependencies import OptionalPrincipal
from reptidex_common.auth.principal import PrincipalKind
from reptidex_common.errors import Forbidden

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class ApiKeyPolicy:
    # None: any scope lets a key read (the service holds nothing a scope protects apart).
    read_scopes: frozenset[str] | None
    # Empty: no key may write at all.
    write_scopes: frozenset[str]

    def needed(self, method: str) -> frozenset[str] | None:
        if method in READ_METHODS:
            return None if self.read_scopes is None else self.read_scopes | self.write_scopes
        return self.write_scopes


READ_ONLY_KEYS = ApiKeyPolicy(read_scopes=None, write_scopes=frozenset())


class MissingScope(Forbidden):
    type_slug = "missing-scope"


def api_key_guard(policy: ApiKeyPolicy) -> Callable[[Request, OptionalPrincipal], Awaitable[None]]:
    async def guard(request: Request, principal: OptionalPrincipal) -> None:
        if principal is None or principal.kind is not PrincipalKind.api_key:
            return
        needed = policy.needed(request.method)
        if needed is None:
            return
        if not needed:
            raise Forbidden(
                "API keys may only read here; this needs a signed-in user.",
                type_slug="signed-in-user-required",
            )
        if not (principal.scopes or frozenset()) & needed:
            raise MissingScope(
                f"This API key needs one of these scopes: {', '.join(sorted(needed))}."
            )

    return guard
