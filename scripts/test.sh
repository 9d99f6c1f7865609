#!/usr/bin/env bash
# Everything `make test` runs, in order: lint, types, import contracts, migrations, tests, fuzzing.
set -euo pipefail
cd "$(dirname "$0")/.."
set -a; . .data/stack.env; set +a
export PATH="$PWD/.venv/bin:$PATH"

# Each step's duration is printed when the next one starts, and the total at the end, so a
# slow step shows long before the suite nears CI's limit.
STEP_NAME=""
STEP_START=$SECONDS
SUITE_START=$SECONDS
finish_step() {
  if [[ -n "$STEP_NAME" ]]; then
    printf '<== %s: %d s\n' "$STEP_NAME" $((SECONDS - STEP_START))
  fi
}
step() {
  finish_step
  STEP_NAME="$*"
  STEP_START=$SECONDS
  printf '\n==> %s\n' "$*"
}
trap 'finish_step; printf "\n<== make test: %d s in all\n" $((SECONDS - SUITE_START))' EXIT

step "ruff"
ruff check .
ruff format --check .
step "mypy --strict"
mypy -p reptidex_common -p repti_core -p repti_animal -p repti_commerce -p repti_media -p repti_community -p repti_ops -p reptidex_gateway -p bench
step "import contracts (services never import each other)"
lint-imports
step "container definitions (compose config, hadolint)"
scripts/check_containers.sh
step "migrations"
python scripts/migrations_check.py
step "schemathesis (every service's OpenAPI, against running servers)"
python scripts/schemathesis_all.py
step "web apps: API client drift, types, unit tests, build, bundle budget"
scripts/frontends.sh check
step "pytest"
pytest -p no:cacheprovider -n 2 "$@"
step "browser tests (Playwright in Chromium against the running platform)"
scripts/frontends.sh e2e
