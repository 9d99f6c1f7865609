"""From uploaded bytes to CSV records: encoding, header and size checks, nothing else.

Row numbers are spreadsheet rows: the header is row 1, the first animal row 2, so a breeder
finds the row the error names in the program they edit the file with.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from repti_animal.portability.columns import (
    COLUMNS,
    REQUIRED_COLUMNS,
    normalize_header,
    unguard_formula,
)
from repti_animal.portability.exceptions import ImportTooLarge, UnreadableFile

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 10_000
# csv's default cap is 128 KiB per field; a notes cell never needs more than the column allows.
csv.field_size_limit(64 * 1024)


@dataclass(frozen=True)
class CsvRecord:
    row: int
    values: dict[str, str]


def decode_upload(data: bytes) -> str:
    """UTF-8 text (a BOM from Excel's "CSV UTF-8" is fine); anything else is refused."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportTooLarge(
            f"The file is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB; split it into "
            "several imports."
        )
    if b"\x00" in data:
        raise UnreadableFile(
            "The file looks binary (a spreadsheet workbook?); export it as CSV (UTF-8) first."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(
            f"The file is not UTF-8 text (invalid byte at position {exc.start}); save it as "
            "'CSV UTF-8' and try again."
        ) from exc
    if not text.strip():
        raise UnreadableFile("The file is empty; it needs a header row and one row per animal.")
    return text


def read_records(text: str) -> list[CsvRecord]:
    """The file's rows keyed by normalized column names; blank rows are skipped."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise UnreadableFile(f"The header row cannot be read: {exc}") from exc
    columns = [normalize_header(name) for name in header]
    _check_header(columns)
    records: list[CsvRecord] = []
    try:
        for index, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(records) >= MAX_IMPORT_ROWS:
                raise ImportTooLarge(
                    f"The file has more than {MAX_IMPORT_ROWS} animals; split it into several "
                    "imports."
                )
            if any(cell.strip() for cell in cells[len(columns) :]):
                raise UnreadableFile(
                    f"Row {index} has {len(cells)} cells but the header names {len(columns)} "
                    "columns; check for an unquoted comma."
                )
            values = {
                column: unguard_formula(cell.strip())
                for column, cell in zip(columns, cells, strict=False)
                if column
            }
            records.append(CsvRecord(row=index, values=values))
    except csv.Error as exc:
        raise UnreadableFile(f"The CSV cannot be read near row {reader.line_num}: {exc}") from exc
    if not records:
        raise UnreadableFile("The file has a header but no animals.")
    return records


def _check_header(columns: list[str]) -> None:
    unknown = [c for c in columns if c and c not in COLUMNS]
    duplicated = sorted({c for c in columns if c and columns.count(c) > 1})
    missing = sorted(REQUIRED_COLUMNS - set(columns))
    problems = []
    if missing:
        problems.append(f"missing column(s): {', '.join(missing)}")
    if unknown:
        problems.append(f"unknown column(s): {', '.join(unknown)}")
    if duplicated:
        problems.append(f"repeated column(s): {', '.join(duplicated)}")
    if problems:
        raise UnreadableFile(
            f"The header row is not valid ({'; '.join(problems)}). Accepted columns: "
            f"{', '.join(COLUMNS)}."
        )
