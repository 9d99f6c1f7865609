"""`make run`'s supervisor, end to end: every process starts, the gateway routes by host, an
email travels through the outbox and a real worker, and Ctrl-C stops everything it started."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import httpx
import psycopg
import pytest

from reptidex_common.db.urls import libpq_url
from reptidex_common.settings import REPO_ROOT, get_settings
from reptidex_common.testing.ports import free_platform_port_base
from reptidex_gateway.config import SERVICE_HOSTS

HOSTS = SERVICE_HOSTS
STARTUP_SECONDS = 150
PASSWORD = "Sturdy-gecko-2026"


def _children_of(pid: int) -> list[int]:
    children = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line
            )
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            children.append(int(status.parent.name))
    return children


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in state


class Output:
    """Drains the supervisor's output (it must never block on a full pipe) and keeps it."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.lines: list[str] = []
        self._thread = threading.Thread(target=self._pump, args=(process,), daemon=True)
        self._thread.start()

    def _pump(self, process: subprocess.Popen[bytes]) -> None:
        assert process.stdout is not None
        for raw in process.stdout:
            self.lines.append(raw.decode(errors="replace"))

    def wait_for(self, text: str, process: subprocess.Popen[bytes], seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if any(text in line for line in self.lines):
                return
            if process.poll() is not None:
                break
            time.sleep(0.5)
        pytest.fail(f"never saw {text!r}; last output:\n{''.join(self.lines[-40:])}")


def _wait_for_mail(mail_dir: Path, address: str, seconds: float = 45) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for path in mail_dir.glob("*.eml") if mail_dir.exists() else []:
            text = path.read_text(errors="replace")
            if f"To: {address}" in text:
                return text
        time.sleep(0.5)
    pytest.fail(f"no email reached {address} in {mail_dir}")


def _delete_user(email: str) -> None:
    with psycopg.connect(libpq_url(get_settings().database_url), autocommit=True) as conn:
        conn.execute(
            "DELETE FROM core.vivariums WHERE id IN (SELECT m.vivarium_id FROM core.memberships m "
            "JOIN core.users u ON u.id = m.user_id WHERE lower(u.email) = lower(%s))",
            (email,),
        )
        conn.execute("DELETE FROM core.users WHERE lower(email) = lower(%s)", (email,))


@pytest.mark.worker
def test_the_whole_platform_runs_routes_delivers_mail_and_stops(
    migrated_database: str, one_platform_at_a_time: None
) -> None:
    base = free_platform_port_base()
    env = {
        **os.environ,
        "REPTIDEX_PORT_BASE": str(base),
        "REPTIDEX_STARTUP_TIMEOUT_SECONDS": str(STARTUP_SECONDS - 10),
        "LOG_LEVEL": "WARNING",
    }
    process = subprocess.Popen(
        [sys.executable, str(REPO_ROOT / "scripts" / "run_all.py")],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    output = Output(process)
    email = f"platform-{uuid.uuid4().hex[:8]}@example.com"
    try:
        output.wait_for("ReptiDex is running", process, STARTUP_SECONDS)
        children = _children_of(process.pid)
        assert len(children) == 19  # six services, six workers, six beats, the gateway

        with httpx.Client(base_url=f"http://127.0.0.1:{base}", timeout=15) as gateway:
            for service, host in HOSTS.items():
                ready = gateway.get("/api/v1/health/ready", headers={"Host": host})
                assert ready.status_code == 200, (host, ready.text)
                assert ready.json()["service"] == service
            unknown = gateway.get("/api/v1/health", headers={"Host": "nowhere.localhost"})
            assert unknown.status_code == 404
            assert unknown.headers["content-type"] == "application/problem+json"

            core = {"Host": HOSTS["core"]}
            registered = gateway.post(
                "/api/v1/auth/register",
                json={"email": email, "password": PASSWORD, "display_name": "Platform"},
                headers=core,
            )
            assert registered.status_code == 201, registered.text
            tokens = gateway.post(
                "/api/v1/auth/login", json={"email": email, "password": PASSWORD}, headers=core
            )
            assert tokens.status_code == 200
            bearer = {"Authorization": f"Bearer {tokens.json()['access_token']}"}
            for service in ("animal", "ops"):
                whoami = gateway.get("/api/v1/whoami", headers={"Host": HOSTS[service], **bearer})
                assert whoami.status_code == 200
                assert whoami.json()["user_id"] == registered.json()["id"]

        # Registration queued a verification email: outbox → relay → Celery → .eml file.
        mail = _wait_for_mail(get_settings().mail_dir, email)
        assert "verify" in mail.lower()

        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=40) == 0
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [pid for pid in children if _alive(pid)], "processes outlived Ctrl-C"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            for pid in _children_of(process.pid):
                os.kill(pid, signal.SIGKILL)
        _delete_user(email)
