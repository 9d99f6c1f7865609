"""Free loopback ports for tests and scripts that start real servers."""

from __future__ import annotations

import socket

# run_all.py puts each worker's metrics 1101-1106 ports above the gateway's.
WORKER_METRICS_OFFSETS = range(1101, 1107)


def is_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def free_platform_port_base(size: int = 7) -> int:
    """A base port for `run_all.py` (REPTIDEX_PORT_BASE): the gateway, the six services and the
    workers' metrics ports are all free."""
    for base in range(21000, 40000, 37):
        ports = [*range(base, base + size), *(base + offset for offset in WORKER_METRICS_OFFSETS)]
        if all(is_free(port) for port in ports):
            return base
    raise RuntimeError("no free block of ports")
