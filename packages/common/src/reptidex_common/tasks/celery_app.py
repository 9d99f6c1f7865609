"""One Celery app per service, all with the reliability settings of the architecture guide."""

from __future__ import annotations

from typing import Any

from celery import Celery
from kombu import Queue

from reptidex_common.observability import task_metrics  # noqa: F401  (connects the signals)
from reptidex_common.settings import get_settings

OUTBOX_RELAY_INTERVAL_SECONDS = 2.0


def create_celery_app(service: str, *, include: list[str] | None = None) -> Celery:
    settings = get_settings()
    app = Celery(f"repti_{service}", broker=settings.redis_url, backend=None, include=include or [])
    app.conf.update(
        task_serializer="json",
        accept_content=["json"],
        result_serializer="json",
        # A task is acknowledged only after it ran, and requeued if its worker died mid-way.
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_time_limit=300,
        task_soft_time_limit=240,
        task_default_queue=service,
        task_queues=[Queue(service)],
        task_routes={f"{service}.*": {"queue": service}},
        task_ignore_result=True,
        broker_connection_retry_on_startup=True,
        # Redis redelivers unacknowledged tasks after this; longer than any task may run.
        broker_transport_options={"visibility_timeout": 3600},
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
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 8,
}
