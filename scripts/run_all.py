"""Run the whole platform in the foreground: six services, their workers, one beat per service,
the gateway, kept up by reptidex_common.supervision.

A process that dies is cleaned up with everything it started and restarted after a growing
delay while the rest keep serving; one that keeps crashing is reported and left stopped. A
process that cannot start at all stops everything, so a broken start is never mistaken for a
running platform. Ctrl-C (or SIGTERM) lets running tasks and requests finish (up to
STOP_GRACE_SECONDS), then stops every process this started.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
import urllib.request
from pathlib import Path

from reptidex_common.settings import get_settings
from reptidex_common.supervision import Program, Supervisor
from reptidex_gateway.config import SERVICE_HOSTS, SERVICE_KEEP_ALIVE_SECONDS
from reptidex_gateway.launch import gateway_process

ROOT = Path(__file__).resolve().parents[1]
# The gateway listens on the base port and the services on the next six (8000, 8001-8006);
# REPTIDEX_PORT_BASE moves the whole platform, e.g. for the end-to-end test.
PORT_BASE = int(os.environ.get("REPTIDEX_PORT_BASE", "8000"))
SERVICES = {name: PORT_BASE + offset for offset, name in enumerate(SERVICE_HOSTS, start=1)}
HOSTS = SERVICE_HOSTS
GATEWAY_PORT = PORT_BASE
# A busy machine (the test suite starts whole platforms beside other tests) may need longer.
STARTUP_TIMEOUT_SECONDS = float(os.environ.get("REPTIDEX_STARTUP_TIMEOUT_SECONDS", "120"))
# How long Ctrl-C waits for running tasks (Celery's warm shutdown) and requests to finish. A
# task still running then is killed unacknowledged, so the broker hands it out again later.
STOP_GRACE_SECONDS = float(os.environ.get("REPTIDEX_STOP_GRACE_SECONDS", "30"))
POLL_SECONDS = 0.2


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
    # The schedules' state lives beside this platform's data, so two platforms on one machine
    # (a developer's and a test's) never share one.
    beat_dir = get_settings().data_dir / "beat"
    beat_dir.mkdir(parents=True, exist_ok=True)
    for index, service in enumerate(SERVICES, start=1):
        celery = [python, "-m", "celery", "-A", f"repti_{service}.worker"]
        options = ["-Q", service, "--concurrency", "1", "--loglevel", "WARNING"]
        metrics = {"WORKER_METRICS_PORT": str(WORKER_METRICS_BASE_PORT + index)}
        result.append((f"{service}-worker", [*celery, "worker", *options], metrics))
        # Beat is a process of its own, as in production, not embedded in the worker (-B): a
        # crashed worker cannot leave an orphaned scheduler behind or take the only one down,
        # and the supervisor keeps exactly one per service.
        schedule = ["-s", str(beat_dir / service), "--loglevel", "WARNING"]
        result.append((f"{service}-beat", [*celery, "beat", *schedule], {}))
    # The gateway appends the client's address to X-Forwarded-For (TRUSTED_PROXY_HOPS=1 above).
    upstreams = {HOSTS[service]: f"http://127.0.0.1:{port}" for service, port in SERVICES.items()}
    result.append(("gateway", *gateway_process(GATEWAY_PORT, upstreams)))
    return result


def wait_ready(supervisor: Supervisor, stopping: list[bool]) -> bool:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    pending = dict(SERVICES)
    while pending and time.monotonic() < deadline and not stopping:
        supervisor.check()
        if supervisor.given_up():
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
        # Where services reach each other, and each other's service-token keys.
        "SERVICE_URLS": json.dumps(
            {name: f"http://127.0.0.1:{port}" for name, port in SERVICES.items()}
        ),
        "JWKS_URL": f"{core}/.well-known/jwks.json",
        "PUBLIC_CORE_URL": f"http://api.localhost:{GATEWAY_PORT}",
        # Links in emails and QR codes open the web apps on this gateway.
        "BREEDER_WEB_URL": f"http://breeder.localhost:{GATEWAY_PORT}",
        "PUBLIC_WEB_URL": f"http://public.localhost:{GATEWAY_PORT}",
        **os.environ,
        "PYTHONUNBUFFERED": "1",
    }
    programs = [
        Program(name, argv, {**env, **extra_env}, cwd=ROOT) for name, argv, extra_env in commands()
    ]
    supervisor = Supervisor(programs)
    # The handler only takes note; the loop below does the stopping, outside any signal frame.
    stopping: list[bool] = []

    def request_stop(*_: object) -> None:
        stopping.append(True)

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    supervisor.start_all()
    if not wait_ready(supervisor, stopping):
        if not stopping:
            print("A process failed to start; stopping everything.", flush=True)
        supervisor.stop(STOP_GRACE_SECONDS)
        return 0 if stopping else 1
    print(banner(), flush=True)
    while not stopping:
        supervisor.check()
        time.sleep(POLL_SECONDS)
    print("\nStopping ReptiDex (running tasks may finish first)...", flush=True)
    in_time = supervisor.stop(STOP_GRACE_SECONDS)
    given_up = supervisor.given_up()
    if given_up:
        print(f"These processes had crashed and were not running: {', '.join(given_up)}")
    return 0 if in_time and not given_up else 1


if __name__ == "__main__":
    sys.exit(main())
