"""Invitation errors."""

from __future__ import annotations

from reptidex_common.errors import Conflict, Forbidden, Gone, NotFound
from reptidex_common.models.enums import InvitationStatus


class InvitationNotFound(NotFound):
    type_slug = "invitation-not-found"

    def __init__(self) -> None:
        super().__init__("Invitation not found. It may be meant for another email address.")


class InvitationExpired(Gone):
    type_slug = "invitation-expired"

    def __init__(self) -> None:
        super().__init__("This invitation has expired. Ask the vivarium to send a new one.")


class InvitationClosed(Conflict):
    type_slug = "invitation-closed"

    def __init__(self, status: InvitationStatus) -> None:
        super().__init__(f"This invitation was already {status.value}.")


class AlreadyMember(Conflict):
    type_slug = "already-member"

    def __init__(self) -> None:
        super().__init__("This person is already a member of the vivarium.")


class PendingInvitationExists(Conflict):
    type_slug = "invitation-pending"

    def __init__(self) -> None:
        super().__init__(
            "This address already has a pending invitation to the vivarium. "
            "Revoke it first to send a new one."
        )


class CannotInviteRole(Forbidden):
    type_slug = "insufficient-role"

    def __init__(self) -> None:
        super().__init__(
            "Curators may invite keepers and handlers only; inviting or revoking a curator or "
            "herpetologist invitation needs a herpetologist."
        )


class EmailNotVerified(Forbidden):
    type_slug = "email-not-verified"

    def __init__(self, email: str) -> None:
        super().__init__(
            f"Verify your email address {email} before answering this invitation: the "
            "verification link we emailed you proves the invitation reached you. You can ask "
            "for a new verification email on your account page."
        )
