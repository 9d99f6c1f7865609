# The two commands: `make run` starts the whole platform, `make test` runs every test.
# Both work on a fresh machine: they install what they need and start PostgreSQL and Redis
# under .data/ unless DATABASE_URL and REDIS_URL point elsewhere.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
export PATH := $(HOME)/.local/bin:$(PATH)
ALEMBIC := uv run alembic -c packages/common/alembic.ini
WITH_STACK := set -a; . .data/stack.env; set +a;
# The private PostgreSQL keeps every commit on disk (durable) unless the target only runs tests,
# which trade that for speed (fast: fsync, synchronous_commit and full_page_writes off).
# `make stack` restarts a server running in the other mode; see scripts/devstack.py.
STACK_MODE ?= durable

.PHONY: run test bench setup stack stack-down migrate seed lint typecheck format frontends api-client e2e backup restore replay-events audit-verify

run: migrate seed frontends
	@$(WITH_STACK) uv run python scripts/run_all.py

test: STACK_MODE = fast
test: stack
	@scripts/test.sh

# Seeds 1,000,000 animals once (BENCH_ARGS=--reseed to redo), then load-tests repti-animal and
# times the 10,000-row CSV import on a scratch database (BENCH_ARGS=--import: that alone).
bench: migrate
	@$(WITH_STACK) uv run python -m bench.run $(BENCH_ARGS)

setup:
	@scripts/bootstrap.sh

# The web apps' production builds, served by the gateway (breeder.localhost:8000).
frontends: setup
	@scripts/frontends.sh build

# Regenerate frontends/packages/api-client from every service's OpenAPI document.
api-client: setup
	@uv run python scripts/api_client.py

# Only the browser tests (make test runs them too).
e2e: STACK_MODE = fast
e2e: migrate
	@scripts/frontends.sh e2e

stack: setup
	@uv run python scripts/devstack.py up --mode $(STACK_MODE)

# A pg_dump archive of the database under .data/backups/ (or FILE=...); docs/operations.md.
backup: stack
	@$(WITH_STACK) uv run python scripts/backup.py backup $(FILE)

# Replace the database's contents with a backup: make restore FILE=.data/backups/....dump
restore: stack
	@$(WITH_STACK) uv run python scripts/backup.py restore $(FILE)

# Deliver again the domain events emitted since a time (docs/operations.md):
# make replay-events SINCE=2026-12-01T00:00:00Z ARGS='--to community'
replay-events: migrate
	@$(WITH_STACK) uv run python -m reptidex_common.events.replay --since "$(SINCE)" $(ARGS)

# Check the audit log's hash chain from the first record to the last (docs/operations.md).
audit-verify: migrate
	@$(WITH_STACK) uv run python -m repti_ops.audit.verify

stack-down:
	@uv run python scripts/devstack.py down

migrate: stack
	@$(WITH_STACK) $(ALEMBIC) upgrade head

seed: migrate
	@$(WITH_STACK) uv run python -m repti_core.demo && uv run python -m repti_animal.demo

lint: setup
	@uv run ruff check . && uv run ruff format --check .

format: setup
	@uv run ruff check --fix . && uv run ruff format .

typecheck: setup
	@uv run mypy -p reptidex_common -p repti_core -p repti_animal -p repti_commerce -p repti_media -p repti_community -p repti_ops -p reptidex_gateway -p bench
