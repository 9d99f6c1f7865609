"""Vivarium rules: creation with an owner, and the personal vivarium every user gets."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.core import Membership, User, Vivarium
from reptidex_common.models.enums import VivariumRole
from repti_core.vivariums import repository
from repti_core.vivariums.slugs import unique_slug

DEFAULT_SETTINGS: dict[str, Any] = {"animal_id_template": "{SPECIES}-{SEQ:03}", "default_species_id": None}


async def create_vivarium(
    session: AsyncSession, owner: User, name: str, *, personal: bool = False, **fields: Any
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
    session.add(Membership(vivarium_id=vivarium.id, user_id=owner.id, role=VivariumRole.herpetologist))
    await session.flush()
    return vivarium
