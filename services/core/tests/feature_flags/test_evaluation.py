"""Flag evaluation in reptidex_common: stable buckets, fair percentages, targeting rules."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.feature_flags import evaluate, is_enabled, is_valid_flag_key, rollout_bucket
from reptidex_common.models.core import FeatureFlag


@dataclass
class Rule:
    key: str = "market.new-search"
    enabled: bool = True
    rollout_percent: int = 0
    user_ids: list[uuid.UUID] = field(default_factory=list)
    vivarium_ids: list[uuid.UUID] = field(default_factory=list)


USERS = [uuid.UUID(int=n * 7919 + 13) for n in range(20_000)]


def test_bucket_is_stable_and_in_range() -> None:
    user = uuid.uuid4()
    assert rollout_bucket("a.flag", user) == rollout_bucket("a.flag", user)
    assert all(0 <= rollout_bucket("a.flag", u) < 100 for u in USERS[:1000])
    # Pinned, so a change of hashing (which would reshuffle every rollout) fails loudly.
    assert rollout_bucket("market.new-search", uuid.UUID(int=0)) == 56
    assert rollout_bucket("market.new-search", uuid.UUID(int=1)) == 70


@pytest.mark.parametrize("percent", [1, 10, 25, 50, 90])
def test_rollout_reaches_about_the_percentage(percent: int) -> None:
    rule = Rule(rollout_percent=percent)
    share = sum(evaluate(rule, user) for user in USERS) / len(USERS)
    assert abs(share - percent / 100) < 0.015


def test_raising_the_percentage_only_adds_users() -> None:
    at_20 = {u for u in USERS if evaluate(Rule(rollout_percent=20), u)}
    at_30 = {u for u in USERS if evaluate(Rule(rollout_percent=30), u)}
    assert at_20 < at_30


def test_each_flag_picks_its_own_users() -> None:
    first = {u for u in USERS if evaluate(Rule(key="one", rollout_percent=50), u)}
    second = {u for u in USERS if evaluate(Rule(key="two", rollout_percent=50), u)}
    overlap = len(first & second) / len(USERS)
    assert 0.2 < overlap < 0.3


def test_targeting_rules() -> None:
    user, vivarium = uuid.uuid4(), uuid.uuid4()
    assert evaluate(Rule(user_ids=[user]), user)
    assert evaluate(Rule(vivarium_ids=[vivarium]), uuid.uuid4(), vivarium)
    assert not evaluate(Rule(vivarium_ids=[vivarium]), user)
    assert not evaluate(
        Rule(enabled=False, rollout_percent=100, user_ids=[user], vivarium_ids=[vivarium]),
        user,
        vivarium,
    )
    assert not any(evaluate(Rule(rollout_percent=0), u) for u in USERS[:500])
    assert all(evaluate(Rule(rollout_percent=100), u) for u in USERS[:500])
    # Without a user only a full rollout (or the vivarium) can switch a flag on.
    assert evaluate(Rule(rollout_percent=100), None)
    assert not evaluate(Rule(rollout_percent=99), None)
    assert evaluate(Rule(vivarium_ids=[vivarium]), None, vivarium)


@pytest.mark.parametrize(
    ("key", "valid"),
    [
        ("market.new-search", True),
        ("v2", True),
        ("a.b.c-d", True),
        ("Market", False),
        ("new_search", False),
        ("new search", False),
        (".leading", False),
        ("trailing-", False),
        ("double..dot", False),
        ("", False),
        ("a" * 81, False),
    ],
)
def test_key_format(key: str, valid: bool) -> None:
    assert is_valid_flag_key(key) is valid


async def test_is_enabled_reads_the_database(db_session: AsyncSession) -> None:
    user = uuid.uuid4()
    assert await is_enabled(db_session, "not.created", user) is False
    db_session.add(
        FeatureFlag(key="pedigree.print", enabled=True, rollout_percent=0, user_ids=[user])
    )
    await db_session.flush()
    assert await is_enabled(db_session, "pedigree.print", user) is True
    assert await is_enabled(db_session, "pedigree.print", uuid.uuid4()) is False
