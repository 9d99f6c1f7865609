"""Browser tests of the web apps against the whole platform, for real.

Builds a scratch database (`alembic upgrade head`, then the demo data), starts every service,
worker and the gateway with `run_all.py` on free ports, and runs the Playwright suite in
Debian's Chromium against `http://breeder.localhost:<port>`. Screenshots land in
`.data/screenshots/web-breeder/`; the path is printed at the end. Extra arguments go to
`playwright test` (e.g. `-g "pedigree"`).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import redis

from reptidex_common.redis import with_redis_db
from reptidex_common.testing.ports import free_platform_port_base
from reptidex_common.testing.scratch import (
    fresh_database,
    scratch_database_name,
    scratch_redis_db,
    stack_env,
)

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
APP = ROOT / "frontends" / "apps" / "web-breeder"
SCREENSHOTS = ROOT / ".data" / "screenshots" / "web-breeder"
# Playwright's outputDir (playwright.config.ts): one folder per failed test.
RESULTS = ROOT / ".data" / "e2e-results" / "web-breeder"
SCRATCH_DB = "reptidex_e2e"
STARTUP_SECONDS = 180


def prepare(env: dict[str, str]) -> None:
    steps = [
        [str(BIN / "alembic"), "-c", "packages/common/alembic.ini", "upgrade", "head"],
        [sys.executable, "-m", "repti_core.demo"],
        [sys.executable, "-m", "repti_animal.demo"],
    ]
    for argv in steps:
        done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(argv[-2:])} failed:\n{done.stdout}{done.stderr}")


def wait_ready(url: str, platform: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if platform.poll() is not None:
            raise SystemExit("the platform stopped while starting; see its output above")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    raise SystemExit(f"{url} was not ready after {STARTUP_SECONDS} s")


def main(playwright_args: list[str]) -> int:
    env = stack_env()
    env["DATABASE_URL"] = fresh_database(env["DATABASE_URL"], scratch_database_name(SCRATCH_DB))
    env["REDIS_URL"] = with_redis_db(env["REDIS_URL"], scratch_redis_db(0))
    # Rate-limit counters and sessions of an earlier run must not leak into this one.
    redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    data_dir = Path(tempfile.mkdtemp(prefix="reptidex-e2e-"))
    env["DATA_DIR"] = str(data_dir)
    env["LOG_LEVEL"] = "WARNING"
    prepare(env)

    base = free_platform_port_base()
    env["REPTIDEX_PORT_BASE"] = str(base)
    platform = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "run_all.py")],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL if os.environ.get("E2E_QUIET", "1") == "1" else None,
    )
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    try:
        wait_ready(f"http://127.0.0.1:{base + 1}/api/v1/health/ready", platform)
        wait_ready(f"http://127.0.0.1:{base + 2}/api/v1/health/ready", platform)
        browser_env = {
            **os.environ,
            "E2E_BASE_URL": f"http://breeder.localhost:{base}",
            "E2E_MAIL_DIR": str(data_dir / "mail"),
            "E2E_SCREENSHOTS": str(SCREENSHOTS),
            "CHROMIUM_PATH": shutil.which("chromium") or "/usr/bin/chromium",
        }
        result = subprocess.run(
            ["npx", "playwright", "test", *playwright_args], cwd=APP, env=browser_env, check=False
        )
    finally:
        os.killpg(platform.pid, signal.SIGINT)
        try:
            platform.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(platform.pid, signal.SIGKILL)
        shutil.rmtree(data_dir, ignore_errors=True)
    shots = sorted(SCREENSHOTS.glob("*.png"))
    print(f"\nweb-breeder screenshots ({len(shots)}): {SCREENSHOTS}")
    print_failures()
    return result.returncode


def print_failures() -> None:
    """Each failed attempt's error (flaky ones too), last: a log's tail says what broke."""
    for context in sorted(RESULTS.glob("*/error-context.md")):
        text = context.read_text(errors="replace")
        details = text.partition("# Error details")[2].partition("# Page snapshot")[0]
        print(f"\n--- {context.parent.name}{details.rstrip()[:3000]}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
