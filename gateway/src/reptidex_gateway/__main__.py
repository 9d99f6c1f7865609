"""`python -m reptidex_gateway`: serve the gateway on GATEWAY_HOST:GATEWAY_PORT (127.0.0.1:8000)."""

from __future__ import annotations

import uvicorn

from reptidex_gateway.config import GatewaySettings
from reptidex_gateway.websocket_proxy import MAX_MESSAGE_BYTES


def main() -> None:
    settings = GatewaySettings()
    uvicorn.run(
        "reptidex_gateway.app:app",
        host=settings.host,
        port=settings.port,
        proxy_headers=False,
        # The proxy enforces the same bound; here uvicorn refuses oversized frames early.
        ws_max_size=MAX_MESSAGE_BYTES,
    )


if __name__ == "__main__":
    main()
