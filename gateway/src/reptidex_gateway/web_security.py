"""The security headers of every web app the gateway serves, from one table.

Production serves the same builds through this gateway image behind the ALB, so these
headers are the production ones too: each app is matched by its first host label
(`breeder.localhost` and `breeder.reptidex.app` alike), and the API origins its pages may call
are found exactly as the apps find them (`frontends/packages/api-client/src/hosts.ts`): the
service's label in place of the app's, same parent domain and port. The parent comes from each
request's Host header, so the gateway passes it in as a placeholder it fills per request.
"""

from __future__ import annotations

from dataclasses import dataclass

from reptidex_gateway.config import SERVICE_HOSTS

# Service name → its host label (`core` → `api`).
SERVICE_LABELS = {name: host.split(".", 1)[0] for name, host in SERVICE_HOSTS.items()}
ALL_SERVICES = tuple(SERVICE_LABELS)


@dataclass(frozen=True)
class WebAppPolicy:
    # The services the app's pages call (connect-src, and img-src for IMAGE_SERVICES).
    calls: tuple[str, ...]
    # Embeds are meant to be framed by breeders' own sites; every other app never is.
    frameable: bool = False


WEB_APP_POLICIES: dict[str, WebAppPolicy] = {
    "breeder": WebAppPolicy(calls=("core", "animal", "media")),
    "public": WebAppPolicy(calls=("core", "animal", "media", "community", "commerce")),
    "admin": WebAppPolicy(calls=ALL_SERVICES),
    "embed": WebAppPolicy(calls=("animal", "media"), frameable=True),
}
# Services whose answers pages show as images: photos (media) and QR codes (animal).
IMAGE_SERVICES = frozenset({"media", "animal"})
# An app missing from the table gets the strictest policy: its own origin only.
STRICT = WebAppPolicy(calls=())

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), payment=(), usb=()"
)
HSTS = "max-age=63072000; includeSubDomains"


def service_origin(service: str, scheme: str, parent: str) -> str:
    """Mirror of the apps' `serviceOrigin`: parent `localhost:8000` → `api.localhost:8000`."""
    return f"{scheme}://{SERVICE_LABELS[service]}.{parent}"


def content_security_policy(policy: WebAppPolicy, scheme: str, parent: str) -> str:
    origins = [service_origin(s, scheme, parent) for s in policy.calls]
    sockets = [o.replace("http", "ws", 1) for o in origins]
    images = [o for s, o in zip(policy.calls, origins, strict=True) if s in IMAGE_SERVICES]
    directives = {
        "default-src": ["'self'"],
        # No inline script anywhere: a script injected into a page cannot run.
        "script-src": ["'self'"],
        # Style attributes and injected <style> elements (UI libraries, browser tooling) are
        # allowed: a style cannot run code, while an inline script could.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *images],
        "font-src": ["'self'"],
        "connect-src": ["'self'", *origins, *sockets],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["*"] if policy.frameable else ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def web_app_headers(app_host: str, scheme: str, parent: str) -> dict[str, str]:
    """Headers for every answer of the web app at `app_host` (pages, assets and errors)."""
    policy = WEB_APP_POLICIES.get(app_host.split(".", 1)[0], STRICT)
    headers = {
        "Content-Security-Policy": content_security_policy(policy, scheme, parent),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Permissions-Policy": PERMISSIONS_POLICY,
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    if not policy.frameable:
        headers["X-Frame-Options"] = "DENY"
    if scheme == "https":
        # Only meaningful (and only honoured) over https: production, behind the ALB.
        headers["Strict-Transport-Security"] = HSTS
    return headers
