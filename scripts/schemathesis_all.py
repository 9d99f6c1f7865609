"""Fuzz every service's OpenAPI with Schemathesis against real running servers.

Each service runs under uvicorn on a scratch database built by `alembic upgrade head`. A user
is registered and logged in through core, and its token is sent with every generated request.
Fails on any 5xx and on any response that does not match the documented schema.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psycopg

from reptidex_common.db.urls import libpq_url
from reptidex_common.redis import with_redis_db
from reptidex_common.testing.scratch import (
    fresh_database,
    scratch_database_name,
    scratch_redis_db,
    stack_env,
)

ROOT = Path(__file__).resolve().parents[1]
# The venv's own tools, whether or not it is on PATH.
BIN = Path(sys.executable).parent
SERVICES = ["core", "animal", "commerce", "media", "community", "ops"]
CHECKS = "not_a_server_error,response_schema_conformance,content_type_conformance"
MAX_EXAMPLES = os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "30")
SCRATCH_DB = "reptidex_schemathesis"
SIGN_OUT_EVERYWHERE = "auth-logout-all"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not come up")


def post_json(url: str, body: dict[str, str]) -> dict[str, str]:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        result: dict[str, str] = json.loads(response.read())
        return result


def run_schemathesis(port: int, token: str, env: dict[str, str], selection: list[str]) -> bool:
    result = subprocess.run(
        [
            str(BIN / "schemathesis"),
            "run",
            f"http://127.0.0.1:{port}/openapi.json",
            *selection,
            "--checks",
            CHECKS,
            "--max-examples",
            MAX_EXAMPLES,
            "--workers",
            "1",
            "--phases",
            "coverage,fuzzing",
            "--header",
            f"Authorization: Bearer {token}",
            "--suppress-health-check",
            "all",
            "--seed",
            "20261126",
        ],
        cwd=ROOT,
        env=env,
        check=False,
    )
    return result.returncode == 0


def main() -> int:
    env = stack_env()
    env["DATABASE_URL"] = fresh_database(env["DATABASE_URL"], scratch_database_name(SCRATCH_DB))
    env["REDIS_URL"] = with_redis_db(env["REDIS_URL"], scratch_redis_db(1))
    env["DATA_DIR"] = tempfile.mkdtemp(prefix="reptidex-fuzz-")
    env["LOG_LEVEL"] = "ERROR"
    subprocess.run(
        [str(BIN / "alembic"), "-c", "packages/common/alembic.ini", "upgrade", "head"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    ports = {service: free_port() for service in SERVICES}
    env["JWKS_URL"] = f"http://127.0.0.1:{ports['core']}/.well-known/jwks.json"
    servers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                f"repti_{service}.main:create_app",
                "--factory",
                "--port",
                str(port),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        for service, port in ports.items()
    ]
    failed: list[str] = []
    try:
        for port in ports.values():
            wait_for(f"http://127.0.0.1:{port}/api/v1/health")
        core = f"http://127.0.0.1:{ports['core']}"
        credentials = {"email": "fuzz@example.com", "password": "Sturdy-gecko-2026"}
        post_json(f"{core}/api/v1/auth/register", {**credentials, "display_name": "Fuzz"})
        # A platform admin reaches every operation (staff ones too) instead of stopping at 403.
        with psycopg.connect(libpq_url(env["DATABASE_URL"]), autocommit=True) as conn:
            conn.execute(
                "UPDATE core.users SET platform_role = 'admin' WHERE email = %s",
                (credentials["email"],),
            )
        token = post_json(f"{core}/api/v1/auth/login", credentials)["access_token"]
        # "Sign out everywhere" ends the fuzzing user's access token at once, so every later
        # request would only meet 401: it runs last, alone, after every service was fuzzed.
        sign_out_everywhere = ["--exclude-operation-id", SIGN_OUT_EVERYWHERE]
        for service, port in ports.items():
            print(f"\n=== schemathesis: repti-{service} ===", flush=True)
            selection = sign_out_everywhere if service == "core" else []
            if not run_schemathesis(port, token, env, selection):
                failed.append(service)
        print("\n=== schemathesis: repti-core, sign out everywhere ===", flush=True)
        if not run_schemathesis(
            ports["core"], token, env, ["--include-operation-id", SIGN_OUT_EVERYWHERE]
        ):
            failed.append("core (sign out everywhere)")
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=20)
    if failed:
        print(f"schemathesis found problems in: {', '.join(failed)}")
        return 1
    print("schemathesis: all six services passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
