"""Response bodies of import and its jobs (export streams files, described in the router)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from reptidex_common.models.animal_enums import AnimalStatus, Sex, Visibility
from reptidex_common.models.import_job import ImportJobStatus


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"


class ImportRowError(BaseModel):
    row: int = Field(description="Spreadsheet row number: the header is row 1.")
    column: str | None
    value: str | None
    message: str


class ImportPreviewRow(BaseModel):
    row: int
    display_id: str | None = Field(description="None when the id will be generated.")
    name: str | None
    species: str | None
    sex: Sex
    hatch_date: date | None
    status: AnimalStatus
    visibility: Visibility
    morph: str | None
    sire: str | None
    dam: str | None
    genotype: list[str]


class ImportDryRun(BaseModel):
    valid: bool
    rows: int
    errors: list[ImportRowError]
    # Set when the import would go past the plan's animal limit (the import would answer 402).
    plan_limit: str | None
    preview: list[ImportPreviewRow]
    preview_truncated: bool


class ImportedAnimal(BaseModel):
    row: int
    id: uuid.UUID
    display_id: str


class ImportResult(BaseModel):
    created: int
    animals: list[ImportedAnimal]


class ImportProblem(BaseModel):
    """Why a job wrote nothing, as the API words errors (problem+json's fields)."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[ImportRowError] = Field(
        default_factory=list, description="The rows to fix, when rows are to blame."
    )


class ImportJobRead(BaseModel):
    id: uuid.UUID
    status: ImportJobStatus
    rows_total: int
    rows_done: int = Field(description="Rows written so far; all of them once succeeded.")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    result: ImportResult | None = Field(description="Set once the job succeeded.")
    problem: ImportProblem | None = Field(
        description="Set once the job failed: nothing was imported."
    )
