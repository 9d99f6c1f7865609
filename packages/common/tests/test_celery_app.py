"""The shared Celery app's timing: a dead worker's task comes back in minutes, and a live
worker never holds a task long enough for Redis to hand it to a second worker."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from reptidex_common.settings import get_settings
from reptidex_common.tasks.celery_app import RETRY_POLICY, create_celery_app


@pytest.fixture
def settings_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    get_settings.cache_clear()
    yield monkeypatch
    monkeypatch.undo()
    get_settings.cache_clear()


def test_a_dead_workers_task_is_redelivered_in_minutes_and_no_task_outlives_that(
    settings_env: pytest.MonkeyPatch,
) -> None:
    settings_env.delenv("TASK_VISIBILITY_TIMEOUT_SECONDS", raising=False)
    conf = create_celery_app("ops").conf
    visibility = conf.broker_transport_options["visibility_timeout"]
    assert 60 <= visibility <= 15 * 60  # minutes, not the hour it was
    # Workers look for tasks past their visibility timeout often enough to notice soon.
    options = conf.broker_transport_options
    assert options["unacked_restore_interval"] * options["unacked_restore_throttle"] <= 60
    # Killed at the hard limit well before Redis would hand the task out again.
    assert conf.task_soft_time_limit < conf.task_time_limit <= visibility / 2
    # A task waiting for its retry is held unacknowledged by its worker all that time.
    assert RETRY_POLICY["retry_backoff_max"] < visibility
    assert conf.task_acks_late
    assert conf.task_reject_on_worker_lost


def test_the_time_limits_follow_a_configured_visibility_timeout(
    settings_env: pytest.MonkeyPatch,
) -> None:
    settings_env.setenv("TASK_VISIBILITY_TIMEOUT_SECONDS", "120")
    conf = create_celery_app("ops").conf
    assert conf.broker_transport_options["visibility_timeout"] == 120
    assert (conf.task_soft_time_limit, conf.task_time_limit) == (48, 60)
