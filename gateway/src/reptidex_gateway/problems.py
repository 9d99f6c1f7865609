"""The gateway's own answers, as Caddy handlers: errors in the services' RFC 9457 shape."""

from __future__ import annotations

import json
from typing import Any

from reptidex_common.errors import PROBLEM_JSON, problem_body

Handler = dict[str, Any]


def static_response(
    status: int, body: str, content_type: str, headers: dict[str, str] | None = None
) -> Handler:
    """A Caddy handler answering `body` as is. Caddy fills `{placeholders}` in it per request,
    so values written into it must never come from the request unchecked."""
    return {
        "handler": "static_response",
        "status_code": status,
        "headers": {"Content-Type": [content_type], **{k: [v] for k, v in (headers or {}).items()}},
        "body": body,
    }


def problem(
    status: int,
    title: str,
    detail: str,
    slug: str,
    *,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> Handler:
    """A problem+json answer exactly as the services write one (reptidex_common.errors)."""
    body = json.dumps(problem_body(status, title, detail, slug, extra=extra))
    return static_response(status, body, PROBLEM_JSON, headers)
