"""Feature-flag evaluation that every service can ask: `await is_enabled(session, key, ...)`.

A flag is on for a caller when it is enabled AND (the user is listed, OR the vivarium is
listed, OR the user falls inside the rollout percentage). The percentage uses a stable hash
of flag key and user id, so a user keeps the same answer across requests, replicas and
services, and raising the percentage only ever adds users.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Iterable
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.core import FeatureFlag

# Lowercase words joined by dots or dashes: `marketplace.featured-listings`.
FLAG_KEY_PATTERN = r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$"
FLAG_KEY_MAX_LENGTH = 80
_FLAG_KEY_RE = re.compile(FLAG_KEY_PATTERN)


class FlagRule(Protocol):
    """What evaluation reads: a FeatureFlag row, or anything shaped like one."""

    @property
    def key(self) -> str: ...
    @property
    def enabled(self) -> bool: ...
    @property
    def rollout_percent(self) -> int: ...
    @property
    def user_ids(self) -> list[uuid.UUID]: ...
    @property
    def vivarium_ids(self) -> list[uuid.UUID]: ...


def is_valid_flag_key(key: str) -> bool:
    return len(key) <= FLAG_KEY_MAX_LENGTH and _FLAG_KEY_RE.fullmatch(key) is not None


def rollout_bucket(key: str, user_id: uuid.UUID) -> int:
    """0..99, the same for a (flag, user) pair forever; different flags spread users anew."""
    digest = hashlib.sha256(f"{key}:{user_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % 100


def evaluate(
    flag: FlagRule, user_id: uuid.UUID | None, vivarium_id: uuid.UUID | None = None
) -> bool:
    if not flag.enabled:
        return False
    if user_id is not None and user_id in (flag.user_ids or ()):
        return True
    if vivarium_id is not None and vivarium_id in (flag.vivarium_ids or ()):
        return True
    if flag.rollout_percent >= 100:
        return True
    # Without a user there is nothing stable to hash, so only a full rollout applies.
    return user_id is not None and rollout_bucket(flag.key, user_id) < flag.rollout_percent


async def is_enabled(
    session: AsyncSession, key: str, user_id: uuid.UUID | None, vivarium_id: uuid.UUID | None = None
) -> bool:
    """An unknown flag is off, so code can ship before its flag is created."""
    flag = (await session.scalars(select(FeatureFlag).where(FeatureFlag.key == key))).one_or_none()
    return flag is not None and evaluate(flag, user_id, vivarium_id)


def evaluate_many(
    flags: Iterable[FlagRule], user_id: uuid.UUID | None, vivarium_id: uuid.UUID | None = None
) -> dict[str, bool]:
    return {flag.key: evaluate(flag, user_id, vivarium_id) for flag in flags}


async def evaluate_all(
    session: AsyncSession, user_id: uuid.UUID | None, vivarium_id: uuid.UUID | None = None
) -> dict[str, bool]:
    flags = (await session.scalars(select(FeatureFlag).order_by(FeatureFlag.key))).all()
    return evaluate_many(flags, user_id, vivarium_id)
