"""The gateway's own errors in the same RFC 9457 shape the services use."""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send

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


async def deny_websocket(
    scope: Scope,
    receive: Receive,
    send: Send,
    response: Response,
    *,
    close_code: int,
    reason: str = "",
) -> None:
    """Refuse a WebSocket handshake with an HTTP answer, as the ALB would, when the server can.

    Without the ASGI denial-response extension all a client can get is a close code.
    uvicorn 0.54's websockets-sansio logs "ASGI callable returned without completing
    handshake" after a denial although the client got it (Kludex/uvicorn PR #3138).
    """
    if "websocket.http.response" in scope.get("extensions", {}):
        await response(scope, receive, send)
    else:
        await send({"type": "websocket.close", "code": close_code, "reason": reason})
