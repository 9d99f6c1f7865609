"""`python -m reptidex_gateway`: Caddy on GATEWAY_HOST:GATEWAY_PORT (127.0.0.1:8000)."""

from __future__ import annotations

from reptidex_gateway.launch import main

if __name__ == "__main__":
    main()
