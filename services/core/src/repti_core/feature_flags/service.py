"""Feature-flag rules: staff create, change and delete flags; anyone signed in evaluates."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from repti_core.feature_flags import repository
from repti_core.feature_flags.exceptions import FeatureFlagNotFound
from repti_core.feature_flags.schemas import FeatureFlagPut
from reptidex_common.auth.dependencies import authorize_vivarium
from reptidex_common.auth.principal import Principal
from reptidex_common.db.pagination import PageParams
from reptidex_common.feature_flags import evaluate_all
from reptidex_common.models.core import FeatureFlag
from reptidex_common.models.enums import VivariumRole


async def list_flags(
    session: AsyncSession, params: PageParams
) -> tuple[Sequence[FeatureFlag], str | None]:
    return await repository.page(session, params)


async def put_flag(
    session: AsyncSession, key: str, data: FeatureFlagPut
) -> tuple[FeatureFlag, bool]:
    """Create the flag or update it; returns the flag and whether it was created."""
    values = data.model_dump(exclude_unset=True)
    flag = await repository.by_key_for_update(session, key)
    created = False
    if flag is None:
        # ON CONFLICT turns two admins creating the same flag at once into create + update.
        created = await repository.insert_if_absent(session, key, data.model_dump())
        flag = await repository.by_key_for_update(session, key)
        if flag is None:  # pragma: no cover - only if the flag is deleted in the same instant
            raise FeatureFlagNotFound(key)
    if not created:
        for field, value in values.items():
            setattr(flag, field, value)
        await session.flush()
    await session.refresh(flag)
    return flag, created


async def delete_flag(session: AsyncSession, key: str) -> None:
    flag = await repository.by_key_for_update(session, key)
    if flag is None:
        raise FeatureFlagNotFound(key)
    await repository.delete(session, flag)


async def evaluate_for(
    session: AsyncSession, principal: Principal, vivarium_id: uuid.UUID | None
) -> dict[str, bool]:
    """Evaluate every flag for the caller, optionally in a vivarium they belong to.

    Membership is checked so nobody learns which vivariums a flag targets; a key bound to
    one vivarium evaluates in that vivarium by default.
    """
    vivarium_id = vivarium_id or principal.vivarium_id
    if vivarium_id is not None:
        await authorize_vivarium(session, principal, vivarium_id, VivariumRole.keeper)
    return await evaluate_all(session, principal.user_id, vivarium_id)
