"""`GET /api/v1/admin/dead-letters`: a service's tasks that failed for good, newest first, for
platform staff (support and admin)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel
from sqlalchemy import select

from reptidex_common.auth.dependencies import StaffPrincipal
from reptidex_common.db.engine import ReadSession
from reptidex_common.db.pagination import Page, PageParams, keyset_page, page_params
from reptidex_common.models.outbox import DEAD_LETTER_MODELS


class DeadLetterRead(BaseModel):
    id: uuid.UUID
    task_id: str
    task_name: str
    # What the task was given, to run it again once the cause is fixed.
    task_args: list[Any]
    task_kwargs: dict[str, Any]
    error: str
    traceback: str | None
    retries: int
    failed_at: datetime


def dead_letters_router(service: str) -> APIRouter:
    router = APIRouter(prefix="/api/v1/admin/dead-letters", tags=["operations"])
    model = DEAD_LETTER_MODELS[service]

    @router.get("", response_model=Page[DeadLetterRead], summary="Tasks that failed for good")
    async def list_dead_letters(
        _staff: StaffPrincipal,
        session: ReadSession,
        params: Annotated[PageParams, Depends(page_params)],
    ) -> Page[DeadLetterRead]:
        rows, next_cursor = await keyset_page(session, select(model), model.id, params)
        return Page[DeadLetterRead](
            items=[
                DeadLetterRead(
                    id=row.id,
                    task_id=row.task_id,
                    task_name=row.task_name,
                    task_args=row.args,
                    task_kwargs=row.kwargs,
                    error=row.error,
                    traceback=row.traceback,
                    retries=row.retries,
                    failed_at=row.failed_at,
                )
                for row in rows
            ],
            next_cursor=next_cursor,
        )

    return router
