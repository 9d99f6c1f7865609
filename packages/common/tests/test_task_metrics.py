from __future__ import annotations

import re

from prometheus_client import generate_latest

from reptidex_common.tasks.celery_app import create_celery_app


def _count(metrics: str, task: str, state: str) -> float:
    found = re.search(
        rf'^celery_tasks_total\{{state="{state}",task="{task}"\}} (\S+)$', metrics, re.M
    )
    if found is None:
        found = re.search(
            rf'^celery_tasks_total\{{task="{task}",state="{state}"\}} (\S+)$', metrics, re.M
        )
    return float(found.group(1)) if found else 0.0


def test_task_outcomes_and_durations_are_counted() -> None:
    app = create_celery_app("ops")

    @app.task(name="ops.probe.divide")
    def divide(a: int, b: int) -> float:
        return a / b

    before = generate_latest().decode()
    divide.apply(args=(4, 2))
    assert divide.apply(args=(1, 0)).failed()
    after = generate_latest().decode()
    assert (
        _count(after, "ops.probe.divide", "success")
        == _count(before, "ops.probe.divide", "success") + 1
    )
    assert (
        _count(after, "ops.probe.divide", "failure")
        == _count(before, "ops.probe.divide", "failure") + 1
    )
    assert 'celery_task_duration_seconds_count{task="ops.probe.divide"}' in after
