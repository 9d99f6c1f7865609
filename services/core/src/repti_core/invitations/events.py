"""The data of invitation events, built in one place for every path that changes one."""

from __future__ import annotations

from typing import Any

from reptidex_common.models.core import Invitation


def invitation_fields(invitation: Invitation, vivarium_name: str) -> dict[str, Any]:
    """What every invitation event says about the invitation (never its token)."""
    return {
        "invitation_id": invitation.id,
        "vivarium_id": invitation.vivarium_id,
        "vivarium_name": vivarium_name,
        "email": invitation.email,
        "role": invitation.role,
        "invited_by_id": invitation.invited_by_id,
    }
