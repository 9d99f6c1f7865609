"""Vivarium rules: creation with an owner, the personal vivarium every user gets, updates, deletion."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from repti_core.invitations.events import invitation_fields
from repti_core.partnerships import events as partnership_events
from repti_core.vivariums import repository
from repti_core.vivariums.exceptions import LastPersonalVivarium, SettingsNeedOwner
from repti_core.vivariums.schemas import VivariumCreate, VivariumRead, VivariumUpdate
from repti_core.vivariums.slugs import unique_slug
from reptidex_common.auth.dependencies import VivariumAccess
from reptidex_common.auth.principal import Principal
from reptidex_common.db.pagination import PageParams
from reptidex_common.events.actors import actor_of
from reptidex_common.events.emitting import emit
from reptidex_common.events.envelope import Actor
from reptidex_common.events.types.core import (
    VIVARIUM_DELETED,
    InvitationRevoked,
    VivariumCreated,
    VivariumDeleted,
    VivariumUpdated,
)
from reptidex_common.models.core import Membership, User, Vivarium
from reptidex_common.models.enums import VivariumRole

DEFAULT_SETTINGS: dict[str, Any] = {
    "animal_id_template": "{SPECIES}-{SEQ:03}",
    "default_species_id": None,
}


async def create_vivarium(
    session: AsyncSession,
    owner: User,
    name: str,
    *,
    actor: Actor,
    personal: bool = False,
    **fields: Any,
) -> Vivarium:
    plan = await repository.default_plan(session)
    vivarium = Vivarium(
        name=name,
        slug=await unique_slug(session, name),
        plan_id=plan.id,
        is_personal=personal,
        settings={**DEFAULT_SETTINGS, **fields.pop("settings", {})},
        **fields,
    )
    session.add(vivarium)
    await session.flush()
    session.add(
        Membership(vivarium_id=vivarium.id, user_id=owner.id, role=VivariumRole.herpetologist)
    )
    await session.flush()
    emit(
        session,
        VivariumCreated(
            vivarium_id=vivarium.id,
            name=vivarium.name,
            slug=vivarium.slug,
            owner_id=owner.id,
            is_personal=vivarium.is_personal,
            is_public=vivarium.is_public,
            plan_code=plan.code,
        ),
        actor=actor,
        vivarium_id=vivarium.id,
    )
    return vivarium


async def create_from_request(
    session: AsyncSession, principal: Principal, owner: User, data: VivariumCreate
) -> Vivarium:
    vivarium = await create_vivarium(
        session,
        owner,
        data.name,
        actor=actor_of(principal),
        description=data.description,
        location=data.location,
        is_public=data.is_public,
        settings=data.settings.changes() if data.settings else {},
        time_zone=data.time_zone,
    )
    # created_at comes from the database; load it now, async sessions cannot lazy-load.
    await session.refresh(vivarium)
    return vivarium


async def read(
    session: AsyncSession, vivarium: Vivarium, role: VivariumRole | None
) -> VivariumRead:
    codes = await repository.plan_codes(session, {vivarium.plan_id})
    return to_read(vivarium, role, codes.get(vivarium.plan_id))


def to_read(vivarium: Vivarium, role: VivariumRole | None, plan_code: str | None) -> VivariumRead:
    return VivariumRead(
        id=vivarium.id,
        slug=vivarium.slug,
        name=vivarium.name,
        description=vivarium.description,
        location=vivarium.location,
        is_public=vivarium.is_public,
        is_personal=vivarium.is_personal,
        settings=vivarium.settings or {},
        time_zone=vivarium.time_zone,
        plan_code=plan_code,
        my_role=role,
        created_at=vivarium.created_at,
    )


async def list_for(
    session: AsyncSession, principal: Principal, params: PageParams
) -> tuple[Sequence[VivariumRead], str | None]:
    """The caller's own vivariums (memberships), newest first; staff see theirs too, no more."""
    vivariums, cursor = await repository.page_of_member_vivariums(
        session, principal.user_id, params, only=principal.vivarium_id
    )
    ids = [v.id for v in vivariums]
    roles = await repository.roles_in(session, principal.user_id, ids)
    codes = await repository.plan_codes(session, {v.plan_id for v in vivariums})
    return [to_read(v, roles.get(v.id), codes.get(v.plan_id)) for v in vivariums], cursor


async def update(session: AsyncSession, access: VivariumAccess, data: VivariumUpdate) -> Vivarium:
    """Curators edit the profile; the settings (ID template, defaults) are the owner's."""
    if data.touches_settings and not access.at_least(VivariumRole.herpetologist):
        raise SettingsNeedOwner()
    vivarium = access.vivarium
    changes = data.model_dump(exclude_unset=True, exclude={"settings"})
    changed: dict[str, Any] = {
        field: value for field, value in changes.items() if getattr(vivarium, field) != value
    }
    for field, value in changes.items():
        setattr(vivarium, field, value)
    if data.settings is not None:
        current = vivarium.settings or {}
        new_settings = data.settings.changes()
        changed_settings = {k: v for k, v in new_settings.items() if current.get(k) != v}
        if changed_settings:
            changed["settings"] = changed_settings
        # Merge: a client that sends one key does not wipe the others.
        vivarium.settings = {**current, **new_settings}
    await session.flush()
    if changed:
        emit(
            session,
            VivariumUpdated(vivarium_id=vivarium.id, changes=changed),
            actor=actor_of(access.principal),
            vivarium_id=vivarium.id,
        )
    return vivarium


async def soft_delete(session: AsyncSession, access: VivariumAccess) -> None:
    """Mark deleted (everything then answers 404) and close its invitations and partnerships.

    A personal vivarium may be deleted only while each of its owners keeps another personal
    vivarium: every account always has one, and it goes away with the account. What other
    services keep for it ends there, by their own hand (only the owner writes its tables):
    repti-animal reads `deleted_at`, stops its reminders at once and cancels its pending
    transfers and leases with the reason shown to the other party.
    """
    vivarium = await repository.lock_vivarium(session, access.vivarium.id)
    if vivarium is None:  # deleted by a concurrent request
        return
    if vivarium.is_personal and await repository.owners_without_other_personal_vivarium(
        session, vivarium.id
    ):
        raise LastPersonalVivarium()
    now = datetime.now(UTC)
    vivarium.deleted_at = now
    invitations, partnerships = await repository.close_open_links(session, vivarium.id, now)
    await session.flush()
    actor = actor_of(access.principal)
    emit(
        session,
        VivariumDeleted(
            vivarium_id=vivarium.id,
            name=vivarium.name,
            deleted_at=now,
            member_ids=await repository.member_ids(session, vivarium.id),
        ),
        actor=actor,
        vivarium_id=vivarium.id,
    )
    for invitation in invitations:
        emit(
            session,
            InvitationRevoked(
                **invitation_fields(invitation, vivarium.name), reason=VIVARIUM_DELETED
            ),
            actor=actor,
            vivarium_id=vivarium.id,
        )
    for partnership, previous in partnerships:
        emit(
            session,
            partnership_events.ended(partnership, previous, by=None, reason=VIVARIUM_DELETED),
            actor=actor,
            vivarium_id=vivarium.id,
        )
