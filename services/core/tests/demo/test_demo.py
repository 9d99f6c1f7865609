from __future__ import annotations

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from repti_core import demo
from reptidex_common.models.core import Membership, Plan, User, Vivarium
from reptidex_common.models.enums import VivariumRole


async def test_seed_is_idempotent(db_session: AsyncSession) -> None:
    first = await demo.seed(db_session)
    second = await demo.seed(db_session)

    assert (first.breeder.id, first.keeper.id, first.vivarium.id) == (
        second.breeder.id,
        second.keeper.id,
        second.vivarium.id,
    )
    demo_users = await db_session.scalar(
        select(func.count())
        .select_from(User)
        .where(User.email.in_([demo.BREEDER_EMAIL, demo.KEEPER_EMAIL]))
    )
    assert demo_users == 2
    rows = (
        await db_session.execute(
            select(User.email, Membership.role)
            .join(Membership, Membership.user_id == User.id)
            .where(Membership.vivarium_id == first.vivarium.id)
        )
    ).all()
    roles = {row.email: row.role for row in rows}
    assert roles == {
        demo.BREEDER_EMAIL: VivariumRole.herpetologist,
        demo.KEEPER_EMAIL: VivariumRole.keeper,
    }
    reyes = await db_session.scalars(select(Vivarium).where(Vivarium.name == demo.VIVARIUM_NAME))
    [vivarium] = reyes.all()
    assert (
        await db_session.scalar(select(Plan.code).where(Plan.id == vivarium.plan_id)) == "breeder"
    )
    assert first.breeder.display_name == "Morgan Reyes"


async def test_demo_breeder_can_sign_in(
    db_session: AsyncSession, client: httpx.AsyncClient
) -> None:
    await demo.seed(db_session)
    await db_session.commit()
    login = await client.post(
        "/api/v1/auth/login", json={"email": demo.BREEDER_EMAIL, "password": demo.DEMO_PASSWORD}
    )
    assert login.status_code == 200, login.text
