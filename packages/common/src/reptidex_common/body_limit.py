"""A cap on request bodies for every service, checked before any endpoint reads them.

A declared Content-Length over the cap is refused at once; a body without one (chunked) is
counted while it streams in, so a hostile client cannot make a replica buffer gigabytes.
File uploads (multipart, CSV) get a larger cap; their endpoints apply their own, tighter ones.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from reptidex_common.errors import problem_response

UPLOAD_CONTENT_TYPES = frozenset({"multipart/form-data", "text/csv"})
# The default caps (settings: MAX_REQUEST_BODY_BYTES, MAX_UPLOAD_BODY_BYTES); the gateway
# refuses bodies over them too, before they travel to a service.
MAX_BODY_BYTES = 1024 * 1024
MAX_UPLOAD_BODY_BYTES = 16 * 1024 * 1024
TOO_LARGE_TITLE = "Content too large"
TOO_LARGE_SLUG = "body-too-large"


def too_large_detail(limit: int) -> str:
    return f"The request body is larger than the {limit} bytes this endpoint accepts."


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=too_large_detail(limit))


class BodySizeLimitMiddleware:
    def __init__(self, app: ASGIApp, *, max_bytes: int, max_upload_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_upload_bytes = max_upload_bytes

    def _limit_for(self, headers: Headers) -> int:
        content_type = headers.get("content-type", "").split(";")[0].strip().lower()
        return self.max_upload_bytes if content_type in UPLOAD_CONTENT_TYPES else self.max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        limit = self._limit_for(headers)
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            response = problem_response(
                413,
                TOO_LARGE_TITLE,
                too_large_detail(limit),
                TOO_LARGE_SLUG,
                instance=scope.get("path"),
                headers={"Connection": "close"},
            )
            await response(scope, receive, send)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # An HTTPException: FastAPI re-raises it from body parsing, and the common
                    # handler answers it as problem+json.
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, limited_receive, send)
