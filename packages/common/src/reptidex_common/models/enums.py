"""Enumerations shared between models, schemas and authorization."""

from __future__ import annotations

from enum import StrEnum


class PlatformRole(StrEnum):
    user = "user"
    support = "support"
    admin = "admin"


class UserStatus(StrEnum):
    active = "active"
    suspended = "suspended"


class VivariumRole(StrEnum):
    """Ordered from least to most trusted: viewer < editor < admin < owner."""

    keeper = "keeper"
    handler = "handler"
    curator = "curator"
    herpetologist = "herpetologist"

    @property
    def rank(self) -> int:
        return _ROLE_RANK[self]

    def at_least(self, other: VivariumRole) -> bool:
        return self.rank >= other.rank


_ROLE_RANK = {
    VivariumRole.keeper: 0,
    VivariumRole.handler: 1,
    VivariumRole.curator: 2,
    VivariumRole.herpetologist: 3,
}


class InvitationStatus(StrEnum):
    pending = "pending"
    accepted = "accepted"
    revoked = "revoked"
    declined = "declined"


class PartnershipStatus(StrEnum):
    proposed = "proposed"
    active = "active"
    ended = "ended"


class UserTokenPurpose(StrEnum):
    password_reset = "password_reset"  # noqa: S105  (a purpose, not a secret)
    email_verification = "email_verification"
