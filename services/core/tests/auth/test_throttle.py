"""Sign-in throttling slows the attacker and never locks the owner out."""

from __future__ import annotations

import httpx

from repti_core.auth.cookies import DEVICE_COOKIE
from repti_core.auth.throttle import DISTRIBUTED_ADDRESSES, FREE_FAILURES, backoff_seconds
from reptidex_common.redis import get_redis
from reptidex_common.testing.plugin import DEFAULT_PASSWORD, UserFactory

ATTACKER = "203.0.113.66"
OWNER_HOME = "198.51.100.20"
APP = "http://breeder.localhost:8000"


async def attempt(
    client: httpx.AsyncClient,
    email: str,
    password: str,
    ip: str,
    *,
    device: str | None = None,
    browser: bool = False,
) -> httpx.Response:
    headers = {"X-Forwarded-For": ip}
    if browser:
        headers["Origin"] = APP
    if device:
        headers["Cookie"] = f"{DEVICE_COOKIE}={device}"
    client.cookies.clear()
    return await client.post(
        "/api/v1/auth/login", json={"email": email, "password": password}, headers=headers
    )


def wait_key(email: str, ip: str) -> str:
    """The running delay of one account and address, to let it lapse without sleeping."""
    return f"login:account-ip:{email.lower()}:{ip}:wait"


def test_delays_grow_after_a_few_free_failures() -> None:
    assert [backoff_seconds(n) for n in range(1, FREE_FAILURES + 1)] == [0] * FREE_FAILURES
    waits = [backoff_seconds(FREE_FAILURES + n) for n in range(1, 13)]
    assert waits[:4] == [1, 2, 4, 8]
    assert waits == sorted(waits)
    assert max(waits) == 15 * 60


async def test_an_attacker_is_slowed_but_the_owner_signs_in_from_elsewhere(
    client: httpx.AsyncClient, make_user: UserFactory
) -> None:
    owner = await make_user()
    for n in range(FREE_FAILURES):
        wrong = await attempt(client, owner.email, f"guess-number-{n}", ATTACKER)
        assert wrong.status_code == 401, n
    # One more failure starts the back-off; during it even the right password gets a 429
    # without being checked, so the attacker cannot learn anything by ignoring the wait.
    assert (await attempt(client, owner.email, "guess-number-x", ATTACKER)).status_code == 401
    slowed = await attempt(client, owner.email, DEFAULT_PASSWORD, ATTACKER)
    assert slowed.status_code == 429
    assert slowed.json()["type"].endswith("/rate-limited")
    assert 1 <= int(slowed.headers["retry-after"]) <= backoff_seconds(FREE_FAILURES + 1)

    # However often the attacker keeps trying, the owner at their own address is not held back.
    for n in range(10):
        await attempt(client, owner.email, f"more-guesses-{n}", ATTACKER)
    home = await attempt(client, owner.email, DEFAULT_PASSWORD, OWNER_HOME)
    assert home.status_code == 200, home.text
    # The owner's success elsewhere does not end the attacker's streak.
    await get_redis().delete(wait_key(owner.email, ATTACKER))
    assert (await attempt(client, owner.email, "guess-number-y", ATTACKER)).status_code == 401
    assert (await attempt(client, owner.email, DEFAULT_PASSWORD, ATTACKER)).status_code == 429


async def test_the_attackers_wait_grows_with_each_failure(
    client: httpx.AsyncClient, make_user: UserFactory
) -> None:
    owner = await make_user()
    waits = []
    for n in range(FREE_FAILURES + 4):
        # Let the previous wait lapse, as a patient attacker would, then fail again.
        await get_redis().delete(wait_key(owner.email, ATTACKER))
        assert (await attempt(client, owner.email, f"guess-{n}", ATTACKER)).status_code == 401
        # The running delay, read where every replica reads it.
        waits.append(max(int(await get_redis().ttl(wait_key(owner.email, ATTACKER))), 0))
    assert waits[:FREE_FAILURES] == [0] * FREE_FAILURES
    assert waits[FREE_FAILURES:] == [1, 2, 4, 8]


async def test_a_known_device_signs_in_even_from_the_attackers_address(
    client: httpx.AsyncClient, make_user: UserFactory
) -> None:
    owner = await make_user()
    first = await attempt(client, owner.email, DEFAULT_PASSWORD, OWNER_HOME, browser=True)
    assert first.status_code == 200, first.text
    device = first.cookies[DEVICE_COOKIE]

    # Same shared address (a café, a carrier's NAT) as the attacker, who is being slowed.
    for n in range(FREE_FAILURES + 3):
        await attempt(client, owner.email, f"guess-{n}", ATTACKER)
    assert (await attempt(client, owner.email, DEFAULT_PASSWORD, ATTACKER)).status_code == 429

    own_device = await attempt(
        client, owner.email, DEFAULT_PASSWORD, ATTACKER, device=device, browser=True
    )
    assert own_device.status_code == 200, own_device.text


async def test_a_device_token_of_another_account_exempts_nothing(
    client: httpx.AsyncClient, make_user: UserFactory
) -> None:
    attacker = await make_user()
    owner = await make_user()
    mine = await attempt(client, attacker.email, DEFAULT_PASSWORD, ATTACKER, browser=True)
    device = mine.cookies[DEVICE_COOKIE]
    for n in range(FREE_FAILURES + 1):
        await attempt(client, owner.email, f"guess-{n}", ATTACKER, device=device, browser=True)
    blocked = await attempt(
        client, owner.email, DEFAULT_PASSWORD, ATTACKER, device=device, browser=True
    )
    assert blocked.status_code == 429


async def test_a_distributed_guess_slows_new_devices_but_not_the_owners(
    client: httpx.AsyncClient, make_user: UserFactory
) -> None:
    owner = await make_user()
    known = await attempt(client, owner.email, DEFAULT_PASSWORD, OWNER_HOME, browser=True)
    device = known.cookies[DEVICE_COOKIE]
    for n in range(DISTRIBUTED_ADDRESSES):
        await attempt(client, owner.email, "botnet-guess-1", f"192.0.2.{n + 1}")
    fresh_address = await attempt(client, owner.email, DEFAULT_PASSWORD, "192.0.2.200")
    assert fresh_address.status_code == 429
    assert "device you have used before" in fresh_address.json()["detail"]
    owners_device = await attempt(
        client, owner.email, DEFAULT_PASSWORD, "192.0.2.201", device=device, browser=True
    )
    assert owners_device.status_code == 200, owners_device.text
