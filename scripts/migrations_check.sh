#!/usr/bin/env bash
# Upgrade a fresh database to head, check the models match the migrations, then downgrade to
# base and upgrade again, so every downgrade is proven too.
set -euo pipefail
cd "$(dirname "$0")/.."
set -a; . .data/stack.env; set +a
base="${DATABASE_URL%/*}"
check_db="reptidex_migrations_check"
psql "$base/postgres" -qXc "DROP DATABASE IF EXISTS $check_db WITH (FORCE)" -c "CREATE DATABASE $check_db"
export DATABASE_URL="$base/$check_db"
alembic=(uv run alembic -c packages/common/alembic.ini)
"${alembic[@]}" upgrade head
"${alembic[@]}" check
"${alembic[@]}" downgrade base
"${alembic[@]}" upgrade head
"${alembic[@]}" check
psql "$base/postgres" -qXc "DROP DATABASE $check_db WITH (FORCE)"
echo "migrations: upgrade, check, downgrade, upgrade, check: OK"
