"""Reading the CSV from the request: a raw `text/csv` body or a multipart `file` field.

The size cap is applied while reading, so an oversized upload is refused after at most
`MAX_IMPORT_BYTES` (plus multipart framing) instead of being held in memory whole.
"""

from __future__ import annotations

from fastapi import Request
from starlette.datastructures import UploadFile

from repti_animal.portability.csv_reader import MAX_IMPORT_BYTES
from repti_animal.portability.exceptions import ImportTooLarge, UnreadableFile

# Room for multipart boundaries and part headers around the file itself.
MULTIPART_OVERHEAD = 64 * 1024
_TOO_LARGE = f"The file is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB; split it into several imports."


def _declared_length(request: Request) -> int | None:
    try:
        return int(request.headers["content-length"])
    except (KeyError, ValueError):
        return None


async def read_import_file(request: Request) -> bytes:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    is_multipart = content_type == "multipart/form-data"
    allowed = MAX_IMPORT_BYTES + (MULTIPART_OVERHEAD if is_multipart else 0)
    declared = _declared_length(request)
    if declared is not None and declared > allowed:
        raise ImportTooLarge(_TOO_LARGE)
    if is_multipart:
        return await _from_form(request)
    data = bytearray()
    async for chunk in request.stream():
        data.extend(chunk)
        if len(data) > MAX_IMPORT_BYTES:
            raise ImportTooLarge(_TOO_LARGE)
    return bytes(data)


async def _from_form(request: Request) -> bytes:
    async with request.form(max_files=1, max_fields=10) as form:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise UnreadableFile("Send the CSV in a multipart field named 'file'.")
        data = await upload.read(MAX_IMPORT_BYTES + 1)
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportTooLarge(_TOO_LARGE)
    return data
