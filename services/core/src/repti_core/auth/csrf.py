"""Cross-site request forgery guard for the endpoints that act on the session cookie.

The cookie is SameSite=Strict, so another site's form or fetch does not carry it; on top of
that, a request using it must come from one of our web apps (Origin) and carry a header that
a cross-site form cannot set and a cross-site fetch could only set after a CORS preflight
that names our apps alone.
"""

from __future__ import annotations

from fastapi import Request

from reptidex_common.errors import Forbidden
from reptidex_common.settings import get_settings
from reptidex_common.web_origins import is_allowed_web_origin

CSRF_HEADER = "X-ReptiDex-CSRF"


class CrossSiteRequest(Forbidden):
    type_slug = "cross-site-request"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)


def check_origin(request: Request) -> None:
    """A browser request (it names its Origin) must come from one of our web apps."""
    origin = request.headers.get("origin")
    if origin is not None and not is_allowed_web_origin(origin, get_settings()):
        raise CrossSiteRequest(f"Requests from {origin} may not use ReptiDex sessions.")


def require_same_app(request: Request) -> None:
    """For requests that use the session cookie: our web app's Origin and the CSRF header."""
    if not is_allowed_web_origin(request.headers.get("origin"), get_settings()):
        raise CrossSiteRequest("Only the ReptiDex web apps may use the session cookie.")
    if request.headers.get(CSRF_HEADER) != "1":
        raise CrossSiteRequest(f"The session cookie needs the {CSRF_HEADER}: 1 header.")
