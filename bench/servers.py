"""The servers a benchmark starts: a free port, and a service under uvicorn on it."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start(module: str, port: int, env: dict[str, str], workers: int = 1) -> subprocess.Popen[bytes]:
    """repti-<module> under uvicorn on 127.0.0.1:`port`, with `workers` processes."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            f"{module}.main:create_app",
            "--factory",
            *("--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)),
            *("--no-access-log", "--log-level", "warning"),
        ],
        cwd=ROOT,
        env=env,
    )
