"""Who is calling: a signed-in user or an API key acting for its owner."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from enum import StrEnum

from reptidex_common.models.enums import PlatformRole


class PrincipalKind(StrEnum):
    user = "user"
    api_key = "api_key"
    # Another service calling for this user (`extra["service"]` names it).
    service = "service"


@dataclass(frozen=True)
class Principal:
    user_id: uuid.UUID
    platform_role: PlatformRole
    kind: PrincipalKind = PrincipalKind.user
    # None means every scope (a signed-in user); an API key carries the scopes it was given.
    scopes: frozenset[str] | None = None
    api_key_id: uuid.UUID | None = None
    # An API key limited to one vivarium may act nowhere else.
    vivarium_id: uuid.UUID | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def is_staff(self) -> bool:
        return self.platform_role in (PlatformRole.admin, PlatformRole.support)

    @property
    def is_admin(self) -> bool:
        return self.platform_role is PlatformRole.admin

    def has_scope(self, scope: str) -> bool:
        return self.scopes is None or scope in self.scopes
