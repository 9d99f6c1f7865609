"""Readable, unique vivarium slugs."""

from __future__ import annotations

import re
import secrets
import unicodedata

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.core import Vivarium

MAX_SLUG_LENGTH = 60


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:MAX_SLUG_LENGTH].rstrip("-") or "vivarium"


async def unique_slug(session: AsyncSession, name: str) -> str:
    base = slugify(name)
    candidate = base
    while await session.scalar(select(Vivarium.id).where(Vivarium.slug == candidate)) is not None:
        candidate = f"{base[: MAX_SLUG_LENGTH - 7]}-{secrets.token_hex(3)}"
    return candidate
