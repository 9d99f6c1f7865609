"""An open-model load generator: requests start on a fixed arrival schedule, whether or not
earlier ones have finished, and latency is measured from the scheduled start. A closed loop
(wrk, a fixed pool of users) slows down with the server and hides queueing; this does not.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx

RequestMaker = Callable[[httpx.AsyncClient, int], Awaitable[httpx.Response]]


@dataclass
class Result:
    name: str
    rate: float
    duration: float
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))
        return ordered[index]

    @property
    def achieved_rate(self) -> float:
        return (len(self.latencies_ms) + self.errors) / self.duration

    def row(self) -> str:
        mean = statistics.fmean(self.latencies_ms) if self.latencies_ms else float("nan")
        return (
            f"| {self.name} | {self.rate:.0f} | {self.achieved_rate:.0f} | {len(self.latencies_ms)} | "
            f"{self.percentile(50):.1f} | {self.percentile(95):.1f} | {self.percentile(99):.1f} | "
            f"{mean:.1f} | {self.errors} |"
        )


TABLE_HEADER = (
    "| scenario | target req/s | achieved req/s | requests | p50 ms | p95 ms | p99 ms | mean ms | errors |\n"
    "|---|---|---|---|---|---|---|---|---|"
)


async def run_open_model(
    name: str,
    client: httpx.AsyncClient,
    make_request: RequestMaker,
    *,
    rate: float,
    duration: float,
    warmup: float = 2.0,
    expected_status: int = 200,
) -> Result:
    """Fire `rate` requests a second for `duration` seconds (after an unmeasured warm-up)."""
    result = Result(name=name, rate=rate, duration=duration)
    interval = 1.0 / rate
    tasks: list[asyncio.Task[None]] = []
    loop = asyncio.get_running_loop()

    async def one(index: int, scheduled: float, measured: bool) -> None:
        try:
            response = await make_request(client, index)
        except httpx.HTTPError:
            if measured:
                result.errors += 1
            return
        if not measured:
            return
        result.statuses[response.status_code] = result.statuses.get(response.status_code, 0) + 1
        if response.status_code != expected_status:
            result.errors += 1
            return
        result.latencies_ms.append((loop.time() - scheduled) * 1000)

    total = int((warmup + duration) * rate)
    started = loop.time()
    for index in range(total):
        scheduled = started + index * interval
        delay = scheduled - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        measured = index >= warmup * rate
        tasks.append(asyncio.create_task(one(index, scheduled, measured)))
    await asyncio.gather(*tasks)
    return result


def wait_until_healthy(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"{url} did not become healthy")
