"""HTTP for husbandry logs, batch logging, weights, feeding status and the "today" list."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Query, Response, status

from repti_animal.husbandry import batch, service, today
from repti_animal.husbandry.schemas import (
    MAX_BATCH_SIZE,
    FeedingStatus,
    LogBatchCreate,
    LogBatchRead,
    LogCreate,
    LogPage,
    LogRead,
    WeightSeries,
)
from repti_animal.husbandry.today_schemas import TodayList
from reptidex_common.auth.dependencies import (
    CurrentPrincipal,
    VivariumAccess,
    require_vivarium_role,
)
from reptidex_common.db.engine import DbSession
from reptidex_common.db.pagination import PageParams, page_params
from reptidex_common.errors import PROBLEM_RESPONSES
from reptidex_common.models.animal_enums import LogKind
from reptidex_common.models.enums import VivariumRole

router = APIRouter(prefix="/api/v1", tags=["husbandry"], responses=PROBLEM_RESPONSES)


@router.post(
    "/animals/{animal_id}/logs", status_code=status.HTTP_201_CREATED, response_model=LogRead
)
async def create_log(
    animal_id: uuid.UUID,
    body: Annotated[LogCreate, Body()],
    principal: CurrentPrincipal,
    session: DbSession,
) -> LogRead:
    return await service.create_log(session, principal, animal_id, body)


@router.get("/animals/{animal_id}/logs", response_model=LogPage)
async def list_logs(
    animal_id: uuid.UUID,
    principal: CurrentPrincipal,
    session: DbSession,
    page: Annotated[PageParams, Depends(page_params)],
    kind: LogKind | None = None,
    since: Annotated[datetime | None, Query(description="occurred_at >= since")] = None,
    until: Annotated[datetime | None, Query(description="occurred_at < until")] = None,
) -> LogPage:
    return await service.list_logs(
        session, principal, animal_id, kind=kind, since=since, until=until, page=page
    )


@router.post(
    "/logs/batch",
    status_code=status.HTTP_201_CREATED,
    response_model=LogBatchRead,
    description=f"Log for many animals at once, all or nothing (at most {MAX_BATCH_SIZE} "
    "entries). Send `entries` (a log body with `animal_id` each) or `animal_ids` with one "
    "shared `log`. Any bad entry rejects the whole batch with a 422 naming every bad entry "
    "by index; nothing is written.",
)
async def log_batch(
    body: LogBatchCreate, principal: CurrentPrincipal, session: DbSession
) -> LogBatchRead:
    return await batch.log_batch(session, principal, body)


@router.delete("/logs/{log_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_log(
    log_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> Response:
    await service.delete_log(session, principal, log_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/animals/{animal_id}/weights", response_model=WeightSeries)
async def weights(
    animal_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> WeightSeries:
    return await service.weight_series(session, principal, animal_id)


@router.get("/animals/{animal_id}/feeding", response_model=FeedingStatus)
async def feeding(
    animal_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> FeedingStatus:
    return await service.feeding_status(session, principal, animal_id)


@router.get("/vivariums/{vivarium_id}/today", response_model=TodayList, tags=["today"])
async def today_list(
    access: Annotated[VivariumAccess, Depends(require_vivarium_role(VivariumRole.keeper))],
    session: DbSession,
) -> TodayList:
    return await today.today_list(session, access)
