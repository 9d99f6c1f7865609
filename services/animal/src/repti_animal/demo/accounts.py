"""Finding the demo breeder and vivarium that `python -m repti_core.demo` created.

Core's tables are read only: repti-animal writes nothing outside its own `animal` schema.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.core import Membership, User, Vivarium
from reptidex_common.models.enums import VivariumRole

# The same values as repti_core.demo (a service does not import another service).
BREEDER_EMAIL = "demo@reptidex.app"
VIVARIUM_NAME = "Reyes Reptiles"


@dataclass(frozen=True)
class DemoVivarium:
    user_id: uuid.UUID
    vivarium_id: uuid.UUID
    vivarium_name: str


async def find_demo_vivarium(
    session: AsyncSession, email: str = BREEDER_EMAIL, vivarium_name: str = VIVARIUM_NAME
) -> DemoVivarium | None:
    """The vivarium `vivarium_name` the breeder with `email` owns, or None."""
    row = (
        await session.execute(
            select(User.id, Vivarium.id, Vivarium.name)
            .join(Membership, Membership.user_id == User.id)
            .join(Vivarium, Vivarium.id == Membership.vivarium_id)
            .where(
                func.lower(User.email) == email.lower(),
                Membership.role == VivariumRole.herpetologist,
                Vivarium.name == vivarium_name,
                Vivarium.deleted_at.is_(None),
            )
            .order_by(Vivarium.created_at)
            .limit(1)
        )
    ).one_or_none()
    if row is None:
        return None
    return DemoVivarium(user_id=row[0], vivarium_id=row[1], vivarium_name=row[2])
