"""Demo data: `python -m repti_core.demo` creates the demo breeder; safe to run any number of times.

Everything is looked up before it is created, inside one transaction holding an advisory lock,
so a second (or concurrent) run changes nothing and prints the same login.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from repti_core.vivariums.service import create_vivarium
from reptidex_common.auth.passwords import hash_password, verify_password
from reptidex_common.db.engine import dispose_engine, get_sessionmaker
from reptidex_common.events.envelope import SYSTEM
from reptidex_common.models.core import Membership, Plan, User, Vivarium
from reptidex_common.models.enums import VivariumRole
from reptidex_common.settings import get_settings

DEMO_PASSWORD = "ReptiDex-demo-2026"  # noqa: S105 - published on purpose, demo only
BREEDER_EMAIL = "demo@reptidex.app"
BREEDER_NAME = "Morgan Reyes"
KEEPER_EMAIL = "keeper@reptidex.app"
KEEPER_NAME = "Sam Okafor"
VIVARIUM_NAME = "Reyes Reptiles"
VIVARIUM_PLAN = "breeder"
# Any constant: serialises concurrent seed runs (pg_advisory_xact_lock takes a bigint).
SEED_LOCK_ID = 0x5EED_DE30


@dataclass(frozen=True)
class DemoAccounts:
    breeder: User
    keeper: User
    vivarium: Vivarium


async def _ensure_user(session: AsyncSession, email: str, display_name: str) -> User:
    user = await session.scalar(select(User).where(func.lower(User.email) == email.lower()))
    if user is None:
        user = User(
            email=email,
            password_hash=hash_password(DEMO_PASSWORD),
            display_name=display_name,
            email_verified_at=func.now(),
        )
        session.add(user)
        await session.flush()
        # Like a registration: every account has its personal vivarium.
        await create_vivarium(
            session, user, f"{display_name}'s vivarium", actor=SYSTEM, personal=True
        )
    elif not verify_password(user.password_hash, DEMO_PASSWORD):
        # Someone changed it while trying the demo: the printed login must keep working.
        user.password_hash = hash_password(DEMO_PASSWORD)
    return user


async def _ensure_vivarium(session: AsyncSession, owner: User) -> Vivarium:
    vivarium = await session.scalar(
        select(Vivarium)
        .join(Membership, Membership.vivarium_id == Vivarium.id)
        .where(
            Membership.user_id == owner.id,
            Membership.role == VivariumRole.herpetologist,
            Vivarium.name == VIVARIUM_NAME,
            Vivarium.deleted_at.is_(None),
        )
        .limit(1)
    )
    if vivarium is None:
        vivarium = await create_vivarium(
            session,
            owner,
            VIVARIUM_NAME,
            actor=SYSTEM,
            description="Crested geckos and ball pythons, bred for health and documented lineage.",
            location="Austin, Texas",
            is_public=True,
        )
    plan_id = await session.scalar(select(Plan.id).where(Plan.code == VIVARIUM_PLAN))
    if plan_id is not None:
        vivarium.plan_id = plan_id
    return vivarium


async def _ensure_member(
    session: AsyncSession, vivarium: Vivarium, user: User, role: VivariumRole
) -> None:
    exists = await session.scalar(
        select(Membership.id).where(
            Membership.vivarium_id == vivarium.id, Membership.user_id == user.id
        )
    )
    if exists is None:
        session.add(Membership(vivarium_id=vivarium.id, user_id=user.id, role=role))
        await session.flush()


async def seed(session: AsyncSession) -> DemoAccounts:
    """Create what is missing; never commits (the caller does)."""
    await session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": SEED_LOCK_ID})
    breeder = await _ensure_user(session, BREEDER_EMAIL, BREEDER_NAME)
    keeper = await _ensure_user(session, KEEPER_EMAIL, KEEPER_NAME)
    vivarium = await _ensure_vivarium(session, breeder)
    await _ensure_member(session, vivarium, keeper, VivariumRole.keeper)
    await session.flush()
    return DemoAccounts(breeder=breeder, keeper=keeper, vivarium=vivarium)


async def _main() -> None:
    try:
        async with get_sessionmaker()() as session:
            accounts = await seed(session)
            await session.commit()
    finally:
        await dispose_engine()
    web = get_settings().breeder_web_url
    print(
        f"Demo data ready: vivarium {accounts.vivarium.name!r} (/{accounts.vivarium.slug}).\n"
        f"  Breeder (owner): {BREEDER_EMAIL} / {DEMO_PASSWORD}  ({BREEDER_NAME})\n"
        f"  Keeper (viewer): {KEEPER_EMAIL} / {DEMO_PASSWORD}  ({KEEPER_NAME})\n"
        f"  Sign in at {web}"
    )


def main() -> None:
    asyncio.run(_main())


if __name__ == "__main__":
    main()
