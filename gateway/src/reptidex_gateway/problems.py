"""The gateway's own errors in the same RFC 9457 shape the services use."""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse

PROBLEM_BASE = "https://docs.reptidex.app/problems/"


def problem(status: int, slug: str, title: str, detail: str, **extra: Any) -> JSONResponse:
    body = {
        "type": PROBLEM_BASE + slug,
        "title": title,
        "status": status,
        "detail": detail,
        **extra,
    }
    return JSONResponse(body, status_code=status, media_type="application/problem+json")
