"""API key rules: who may mint a key for what, and revocation. Never commits."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from repti_core.api_keys import repository
from repti_core.api_keys.exceptions import ApiKeyNotFound, SignedInUserRequired, TooManyApiKeys
from repti_core.api_keys.schemas import ApiKeyCreate
from reptidex_common.auth.api_keys import display_prefix, generate_api_key, hash_api_key
from reptidex_common.auth.dependencies import authorize_vivarium
from reptidex_common.auth.principal import Principal, PrincipalKind
from reptidex_common.db.pagination import PageParams
from reptidex_common.events.actors import actor_of
from reptidex_common.events.emitting import emit
from reptidex_common.events.types.core import ApiKeyCreated, ApiKeyRevoked
from reptidex_common.models.core import ApiKey
from reptidex_common.models.enums import PlatformRole, VivariumRole
from reptidex_common.settings import get_settings

# A soft cap (two racing requests may pass it by one); it stops runaway scripts, not attackers.
MAX_ACTIVE_KEYS = 50
# Binding a key to a vivarium needs the role that manages integrations there.
VIVARIUM_KEY_ROLE = VivariumRole.curator


def _require_signed_in_user(principal: Principal) -> None:
    if principal.kind is not PrincipalKind.user:
        raise SignedInUserRequired()


async def create_key(
    session: AsyncSession, principal: Principal, data: ApiKeyCreate
) -> tuple[ApiKey, str]:
    """Return the new row and the secret; the secret exists nowhere else after this call."""
    _require_signed_in_user(principal)
    if data.vivarium_id is not None:
        # Judge the caller as an ordinary user: the key will never carry staff powers, so a
        # staff member may only bind it to a vivarium they really belong to.
        as_member = dataclasses.replace(principal, platform_role=PlatformRole.user)
        await authorize_vivarium(session, as_member, data.vivarium_id, VIVARIUM_KEY_ROLE)
    now = datetime.now(UTC)
    if await repository.count_active(session, principal.user_id, now) >= MAX_ACTIVE_KEYS:
        raise TooManyApiKeys(MAX_ACTIVE_KEYS)
    secret = generate_api_key()
    api_key = ApiKey(
        user_id=principal.user_id,
        vivarium_id=data.vivarium_id,
        name=data.name,
        prefix=display_prefix(secret),
        key_hash=hash_api_key(secret, get_settings().api_key_pepper.get_secret_value()),
        scopes=[scope.value for scope in data.scopes],
        expires_at=data.expires_at,
    )
    stored = await repository.add(session, api_key)
    emit(
        session,
        ApiKeyCreated(
            api_key_id=stored.id,
            user_id=stored.user_id,
            vivarium_id=stored.vivarium_id,
            name=stored.name,
            scopes=list(stored.scopes),
            expires_at=stored.expires_at,
        ),
        actor=actor_of(principal),
        vivarium_id=stored.vivarium_id,
    )
    return stored, secret


async def list_keys(
    session: AsyncSession, principal: Principal, params: PageParams
) -> tuple[Sequence[ApiKey], str | None]:
    _require_signed_in_user(principal)
    return await repository.page_for_user(session, principal.user_id, params)


async def revoke_key(session: AsyncSession, principal: Principal, key_id: uuid.UUID) -> None:
    """Idempotent for the owner. Admins may revoke anyone's key (a leaked key is an incident)."""
    _require_signed_in_user(principal)
    owner_id = None if principal.is_admin else principal.user_id
    api_key = await repository.get_for_update(session, key_id, owner_id=owner_id)
    if api_key is None:
        raise ApiKeyNotFound()
    if api_key.revoked_at is None:
        api_key.revoked_at = datetime.now(UTC)
        await session.flush()
        emit(
            session,
            ApiKeyRevoked(
                api_key_id=api_key.id,
                user_id=api_key.user_id,
                vivarium_id=api_key.vivarium_id,
                name=api_key.name,
            ),
            actor=actor_of(principal),
            vivarium_id=api_key.vivarium_id,
        )
