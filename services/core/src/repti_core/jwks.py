"""The public keys every other service verifies access tokens with."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from repti_core.config import get_signing_key

router = APIRouter(tags=["auth"])


@router.get("/.well-known/jwks.json", operation_id="auth-jwks")
async def jwks(response: Response) -> dict[str, Any]:
    response.headers["Cache-Control"] = "public, max-age=300"
    return get_signing_key().jwks()
