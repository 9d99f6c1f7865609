"""An open-model load generator: requests start on a fixed arrival schedule, whether or not
earlier ones have finished, and latency is measured from the scheduled start. A closed loop
(wrk, a fixed pool of users) slows down with the server and hides queueing; this does not.

The client speaks minimal HTTP/1.1 over kept-alive asyncio streams: a full-featured client
costs more CPU per request than the server under test, and on a two-core machine the
generator's own lag would be counted as server latency.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx

RequestMaker = Callable[[int], Awaitable[int]]


class RawHttpPool:
    """Kept-alive HTTP/1.1 connections to one server; a request is sent as prebuilt bytes."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self._idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    @staticmethod
    def build(method: str, path: str, headers: dict[str, str], body: bytes = b"") -> bytes:
        lines = [f"{method} {path} HTTP/1.1", "Host: bench", f"Content-Length: {len(body)}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        if body:
            lines.append("Content-Type: application/json")
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + body

    async def send(self, raw: bytes) -> int:
        """Send one request and read the whole response; returns the status code."""
        status_line = b""
        while self._idle and not status_line:
            # A kept-alive connection the server has since closed answers nothing: drop it.
            reader, writer = self._idle.pop()
            writer.write(raw)
            status_line = await reader.readline()
            if not status_line:
                writer.close()
        if not status_line:
            reader, writer = await asyncio.open_connection(self.host, self.port)
            writer.write(raw)
            status_line = await reader.readline()
        status = int(status_line.split(b" ", 2)[1])
        length = 0
        keep_alive = True
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            lowered = name.strip().lower()
            if lowered == b"content-length":
                length = int(value)
            elif lowered == b"connection" and value.strip().lower() == b"close":
                keep_alive = False
        await reader.readexactly(length)
        if keep_alive:
            self._idle.append((reader, writer))
        else:
            writer.close()
        return status

    async def close(self) -> None:
        for _, writer in self._idle:
            writer.close()
        self._idle.clear()


@dataclass
class Result:
    name: str
    rate: float
    duration: float
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    failures: dict[str, int] = field(default_factory=dict)

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
            status = await make_request(index)
        except (OSError, ValueError, asyncio.IncompleteReadError) as exc:
            reason = f"{type(exc).__name__}: {str(exc)[:80]}"
            result.failures[reason] = result.failures.get(reason, 0) + 1
            if measured:
                result.errors += 1
            return
        if not measured:
            return
        result.statuses[status] = result.statuses.get(status, 0) + 1
        if status != expected_status:
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


def wait_until_healthy(url: str, seconds: float = 240) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"{url} did not become healthy")
