"""Errors of import and export, each with the status a client can act on."""

from __future__ import annotations

from typing import Any

from reptidex_common.errors import AppError, UnprocessableEntity


class ImportTooLarge(AppError):
    status = 413
    type_slug = "import-too-large"
    title = "Import too large"


class UnreadableFile(UnprocessableEntity):
    type_slug = "import-unreadable"
    title = "The file cannot be read"


class ImportRejected(UnprocessableEntity):
    """Some rows are wrong: the whole import is refused and every bad row is listed."""

    type_slug = "import-rejected"
    title = "Import rejected"

    def __init__(self, errors: list[dict[str, Any]], rows: int) -> None:
        bad_rows = len({e["row"] for e in errors})
        super().__init__(
            f"{bad_rows} of {rows} rows have errors; nothing was imported. Fix the rows listed "
            "in `errors` (row 1 is the header) and import again.",
            extra={"errors": errors},
        )
