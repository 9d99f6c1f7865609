"""Events repti-core emits: accounts, vivariums, their members, invitations, partnerships,
plans and API keys.

Each carries what a consumer (notifications, audit, search, webhooks) needs without reading
core's tables: the ids, the vivarium(s) and user(s) concerned, names as they were at the time,
and the values that changed. Never a password, its hash, a token or key material.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from reptidex_common.events.catalogue import EventData, event
from reptidex_common.models.enums import VivariumRole

# Why a link closed without anyone answering it: its vivarium was deleted.
VIVARIUM_DELETED = "vivarium_deleted"


# Users ---------------------------------------------------------------------------------------


@event("core.user.registered")
class UserRegistered(EventData):
    user_id: uuid.UUID
    email: str
    display_name: str
    # The personal vivarium every account gets at sign-up.
    personal_vivarium_id: uuid.UUID


@event("core.user.updated")
class UserUpdated(EventData):
    """The account's own profile edit (name, bio, location, contact and privacy settings)."""

    user_id: uuid.UUID
    # Field name -> new value, only the fields whose value changed; the nested settings hold
    # the changed keys alone.
    changes: dict[str, Any]


class UserModerated(EventData):
    user_id: uuid.UUID
    # The staff member who acted.
    moderator_id: uuid.UUID


@event("core.user.suspended")
class UserSuspended(UserModerated):
    pass


@event("core.user.reinstated")
class UserReinstated(UserModerated):
    pass


# Vivariums -----------------------------------------------------------------------------------


@event("core.vivarium.created")
class VivariumCreated(EventData):
    vivarium_id: uuid.UUID
    name: str
    slug: str
    owner_id: uuid.UUID
    is_personal: bool
    is_public: bool
    plan_code: str


@event("core.vivarium.updated")
class VivariumUpdated(EventData):
    vivarium_id: uuid.UUID
    # Field name -> new value, only the fields whose value changed; `settings` holds the
    # changed setting keys alone.
    changes: dict[str, Any]


@event("core.vivarium.deleted")
class VivariumDeleted(EventData):
    vivarium_id: uuid.UUID
    name: str
    deleted_at: datetime
    # Who belonged to it, so each can be told.
    member_ids: list[uuid.UUID]


# Members -------------------------------------------------------------------------------------


class MemberData(EventData):
    vivarium_id: uuid.UUID
    user_id: uuid.UUID
    role: VivariumRole


@event("core.member.joined")
class MemberJoined(MemberData):
    """Joined by accepting an invitation (the owner who creates a vivarium is in
    `core.vivarium.created`)."""

    invitation_id: uuid.UUID
    display_name: str


@event("core.member.role_changed")
class MemberRoleChanged(MemberData):
    previous_role: VivariumRole


@event("core.member.removed")
class MemberRemoved(MemberData):
    """Removed by another member; `role` is the one they had."""


@event("core.member.left")
class MemberLeft(MemberData):
    """Left of their own accord; `role` is the one they had."""


# Invitations ---------------------------------------------------------------------------------


class InvitationData(EventData):
    invitation_id: uuid.UUID
    vivarium_id: uuid.UUID
    vivarium_name: str
    email: str
    role: VivariumRole
    invited_by_id: uuid.UUID | None


@event("core.invitation.created")
class InvitationCreated(InvitationData):
    inviter_display_name: str | None
    # The account the address belongs to today, if any: it can be told in the app too.
    invited_user_id: uuid.UUID | None
    expires_at: datetime


@event("core.invitation.accepted")
class InvitationAccepted(InvitationData):
    user_id: uuid.UUID


@event("core.invitation.declined")
class InvitationDeclined(InvitationData):
    user_id: uuid.UUID


@event("core.invitation.revoked")
class InvitationRevoked(InvitationData):
    # None when a member withdrew it; VIVARIUM_DELETED when it closed with its vivarium.
    reason: str | None = None


# Partnerships --------------------------------------------------------------------------------


class PartnershipData(EventData):
    partnership_id: uuid.UUID
    requester_vivarium_id: uuid.UUID
    partner_vivarium_id: uuid.UUID


@event("core.partnership.proposed")
class PartnershipProposed(PartnershipData):
    requester_name: str
    partner_name: str
    proposed_by_id: uuid.UUID | None
    note: str | None


@event("core.partnership.accepted")
class PartnershipAccepted(PartnershipData):
    pass


@event("core.partnership.ended")
class PartnershipEnded(PartnershipData):
    # `proposed` when a proposal was withdrawn or rejected, `active` when a partnership ended.
    previous_status: str
    # The side that ended it; none when it closed with a deleted vivarium.
    ended_by_vivarium_id: uuid.UUID | None
    reason: str | None = None


# Plans ---------------------------------------------------------------------------------------


@event("core.plan.changed")
class PlanChanged(EventData):
    vivarium_id: uuid.UUID
    previous_plan_code: str
    plan_code: str


@event("core.plan.overrides_changed")
class PlanOverridesChanged(EventData):
    vivarium_id: uuid.UUID
    # The whole override set now in force ({}: the plan's own entitlements).
    overrides: dict[str, Any]
    previous_overrides: dict[str, Any]


# API keys ------------------------------------------------------------------------------------


class ApiKeyData(EventData):
    api_key_id: uuid.UUID
    user_id: uuid.UUID
    vivarium_id: uuid.UUID | None
    name: str


@event("core.api_key.created")
class ApiKeyCreated(ApiKeyData):
    scopes: list[str]
    expires_at: datetime | None


@event("core.api_key.revoked")
class ApiKeyRevoked(ApiKeyData):
    pass
