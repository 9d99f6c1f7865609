"""Member rules: who may change whose role, leaving, and the vivarium's last owner."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from repti_core.members import repository
from repti_core.members.exceptions import CannotManageMember, LastOwner, MemberNotFound
from repti_core.members.schemas import MemberRead
from reptidex_common.auth.dependencies import VivariumAccess, staff_effective_role
from reptidex_common.events.actors import actor_of
from reptidex_common.events.emitting import emit
from reptidex_common.events.types.core import MemberLeft, MemberRemoved, MemberRoleChanged
from reptidex_common.models.core import Membership
from reptidex_common.models.enums import VivariumRole

OWNER = VivariumRole.herpetologist


def to_read(row: repository.MemberRow) -> MemberRead:
    user_id, display_name, email, role, joined_at = row
    return MemberRead(
        user_id=user_id, display_name=display_name, email=email, role=role, joined_at=joined_at
    )


async def list_members(session: AsyncSession, access: VivariumAccess) -> list[MemberRead]:
    return [to_read(row) for row in await repository.list_members(session, access.vivarium.id)]


async def read_member(
    session: AsyncSession, vivarium_id: uuid.UUID, user_id: uuid.UUID
) -> MemberRead:
    row = await repository.member(session, vivarium_id, user_id)
    if row is None:
        raise MemberNotFound()
    return to_read(row)


def _may_manage(
    actor: VivariumRole | None, target: VivariumRole, new_role: VivariumRole | None
) -> bool:
    """Owners manage anyone; curators only roles below curator, and only into roles below it."""
    if actor is None:
        return False
    if actor.at_least(OWNER):
        return True
    if actor.at_least(VivariumRole.curator):
        below = VivariumRole.curator.rank
        return target.rank < below and (new_role is None or new_role.rank < below)
    return False


def _locked_target(memberships: Sequence[Membership], user_id: uuid.UUID) -> Membership:
    for membership in memberships:
        if membership.user_id == user_id:
            return membership
    raise MemberNotFound()


def _actor_role(access: VivariumAccess, memberships: Sequence[Membership]) -> VivariumRole | None:
    """The caller's role as the locked rows say, so a demotion committed meanwhile counts.

    Staff keep the role their platform role gives them (folded into `access.role`).
    """
    staff = staff_effective_role(access.principal)
    member = next((m.role for m in memberships if m.user_id == access.principal.user_id), None)
    return max(
        (role for role in (member, staff) if role is not None),
        key=lambda role: role.rank,
        default=None,
    )


def _ensure_another_owner(memberships: Sequence[Membership], leaving: Membership) -> None:
    if leaving.role is OWNER and sum(1 for m in memberships if m.role is OWNER) <= 1:
        raise LastOwner()


async def change_role(
    session: AsyncSession, access: VivariumAccess, user_id: uuid.UUID, role: VivariumRole
) -> MemberRead:
    memberships = await repository.lock_memberships(session, access.vivarium.id)
    target = _locked_target(memberships, user_id)
    if not _may_manage(_actor_role(access, memberships), target.role, role):
        raise CannotManageMember()
    if role is not OWNER:
        _ensure_another_owner(memberships, target)
    previous = target.role
    target.role = role
    await session.flush()
    if role is not previous:
        emit(
            session,
            MemberRoleChanged(
                vivarium_id=access.vivarium.id, user_id=user_id, role=role, previous_role=previous
            ),
            actor=actor_of(access.principal),
            vivarium_id=access.vivarium.id,
        )
    return await read_member(session, access.vivarium.id, user_id)


async def remove(session: AsyncSession, access: VivariumAccess, user_id: uuid.UUID) -> None:
    """Remove a member; anyone may remove themselves (leave), subject to the last-owner rule."""
    memberships = await repository.lock_memberships(session, access.vivarium.id)
    target = _locked_target(memberships, user_id)
    leaving_self = user_id == access.principal.user_id
    if not leaving_self and not _may_manage(_actor_role(access, memberships), target.role, None):
        raise CannotManageMember()
    _ensure_another_owner(memberships, target)
    await session.delete(target)
    await session.flush()
    kind = MemberLeft if leaving_self else MemberRemoved
    emit(
        session,
        kind(vivarium_id=access.vivarium.id, user_id=user_id, role=target.role),
        actor=actor_of(access.principal),
        vivarium_id=access.vivarium.id,
    )
