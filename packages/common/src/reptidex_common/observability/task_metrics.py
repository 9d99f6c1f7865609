"""Celery task counts and durations, from Celery's own signals.

A worker has no web server, so `serve_worker_metrics` exposes them on WORKER_METRICS_PORT
(one port per worker process) for Prometheus to scrape.
"""

from __future__ import annotations

import os
import time
from typing import Any

from celery.signals import task_postrun, task_prerun, worker_ready
from prometheus_client import Counter, Histogram, start_http_server

TASKS = Counter("celery_tasks_total", "Celery tasks run, by outcome", ["task", "state"])
TASK_DURATION = Histogram(
    "celery_task_duration_seconds",
    "Celery task run time",
    ["task"],
    buckets=(0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 30.0, 120.0, 300.0),
)
_started: dict[str, float] = {}


@task_prerun.connect
def _on_prerun(task_id: str | None = None, **_: Any) -> None:
    if task_id:
        _started[task_id] = time.perf_counter()


@task_postrun.connect
def _on_postrun(
    task_id: str | None = None, task: Any = None, state: str | None = None, **_: Any
) -> None:
    # Celery's final state (SUCCESS, FAILURE, RETRY, ...) is the outcome label.
    name = getattr(task, "name", "unknown")
    TASKS.labels(name, (state or "unknown").lower()).inc()
    started = _started.pop(task_id or "", None)
    if started is not None:
        TASK_DURATION.labels(name).observe(time.perf_counter() - started)


@worker_ready.connect
def serve_worker_metrics(**_: Any) -> None:
    port = os.environ.get("WORKER_METRICS_PORT")
    if port:
        start_http_server(int(port), addr=os.environ.get("WORKER_METRICS_ADDR", "127.0.0.1"))
