"""repti-animal's Celery app: `celery -A repti_animal.worker worker -Q animal` (and `beat`)."""

from __future__ import annotations

from repti_animal.config import SERVICE
from reptidex_common.tasks.celery_app import create_celery_app
from reptidex_common.tasks.relay import register_outbox_relay

# Domain task modules join `include` as the domains arrive.
celery_app = create_celery_app(
    SERVICE,
    include=[
        "repti_animal.transfers.tasks",
        "repti_animal.reminders.tasks",
        "repti_animal.lineage.tasks",
        "repti_animal.portability.tasks",
        "repti_animal.breeding.tasks",
    ],
)
register_outbox_relay(celery_app, SERVICE)
