"""One Celery app per service, all with the reliability settings of the architecture guide."""

from __future__ import annotations

from typing import Any

from celery import Celery
from kombu import Queue

from reptidex_common.observability import task_metrics  # noqa: F401  (connects the signals)
from reptidex_common.settings import get_settings
from reptidex_common.tasks import dead_letters  # noqa: F401  (records tasks that failed for good)

OUTBOX_RELAY_INTERVAL_SECONDS = 2.0
# The longest retry delay (RETRY_POLICY): a task waiting for its retry is held unacknowledged by
# a worker, so it must stay below the default visibility timeout or Redis hands it out twice.
RETRY_BACKOFF_MAX_SECONDS = 240


def time_limits(visibility_timeout: int) -> tuple[int, int]:
    """(soft, hard) time limits of every task for a broker visibility timeout.

    Redis hands an unacknowledged task to another worker once the visibility timeout passed,
    whether or not its first worker is still running it. A task is killed at the hard limit,
    half the visibility timeout, so a live worker never holds a task that long: only a task
    whose worker died is delivered again. The soft limit lets it clean up first.
    """
    hard = visibility_timeout // 2
    return hard * 4 // 5, hard


def create_celery_app(service: str, *, include: list[str] | None = None) -> Celery:
    settings = get_settings()
    visibility_timeout = settings.task_visibility_timeout_seconds
    soft_time_limit, time_limit = time_limits(visibility_timeout)
    app = Celery(f"repti_{service}", broker=settings.redis_url, backend=None, include=include or [])
    app.conf.update(
        task_serializer="json",
        accept_content=["json"],
        result_serializer="json",
        # A task is acknowledged only after it ran, and requeued if its worker died mid-way.
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_time_limit=time_limit,
        task_soft_time_limit=soft_time_limit,
        task_default_queue=service,
        task_queues=[Queue(service)],
        task_routes={f"{service}.*": {"queue": service}},
        task_ignore_result=True,
        broker_connection_retry_on_startup=True,
        # Redis redelivers a task its worker never acknowledged (the worker died) after this:
        # minutes, not the hour it used to be. Longer than any task may run (time_limits).
        # Workers look for such tasks every twentieth of it (kombu's default is every 100 s).
        broker_transport_options={
            "visibility_timeout": visibility_timeout,
            "unacked_restore_interval": max(visibility_timeout // 20, 1),
            "unacked_restore_throttle": 1,
        },
        worker_hijack_root_logger=False,
        timezone="UTC",
        enable_utc=True,
        beat_schedule={
            f"{service}.outbox.relay": {
                "task": f"{service}.outbox.relay",
                "schedule": OUTBOX_RELAY_INTERVAL_SECONDS,
                "options": {"queue": service, "expires": OUTBOX_RELAY_INTERVAL_SECONDS * 5},
            }
        },
    )
    return app


RETRY_POLICY: dict[str, Any] = {
    "autoretry_for": (Exception,),
    "retry_backoff": True,
    "retry_backoff_max": RETRY_BACKOFF_MAX_SECONDS,
    "retry_jitter": True,
    "max_retries": 8,
}
