"""A CSV import run by repti-animal's worker: its file, progress and final report."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, Integer, LargeBinary
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from reptidex_common.db.base import Base, IdMixin, TimestampMixin
from reptidex_common.models.columns import str_enum

SCHEMA = "animal"


class ImportJobStatus(StrEnum):
    queued = "queued"
    running = "running"
    succeeded = "succeeded"
    failed = "failed"


class ImportJob(IdMixin, TimestampMixin, Base):
    __tablename__ = "import_jobs"
    __table_args__ = (
        CheckConstraint("rows_done >= 0 AND rows_done <= rows_total", name="progress_range"),
        Index("ix_import_jobs_vivarium_id_id", "vivarium_id", "id"),
        {"schema": SCHEMA},
    )

    vivarium_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("core.vivariums.id", ondelete="CASCADE")
    )
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("core.users.id", ondelete="SET NULL")
    )
    status: Mapped[ImportJobStatus] = mapped_column(
        str_enum(ImportJobStatus, "import_job_status"),
        default=ImportJobStatus.queued,
        server_default="queued",
    )
    rows_total: Mapped[int] = mapped_column(Integer)
    rows_done: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The uploaded CSV until the job has run; cleared once it finished either way.
    file: Mapped[bytes | None] = mapped_column(LargeBinary)
    # Succeeded: {"created", "animals"}; failed: the problem (detail, errors) as the API says it.
    report: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
