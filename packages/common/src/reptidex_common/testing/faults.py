"""Dependencies a test can take away and give back, without touching the shared servers.

- `TcpFaultProxy`: a TCP relay in front of PostgreSQL (as toxiproxy is used): `cut()` drops
  every open connection and refuses new ones, the way a stopped server looks to a client;
  `restore()` lets connections through again; `latency` delays each chunk relayed.
- `PrivateRedis`: a `redis-server` of the test's own on a free port, to crash and start again;
  it keeps an append-only file as the platform's own Redis does (scripts/devstack.py).
- `ServiceProcess`: a service under uvicorn in its own process, on a free port.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx
import psycopg

from reptidex_common.db.urls import libpq_url
from reptidex_common.settings import REPO_ROOT

# Generous: on a busy machine importing a service alone can take half a minute.
START_SECONDS = 120.0

PASSWORD = "Sturdy-gecko-2026"
# Bounds far above what a healthy answer needs and far below the old 30 s of waiting: the
# machine may be busy, and timings belong in benchmarks (bench/overload.py).
QUICK_SECONDS = 10.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class TcpFaultProxy:
    """Relays 127.0.0.1:<port> to `target`, on an event loop in a thread of its own."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = free_port()
        self.latency = 0.0
        self._open = True
        self._connections: set[asyncio.StreamWriter] = set()
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.Server | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    def __enter__(self) -> TcpFaultProxy:
        self._thread.start()
        self._call(self._start())
        return self

    def __exit__(self, *_: object) -> None:
        self._call(self._stop())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    def cut(self) -> None:
        """Drop every open connection and refuse new ones, until `restore()`."""
        self._call(self._set_open(False))

    def restore(self) -> None:
        self._call(self._set_open(True))

    def _call(self, coroutine: object) -> None:
        asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(10)  # type: ignore[arg-type]

    async def _start(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", self.port)

    async def _stop(self) -> None:
        await self._set_open(False)
        if self._server is not None:
            self._server.close()

    async def _set_open(self, is_open: bool) -> None:
        self._open = is_open
        if not is_open:
            for writer in list(self._connections):
                self._reset(writer)
            self._connections.clear()

    @staticmethod
    def _reset(writer: asyncio.StreamWriter) -> None:
        # SO_LINGER 0: the peer gets a reset, as from a server process that died.
        sock = writer.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
                )
        writer.transport.abort()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if not self._open:
            self._reset(writer)
            return
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            self._reset(writer)
            return
        self._connections.update((writer, up_writer))
        await asyncio.gather(
            self._pipe(reader, up_writer, writer), self._pipe(up_reader, writer, up_writer)
        )

    async def _pipe(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        other: asyncio.StreamWriter,
    ) -> None:
        try:
            while chunk := await reader.read(65536):
                if self.latency:
                    await asyncio.sleep(self.latency)
                writer.write(chunk)
                await writer.drain()
        except (OSError, asyncio.IncompleteReadError):
            pass
        finally:
            for end in (writer, other):
                self._connections.discard(end)
                end.transport.abort()


class PrivateRedis:
    """A `redis-server` on a free port; `stop()` kills it (-9), `start()` brings it back with
    what its append-only file kept, as the platform's Redis in fast mode (flushing left to the
    OS: a crashed Redis loses nothing)."""

    def __init__(self) -> None:
        self.port = free_port()
        self.directory = tempfile.mkdtemp(prefix="reptidex-redis-")
        self._process: subprocess.Popen[bytes] | None = None
        self._binary = shutil.which("redis-server") or "redis-server"

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self._process = subprocess.Popen(
            [
                self._binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                self.directory,
                "--save",
                "",
                "--appendonly",
                "yes",
                "--appendfsync",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait(10)
            self._process = None

    def __enter__(self) -> PrivateRedis:
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)


class ServiceProcess:
    """`uvicorn repti_<service>.main:create_app` in a process of its own, with `env` on top of
    this process's environment; `url` once healthy."""

    def __init__(self, service: str, env: Mapping[str, str]) -> None:
        self.service = service
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._env = {**os.environ, **env}
        self._env.setdefault("DATA_DIR", tempfile.mkdtemp(prefix=f"reptidex-{service}-"))
        self._log = tempfile.NamedTemporaryFile(prefix=f"{service}-", suffix=".log", delete=False)  # noqa: SIM115
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def log(self) -> str:
        return Path(self._log.name).read_text(errors="replace")

    def __enter__(self) -> ServiceProcess:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                f"repti_{self.service}.main:create_app",
                "--factory",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--no-access-log",
            ],
            cwd=REPO_ROOT,
            env=self._env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.service} exited:\n{self.log}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/api/v1/health", timeout=1).status_code == 200:
                    return self
            time.sleep(0.1)
        self.__exit__()
        raise RuntimeError(f"{self.service} did not become healthy:\n{self.log}")

    def __exit__(self, *_: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self._log.close()


async def sign_up(client: httpx.AsyncClient, email: str) -> dict[str, Any]:
    """Register `email` and sign in; the token pair."""
    registered = await client.post(
        "/api/v1/auth/register",
        json={"email": email, "password": PASSWORD, "display_name": "Fault Keeper"},
    )
    assert registered.status_code == 201, registered.text
    login = await client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    assert login.status_code == 200, login.text
    pair: dict[str, Any] = login.json()
    return pair


def assert_unavailable(response: httpx.Response, type_slug: str) -> None:
    """A 503 problem that says when to come back."""
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert int(response.headers["retry-after"]) >= 1
    body = response.json()
    assert body["status"] == 503
    assert body["type"].endswith("/" + type_slug)
    assert body["detail"]


def queue_outbox_mail(database_url: str, to: str) -> None:
    """An email to `to` in core's outbox, as a request would leave it for the relay."""
    payload = {"to": to, "subject": "Outage check", "text": "Still here.", "html": None}
    with psycopg.connect(libpq_url(database_url)) as conn:
        conn.execute(
            "INSERT INTO core.outbox_events (id, task_name, queue, payload) "
            "VALUES (%s, 'core.email.send', 'core', %s)",
            (uuid.uuid4(), json.dumps(payload)),
        )


def mail_delivered(
    data_dir: Path, to: str, seconds: float, worker: subprocess.Popen[bytes]
) -> bool:
    """Whether the worker wrote an email to `to` under `data_dir` within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and worker.poll() is None:
        mail_dir = data_dir / "mail"
        for path in mail_dir.glob("*.eml") if mail_dir.exists() else []:
            if f"To: {to}" in path.read_text(errors="replace"):
                return True
        time.sleep(0.5)
    return False
