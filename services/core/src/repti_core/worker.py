"""repti-core's Celery app: `celery -A repti_core.worker worker -Q core` (and `beat`)."""

from __future__ import annotations

from repti_core.config import SERVICE
from reptidex_common.tasks.celery_app import create_celery_app
from reptidex_common.tasks.relay import register_outbox_relay

celery_app = create_celery_app(
    SERVICE, include=["repti_core.email.tasks", "repti_core.api_keys.tasks"]
)
register_outbox_relay(celery_app, SERVICE)
