"""`python -m reptidex_gateway`: serve the gateway on GATEWAY_HOST:GATEWAY_PORT (127.0.0.1:8000)."""

from __future__ import annotations

import uvicorn

from reptidex_gateway.config import GatewaySettings


def main() -> None:
    settings = GatewaySettings()
    uvicorn.run(
        "reptidex_gateway.app:app", host=settings.host, port=settings.port, proxy_headers=False
    )


if __name__ == "__main__":
    main()
