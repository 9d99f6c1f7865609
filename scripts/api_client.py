"""Regenerate the frontends' API client from every service's OpenAPI document.

`python scripts/api_client.py` writes frontends/packages/api-client/openapi/*.json and the
TypeScript types beside them; `--check` regenerates into a temporary folder and fails when the
checked-in client differs, so the client never drifts from the services.
"""

from __future__ import annotations

import argparse
import filecmp
import importlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from reptidex_gateway.config import SERVICE_HOSTS

ROOT = Path(__file__).resolve().parents[1]
CLIENT = ROOT / "frontends" / "packages" / "api-client"


def dump_openapi(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for service in SERVICE_HOSTS:
        app = importlib.import_module(f"repti_{service}.main").create_app()
        document = json.dumps(app.openapi(), indent=2, sort_keys=True) + "\n"
        (folder / f"{service}.json").write_text(document)


def generate(spec_dir: Path, out_dir: Path) -> None:
    script = CLIENT / "scripts" / "generate.mjs"
    subprocess.run(["node", str(script), str(spec_dir), str(out_dir)], cwd=ROOT, check=True)


def differences(expected: Path, actual: Path) -> list[str]:
    names = sorted({p.name for p in expected.iterdir()} | {p.name for p in actual.iterdir()})
    return [
        name
        for name in names
        if not (expected / name).exists()
        or not (actual / name).exists()
        or not filecmp.cmp(expected / name, actual / name, shallow=False)
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if the client is stale")
    args = parser.parse_args()
    if not args.check:
        dump_openapi(CLIENT / "openapi")
        generate(CLIENT / "openapi", CLIENT / "src" / "generated")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        specs, types = Path(tmp) / "openapi", Path(tmp) / "generated"
        dump_openapi(specs)
        generate(specs, types)
        stale = differences(specs, CLIENT / "openapi") + differences(
            types, CLIENT / "src" / "generated"
        )
    if stale:
        print(f"The API client is stale ({', '.join(stale)}): run `make api-client`.")
        return 1
    print("The API client matches every service's OpenAPI document.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
