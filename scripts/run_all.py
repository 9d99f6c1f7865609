"""Run the whole platform in the foreground: six services, their workers (with beat), the gateway.

Ctrl-C (or SIGTERM) stops every process this started. If one process dies, everything stops,
so a broken start is never mistaken for a running platform.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from reptidex_gateway.config import SERVICE_HOSTS, SERVICE_KEEP_ALIVE_SECONDS
from reptidex_gateway.launch import gateway_process

ROOT = Path(__file__).resolve().parents[1]
# The gateway listens on the base port and the services on the next six (8000, 8001-8006);
# REPTIDEX_PORT_BASE moves the whole platform, e.g. for the end-to-end test.
PORT_BASE = int(os.environ.get("REPTIDEX_PORT_BASE", "8000"))
SERVICES = {name: PORT_BASE + offset for offset, name in enumerate(SERVICE_HOSTS, start=1)}
HOSTS = SERVICE_HOSTS
GATEWAY_PORT = PORT_BASE
STARTUP_TIMEOUT_SECONDS = 120


@dataclass
class Child:
    name: str
    process: subprocess.Popen[bytes]


def spawn(name: str, argv: list[str], env: dict[str, str]) -> Child:
    process = subprocess.Popen(
        argv,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )

    def pump() -> None:
        assert process.stdout is not None
        for raw in process.stdout:
            sys.stdout.write(f"{name:>16} | {raw.decode(errors='replace')}")
            sys.stdout.flush()

    threading.Thread(target=pump, daemon=True).start()
    return Child(name, process)


WORKER_METRICS_BASE_PORT = PORT_BASE + 1100


def commands() -> list[tuple[str, list[str], dict[str, str]]]:
    """Every process to start: (name, argv, extra environment)."""
    python = sys.executable
    result: list[tuple[str, list[str], dict[str, str]]] = []
    for service, port in SERVICES.items():
        uvicorn = [python, "-m", "uvicorn", f"repti_{service}.main:create_app", "--factory"]
        result.append(
            (
                service,
                [
                    *uvicorn,
                    *("--host", "127.0.0.1", "--port", str(port), "--no-access-log"),
                    # Longer than the gateway keeps an idle connection: it closes them first.
                    *("--timeout-keep-alive", str(SERVICE_KEEP_ALIVE_SECONDS)),
                ],
                # Browsers come through the gateway, which appends their address.
                {"TRUSTED_PROXY_HOPS": "1"},
            )
        )
    for index, service in enumerate(SERVICES, start=1):
        # Development runs beat inside each service's worker (-B); production runs it apart.
        worker = [python, "-m", "celery", "-A", f"repti_{service}.worker", "worker", "-B"]
        options = ["-Q", service, "--concurrency", "1", "--loglevel", "WARNING"]
        schedule = ["-s", str(ROOT / ".data" / f"beat-{service}")]
        metrics = {"WORKER_METRICS_PORT": str(WORKER_METRICS_BASE_PORT + index)}
        result.append((f"{service}-worker", [*worker, *options, *schedule], metrics))
    # The gateway appends the client's address to X-Forwarded-For (TRUSTED_PROXY_HOPS=1 above).
    upstreams = {HOSTS[service]: f"http://127.0.0.1:{port}" for service, port in SERVICES.items()}
    result.append(("gateway", *gateway_process(GATEWAY_PORT, upstreams)))
    return result


def wait_ready(children: list[Child]) -> bool:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    pending = dict(SERVICES)
    while pending and time.monotonic() < deadline:
        if any(child.process.poll() is not None for child in children):
            return False
        for service, port in list(pending.items()):
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/api/v1/health/ready", timeout=1
                ) as r:
                    if r.status == 200:
                        pending.pop(service)
            except OSError:
                pass
        time.sleep(0.5)
    return not pending


def banner() -> str:
    base = f":{GATEWAY_PORT}"
    lines = ["", "ReptiDex is running. Through the gateway (host routing, as the production ALB):"]
    for service, host in HOSTS.items():
        lines.append(
            f"  {service:<10} http://{host}{base}/docs   (alone: http://127.0.0.1:{SERVICES[service]}/docs)"
        )
    for app in ("breeder", "public", "admin", "embed"):
        lines.append(f"  web-{app:<6} http://{app}.localhost{base}")
    lines += [
        "  mail       emails written by the worker land in .data/mail/",
        f"  metrics    each service's /metrics; workers on 127.0.0.1:{WORKER_METRICS_BASE_PORT + 1}-"
        f"{WORKER_METRICS_BASE_PORT + len(SERVICES)}",
        "",
        "Demo breeder login: demo@reptidex.app / ReptiDex-demo-2026",
        "Press Ctrl-C to stop everything.",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    core = f"http://127.0.0.1:{SERVICES['core']}"
    env = {
        "CORE_URL": core,
        "JWKS_URL": f"{core}/.well-known/jwks.json",
        "PUBLIC_CORE_URL": f"http://api.localhost:{GATEWAY_PORT}",
        # Links in emails and QR codes open the web apps on this gateway.
        "BREEDER_WEB_URL": f"http://breeder.localhost:{GATEWAY_PORT}",
        "PUBLIC_WEB_URL": f"http://public.localhost:{GATEWAY_PORT}",
        **os.environ,
        "PYTHONUNBUFFERED": "1",
    }
    children: list[Child] = []
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        if stopping:
            return
        stopping = True
        print("\nStopping ReptiDex...", flush=True)
        for child in children:
            if child.process.poll() is None:
                os.killpg(child.process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for child in children:
            try:
                child.process.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                os.killpg(child.process.pid, signal.SIGKILL)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    for name, argv, extra_env in commands():
        children.append(spawn(name, argv, {**env, **extra_env}))
    if not wait_ready(children):
        print("A process failed to start; stopping everything.", flush=True)
        stop()
        return 1
    print(banner(), flush=True)
    while not stopping:
        for child in children:
            if child.process.poll() is not None and not stopping:
                print(
                    f"{child.name} exited with {child.process.returncode}; stopping everything.",
                    flush=True,
                )
                stop()
                return 1
        time.sleep(0.5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
