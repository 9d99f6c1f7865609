"""repti-ops's Celery app: `celery -A repti_ops.worker worker -Q ops` (and `beat`)."""

from __future__ import annotations

from repti_ops.audit.consumer import HANDLERS
from repti_ops.config import SERVICE
from reptidex_common.events.receiving import register_event_consumer
from reptidex_common.tasks.celery_app import create_celery_app
from reptidex_common.tasks.relay import register_outbox_relay

# Domain task modules join `include` as the domains arrive.
celery_app = create_celery_app(SERVICE, include=[])
register_outbox_relay(celery_app, SERVICE)
register_event_consumer(celery_app, SERVICE, HANDLERS)
