"""HTTP for import and export of a vivarium's collection.

Import needs curator or higher: it writes many animals and their pedigrees at once, a bulk
change of the record on the level of archiving or transferring. Export needs any membership
(keeper and up, support staff included): it only reads what members can already see.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response, status
from fastapi.responses import StreamingResponse

from repti_animal.portability import columns, exporter, importer, jobs
from repti_animal.portability.schemas import ExportFormat, ImportDryRun, ImportJobRead
from repti_animal.portability.upload import read_import_file
from reptidex_common.auth.dependencies import VivariumAccess, require_vivarium_role
from reptidex_common.db.engine import DbSession
from reptidex_common.errors import PROBLEM_JSON, PROBLEM_RESPONSES, ProblemDetail
from reptidex_common.models.enums import VivariumRole

router = APIRouter(prefix="/api/v1/vivariums/{vivarium_id}/animals", tags=["portability"])

CuratorAccess = Annotated[VivariumAccess, Depends(require_vivarium_role(VivariumRole.curator))]
MemberAccess = Annotated[VivariumAccess, Depends(require_vivarium_role(VivariumRole.keeper))]

_IMPORT_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "text/csv": {"schema": {"type": "string"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            },
        },
    }
}
_RESPONSES: dict[int | str, dict[str, Any]] = {
    **PROBLEM_RESPONSES,
    413: {"model": ProblemDetail, "content": {PROBLEM_JSON: {}}},
    202: {
        "model": ImportJobRead,
        "description": "Queued (dry_run=false): follow the job at the `Location` header.",
    },
}


@router.post(
    "/import",
    operation_id="portability-import-animals",
    response_model=ImportDryRun | ImportJobRead,
    responses=_RESPONSES,
    openapi_extra=_IMPORT_BODY,
    description=(
        "Import animals from a CSV (UTF-8, at most 5 MB and 10,000 rows), sent as the raw "
        "body (`text/csv`) or as the multipart field `file`. `dry_run=true` (the default) "
        "answers 200 with every bad row and a preview and writes nothing. `dry_run=false` "
        "checks the file the same way (422 with the same `errors` list, 402 past the plan "
        "limit) and answers 202 with an import job that writes all rows or none; read it at "
        "`Location` for its progress and final report.\n\n" + (columns.__doc__ or "")
    ),
)
async def import_animals(
    request: Request,
    response: Response,
    access: CuratorAccess,
    session: DbSession,
    dry_run: Annotated[bool, Query(description="Validate only; write nothing.")] = True,
) -> ImportDryRun | ImportJobRead:
    data = await read_import_file(request)
    if dry_run:
        return await importer.dry_run(session, access, data)
    job = await importer.queue_import(session, access, data)
    response.status_code = status.HTTP_202_ACCEPTED
    response.headers["Location"] = request.url_for(
        "portability-import-job", vivarium_id=access.vivarium.id, job_id=job.id
    ).path
    return jobs.job_read(job)


@router.get(
    "/import/jobs/{job_id}",
    name="portability-import-job",
    operation_id="portability-get-import-job",
    response_model=ImportJobRead,
    responses=PROBLEM_RESPONSES,
    description=(
        "An import job: `queued`, `running` (with `rows_done` of `rows_total`), then "
        "`succeeded` with `result` or `failed` with `problem` (nothing imported)."
    ),
)
async def get_import_job(
    job_id: uuid.UUID, access: CuratorAccess, session: DbSession
) -> ImportJobRead:
    return jobs.job_read(await jobs.load_job(session, access.vivarium.id, job_id))


@router.get(
    "/export",
    operation_id="portability-export-animals",
    response_class=StreamingResponse,
    responses={
        **PROBLEM_RESPONSES,
        200: {
            "description": "The whole collection as an attachment.",
            "content": {"text/csv": {}, "application/json": {}},
        },
    },
)
async def export_animals(
    access: MemberAccess,
    export_format: Annotated[ExportFormat, Query(alias="format")] = ExportFormat.csv,
) -> StreamingResponse:
    vivarium = access.vivarium
    if export_format is ExportFormat.json:
        body = exporter.stream_json(vivarium)
        media_type = "application/json"
    else:
        body = exporter.stream_csv(vivarium.id)
        media_type = "text/csv; charset=utf-8"
    filename = exporter.export_filename(vivarium, export_format.value)
    return StreamingResponse(
        body,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
