#!/usr/bin/env bash
# Install what the project needs on a fresh machine: uv, then every Python package (locked).
set -euo pipefail
cd "$(dirname "$0")/.."
export UV_PYTHON_DOWNLOADS=never
if ! command -v uv >/dev/null 2>&1; then
  echo "[bootstrap] installing uv with pip"
  python3 -m pip install --quiet uv || python3 -m pip install --quiet --user uv
  export PATH="$HOME/.local/bin:$PATH"
fi
uv sync --all-packages --locked --quiet --python "$(command -v python3)"
