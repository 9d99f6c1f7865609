"""Ending sessions: one login (a refresh-token family) or all of a user's."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from repti_core.auth import repository
from reptidex_common.auth.api_keys import hash_token


async def logout(session: AsyncSession, presented_refresh_token: str) -> None:
    """Revoke the family of the presented token.

    Unknown or already revoked tokens are not an error: logging out twice is still logged out,
    and the answer must not tell a guesser which tokens exist.
    """
    stored = await repository.refresh_token_by_hash(session, hash_token(presented_refresh_token))
    if stored is not None:
        await repository.revoke_family(session, stored.family_id, datetime.now(UTC))


async def logout_everywhere(session: AsyncSession, user_id: uuid.UUID) -> None:
    await repository.revoke_all_for_user(session, user_id, datetime.now(UTC))
