"""Serve a single-page app's build folder: real files, else index.html for client routes."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.types import Receive, Scope, Send

from reptidex_gateway.problems import deny_websocket, problem

NOT_BUILT_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{host} is not built yet</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto">
<h1>{host} is not built yet</h1>
<p>The gateway serves this app from <code>{folder}</code>, which has no <code>index.html</code>.</p>
<p>Build the frontends (<code>npm run build</code> in <code>frontends/</code>) and reload.</p>
</body></html>
"""


class SpaSite:
    def __init__(self, host: str, folder: Path) -> None:
        self.host = host
        self.folder = folder

    def _resolve(self, path: str) -> Path | None:
        """The file for `path` inside the folder, or None; never anything outside it."""
        parts = [p for p in PurePosixPath(path).parts if p not in ("/", "")]
        if any(p in (".", "..") or "\\" in p for p in parts):
            return None
        candidate = self.folder.joinpath(*parts)
        if candidate.is_file() and candidate.resolve().is_relative_to(self.folder.resolve()):
            return candidate
        return None

    def _response(self, scope: Scope) -> Response:
        if scope["method"] not in ("GET", "HEAD"):
            return problem(
                405, "method-not-allowed", "Method not allowed", "Static sites are read-only."
            )
        index = self.folder / "index.html"
        if not index.is_file():
            return HTMLResponse(
                NOT_BUILT_PAGE.format(host=self.host, folder=self.folder), status_code=503
            )
        path: str = scope["path"]
        found = self._resolve(path)
        if found is not None and found != index:
            # Vite puts content-hashed files under /assets: safe to cache for good.
            immutable = path.startswith("/assets/")
            cache = "public, max-age=31536000, immutable" if immutable else "no-cache"
            return FileResponse(found, headers={"Cache-Control": cache})
        if "." in PurePosixPath(path).name:
            # A missing file (script, image) must not be answered with HTML.
            return problem(404, "not-found", "Not found", f"{path} is not part of this build.")
        # Every other path is a client-side route: the app's router decides.
        return FileResponse(index, headers={"Cache-Control": "no-cache"})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            # A static build has no socket to offer. A 4xx (not a 5xx) so clients don't retry.
            await receive()  # websocket.connect
            refusal = problem(
                404,
                "websocket-not-supported",
                "No WebSockets here",
                f"{self.host} serves a static app; WebSockets go to the API hosts.",
            )
            await deny_websocket(scope, receive, send, refusal, close_code=1008)
            return
        await self._response(scope)(scope, receive, send)
