"""Invitation rules: who may invite whom, seats, the emailed token, accepting and declining.

Re-inviting an address that still has a pending, unexpired invitation answers 409 instead of
silently replacing it: a curator could otherwise overwrite an owner's invitation, and "revoke,
then invite" keeps the history honest. An expired invitation blocks nothing.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from repti_core.auth import repository as accounts
from repti_core.email.outbox import queue_email
from repti_core.invitations import repository
from repti_core.invitations.events import invitation_fields
from repti_core.invitations.exceptions import (
    AlreadyMember,
    CannotInviteRole,
    EmailNotVerified,
    InvitationClosed,
    InvitationExpired,
    InvitationNotFound,
    PendingInvitationExists,
)
from repti_core.invitations.schemas import (
    AcceptedMembership,
    InvitationCreate,
    InvitationRead,
)
from repti_core.vivariums import repository as vivariums
from repti_core.vivariums import seats
from reptidex_common.auth.api_keys import hash_token
from reptidex_common.auth.dependencies import VivariumAccess
from reptidex_common.auth.principal import Principal
from reptidex_common.errors import NotFound
from reptidex_common.events.actors import actor_of
from reptidex_common.events.emitting import emit
from reptidex_common.events.envelope import Actor
from reptidex_common.events.types.core import (
    InvitationAccepted,
    InvitationCreated,
    InvitationDeclined,
    InvitationRevoked,
    MemberJoined,
)
from reptidex_common.models.core import Invitation, Membership, User, Vivarium
from reptidex_common.models.enums import InvitationStatus, VivariumRole
from reptidex_common.settings import get_settings

INVITATION_TTL = timedelta(days=7)
TOKEN_BYTES = 32  # 43 URL-safe characters; the column holds 64


def to_read(invitation: Invitation, vivarium_name: str) -> InvitationRead:
    return InvitationRead(
        id=invitation.id,
        email=invitation.email,
        role=invitation.role,
        status=invitation.status,
        expires_at=invitation.expires_at,
        vivarium_id=invitation.vivarium_id,
        vivarium_name=vivarium_name,
    )


def _ensure_may_handle_role(access: VivariumAccess, role: VivariumRole) -> None:
    # Curators bring in (and withdraw) only roles below their own; owners any role.
    if role.at_least(VivariumRole.curator) and not access.at_least(VivariumRole.herpetologist):
        raise CannotInviteRole()


def _now() -> datetime:
    return datetime.now(UTC)


async def create(
    session: AsyncSession, access: VivariumAccess, data: InvitationCreate
) -> InvitationRead:
    _ensure_may_handle_role(access, data.role)
    email = str(data.email)
    now = _now()
    vivarium = await vivariums.lock_vivarium(session, access.vivarium.id)
    if vivarium is None:  # deleted since the access check
        raise NotFound("Vivarium not found.")
    if await repository.email_is_member(session, vivarium.id, email):
        raise AlreadyMember()
    if await repository.has_open_for_email(session, vivarium.id, email, now):
        raise PendingInvitationExists()
    await seats.ensure_seat(
        session, vivarium, reserved=await repository.count_open(session, vivarium.id, now)
    )
    token = secrets.token_urlsafe(TOKEN_BYTES)
    invitation = Invitation(
        vivarium_id=vivarium.id,
        email=email,
        role=data.role,
        token_hash=hash_token(token),
        status=InvitationStatus.pending,
        invited_by_id=access.principal.user_id,
        expires_at=now + INVITATION_TTL,
    )
    session.add(invitation)
    await session.flush()
    inviter = await session.get(User, access.principal.user_id)
    inviter_name = inviter.display_name if inviter else None
    _queue_invitation_email(session, invitation, token, vivarium, inviter_name)
    invitee = await accounts.user_by_email(session, email)
    emit(
        session,
        InvitationCreated(
            **invitation_fields(invitation, vivarium.name),
            inviter_display_name=inviter_name,
            invited_user_id=invitee.id if invitee else None,
            expires_at=invitation.expires_at,
        ),
        actor=actor_of(access.principal),
        vivarium_id=vivarium.id,
    )
    return to_read(invitation, vivarium.name)


def _queue_invitation_email(
    session: AsyncSession,
    invitation: Invitation,
    token: str,
    vivarium: Vivarium,
    inviter_name: str | None,
) -> None:
    # The raw token exists only here and in the email; the database keeps its hash.
    link = f"{get_settings().breeder_web_url.rstrip('/')}/invitations/{token}"
    who = inviter_name or "Someone"
    queue_email(
        session,
        to=invitation.email,
        subject=f"You are invited to join {vivarium.name} on ReptiDex",
        text=(
            f'{who} invited you to join the vivarium "{vivarium.name}" on ReptiDex '
            f"as {invitation.role.value}.\n\n"
            f"Accept or decline the invitation here:\n{link}\n\n"
            f"The link expires on {invitation.expires_at:%Y-%m-%d %H:%M} UTC. "
            "If you did not expect this email, you can ignore it."
        ),
    )


async def list_open(session: AsyncSession, access: VivariumAccess) -> list[InvitationRead]:
    rows = await repository.open_for_vivarium(session, access.vivarium.id, _now())
    return [to_read(invitation, access.vivarium.name) for invitation in rows]


async def revoke(session: AsyncSession, access: VivariumAccess, invitation_id: uuid.UUID) -> None:
    invitation = await repository.by_id(session, access.vivarium.id, invitation_id)
    if invitation is None or invitation.status is not InvitationStatus.pending:
        raise InvitationNotFound()
    _ensure_may_handle_role(access, invitation.role)
    invitation.status = InvitationStatus.revoked
    invitation.responded_at = _now()
    await session.flush()
    emit(
        session,
        InvitationRevoked(**invitation_fields(invitation, access.vivarium.name)),
        actor=actor_of(access.principal),
        vivarium_id=access.vivarium.id,
    )


async def list_mine(session: AsyncSession, user: User) -> list[InvitationRead]:
    rows = await repository.open_for_email(session, user.email, _now())
    return [to_read(invitation, name) for invitation, name in rows]


def _ensure_invitee(user: User, invitation: Invitation | None) -> Invitation:
    """The invitation if it is addressed to this user; someone else's answers 404, as if absent."""
    if invitation is None or invitation.email.lower() != user.email.lower():
        raise InvitationNotFound()
    return invitation


async def show(session: AsyncSession, user: User, token: str) -> InvitationRead:
    """The invitation behind an emailed link, for the page that answers it."""
    invitation = _ensure_invitee(user, await by_token(session, token))
    vivarium = await session.get(Vivarium, invitation.vivarium_id)
    if vivarium is None or vivarium.deleted_at is not None:
        raise InvitationNotFound()
    return to_read(invitation, vivarium.name)


async def _answerable(
    session: AsyncSession, user: User, found: Invitation | None
) -> tuple[Invitation, Vivarium]:
    """The invitation `found`, locked, if it is this user's and can still be answered.

    Only a verified address proves the invitation reached this person: otherwise whoever
    registered the invited address first could take the seat (and its role).

    Locks the vivarium before the invitation (the order vivarium deletion uses too), so the
    seat count and the status cannot change underneath.
    """
    found = _ensure_invitee(user, found)
    if user.email_verified_at is None:
        raise EmailNotVerified(user.email)
    vivarium = await vivariums.lock_vivarium(session, found.vivarium_id)
    invitation = await repository.by_id(session, found.vivarium_id, found.id, lock=True)
    if vivarium is None or invitation is None:
        raise InvitationNotFound()
    if invitation.status is not InvitationStatus.pending:
        raise InvitationClosed(invitation.status)
    if invitation.expires_at <= _now():
        raise InvitationExpired()
    return invitation, vivarium


async def by_token(session: AsyncSession, token: str) -> Invitation | None:
    """The invitation an emailed link names."""
    return await repository.by_token_hash(session, hash_token(token))


async def by_id(session: AsyncSession, invitation_id: uuid.UUID) -> Invitation | None:
    """The invitation the invitee picked from their own list (which shows no tokens)."""
    return await repository.by_id_only(session, invitation_id)


async def accept(
    session: AsyncSession, principal: Principal, user: User, found: Invitation | None
) -> AcceptedMembership:
    invitation, vivarium = await _answerable(session, user, found)
    if await vivariums.membership_exists(session, vivarium.id, user.id):
        raise AlreadyMember()
    # This invitation's seat was reserved when it was sent; check it is still there.
    await seats.ensure_seat(session, vivarium)
    session.add(Membership(vivarium_id=vivarium.id, user_id=user.id, role=invitation.role))
    invitation.status = InvitationStatus.accepted
    invitation.responded_at = _now()
    await session.flush()
    actor = actor_of(principal)
    _emit_answer(session, actor, InvitationAccepted, invitation, vivarium, user)
    emit(
        session,
        MemberJoined(
            vivarium_id=vivarium.id,
            user_id=user.id,
            role=invitation.role,
            invitation_id=invitation.id,
            display_name=user.display_name,
        ),
        actor=actor,
        vivarium_id=vivarium.id,
    )
    return AcceptedMembership(vivarium_id=vivarium.id, role=invitation.role)


async def decline(
    session: AsyncSession, principal: Principal, user: User, found: Invitation | None
) -> None:
    invitation, vivarium = await _answerable(session, user, found)
    invitation.status = InvitationStatus.declined
    invitation.responded_at = _now()
    await session.flush()
    _emit_answer(session, actor_of(principal), InvitationDeclined, invitation, vivarium, user)


def _emit_answer(
    session: AsyncSession,
    actor: Actor,
    kind: type[InvitationAccepted] | type[InvitationDeclined],
    invitation: Invitation,
    vivarium: Vivarium,
    user: User,
) -> None:
    emit(
        session,
        kind(**invitation_fields(invitation, vivarium.name), user_id=user.id),
        actor=actor,
        vivarium_id=vivarium.id,
    )
