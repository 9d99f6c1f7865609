#!/usr/bin/env bash
# The web apps: install their packages (locked), then build, test or drive them in a browser.
#   scripts/frontends.sh build   # production builds the gateway serves (make run)
#   scripts/frontends.sh check   # API client drift, types, unit tests (make test)
#   scripts/frontends.sh e2e     # browser tests against a real platform (make test)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
FRONTENDS=$ROOT/frontends

need_node() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "[frontends] installing Node.js and npm from Debian"
      apt-get install -y -q nodejs npm >/dev/null
    else
      echo "[frontends] Node.js 20+ and npm are needed for the web apps; install them first." >&2
      exit 1
    fi
  fi
}

install_packages() {
  need_node
  local stamp=$FRONTENDS/node_modules/.reptidex-lock
  # npm ci wipes node_modules; skip it when the lock file has not changed since the last one.
  if [ ! -f "$stamp" ] || ! cmp -s "$FRONTENDS/package-lock.json" "$stamp"; then
    echo "[frontends] npm ci"
    (cd "$FRONTENDS" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$FRONTENDS/package-lock.json" "$stamp"
  fi
}

need_chromium() {
  if command -v chromium >/dev/null 2>&1; then return; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "[frontends] installing Chromium from Debian for the browser tests"
    apt-get install -y -q chromium >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }
  else
    echo "[frontends] the browser tests need Debian's chromium package (apt-get install chromium)." >&2
    exit 1
  fi
}

build() {
  install_packages
  (cd "$FRONTENDS" && npm run build --silent -w @reptidex/web-breeder)
}

check() {
  install_packages
  "$ROOT/.venv/bin/python" scripts/api_client.py --check
  (cd "$FRONTENDS" && npm run lint --silent && npm run typecheck --silent && npm test --silent)
  build
  node "$FRONTENDS/apps/web-breeder/scripts/bundle-size.mjs"
}

e2e() {
  install_packages
  need_chromium
  build
  "$ROOT/.venv/bin/python" scripts/e2e.py "$@"
}

command=${1:-build}
shift || true
case "$command" in
  build) build ;;
  check) check ;;
  e2e) e2e "$@" ;;
  *) echo "usage: $0 build|check|e2e" >&2; exit 2 ;;
esac
