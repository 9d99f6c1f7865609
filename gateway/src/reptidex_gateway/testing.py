"""The real gateway for tests: `python -m reptidex_gateway` (Caddy) on a free loopback port."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import sys
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

STARTUP_SECONDS = 20.0
STOP_SECONDS = 15.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


dead_port = free_port


async def _listening(port: int) -> bool:
    with contextlib.suppress(OSError):
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.close()
        await writer.wait_closed()
        return True
    return False


@contextlib.asynccontextmanager
async def running_gateway(
    upstreams: dict[str, str], frontends_dir: Path, **settings: object
) -> AsyncIterator[str]:
    """`python -m reptidex_gateway` (Caddy) on a free port; yields its base URL."""
    port = free_port()
    env = {
        **os.environ,
        "GATEWAY_PORT": str(port),
        "GATEWAY_UPSTREAMS": json.dumps(upstreams),
        "GATEWAY_FRONTENDS_DIR": str(frontends_dir),
        **{f"GATEWAY_{name.upper()}": str(value) for name, value in settings.items()},
    }
    with tempfile.TemporaryFile() as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "reptidex_gateway", env=env, stdout=log, stderr=log
        )
        try:
            async with asyncio.timeout(STARTUP_SECONDS):
                while not await _listening(port):
                    if process.returncode is not None:
                        log.seek(0)
                        raise RuntimeError(f"the gateway did not start:\n{log.read().decode()}")
                    await asyncio.sleep(0.05)
            yield f"http://127.0.0.1:{port}"
        finally:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), STOP_SECONDS)
            except TimeoutError:
                process.kill()
                await process.wait()
