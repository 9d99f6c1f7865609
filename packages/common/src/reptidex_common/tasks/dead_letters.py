"""Tasks that failed for good are kept, per service, with what they were given.

Celery sends `task_failure` once a task has no retry left (or raised an error it is not
retried for); the failure is written to the owning service's `dead_letters` table, where staff
see it (`GET /api/v1/admin/dead-letters` on that service) instead of reading worker logs.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from celery import Task
from celery.signals import task_failure

from reptidex_common.models.outbox import DEAD_LETTER_MODELS
from reptidex_common.tasks.worker_db import worker_session

logger = logging.getLogger(__name__)
MAX_ERROR_CHARS = 4000
MAX_TRACEBACK_CHARS = 20000


def _json_safe(value: Any) -> Any:
    """What Celery handed the task is JSON already (the only serializer); keep it that way."""
    return json.loads(json.dumps(value, default=str))


def record_dead_letter(
    task_name: str,
    task_id: str,
    args: Any,
    kwargs: Any,
    error: BaseException,
    traceback: str | None,
    retries: int,
) -> bool:
    """Write the failure to its service's table; False when the task names no service."""
    service = task_name.split(".", 1)[0]
    model = DEAD_LETTER_MODELS.get(service)
    if model is None:
        return False
    with worker_session() as session:
        session.add(
            model(
                task_id=task_id,
                task_name=task_name,
                args=_json_safe(list(args or [])),
                kwargs=_json_safe(dict(kwargs or {})),
                error=f"{type(error).__name__}: {error}"[:MAX_ERROR_CHARS],
                traceback=traceback[-MAX_TRACEBACK_CHARS:] if traceback else None,
                retries=retries,
            )
        )
        session.commit()
    return True


@task_failure.connect(weak=False, dispatch_uid="reptidex-dead-letters")
def _on_task_failure(
    sender: Task | None = None,  # type: ignore[type-arg]
    task_id: str | None = None,
    exception: BaseException | None = None,
    args: Any = None,
    kwargs: Any = None,
    einfo: Any = None,
    **_: Any,
) -> None:
    if sender is None or exception is None:
        return
    try:
        record_dead_letter(
            sender.name,
            task_id or "",
            args,
            kwargs,
            exception,
            str(einfo) if einfo is not None else None,
            int(getattr(sender.request, "retries", 0) or 0),
        )
    except Exception:  # the worker must go on even when the record cannot be written
        logger.exception("could not record a dead letter", extra={"task": sender.name})
