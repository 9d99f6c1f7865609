"""Where a request came from, as our own proxies (the gateway, the ALB) reported it."""

from __future__ import annotations

import ipaddress
import logging
from functools import cache

from fastapi import Request

from reptidex_common.settings import get_settings

logger = logging.getLogger(__name__)


def client_ip(request: Request) -> str:
    """The caller's address as our own proxies saw it (see `trusted_proxy_hops`).

    Each trusted proxy appends the address it was reached from, so the client is the entry
    that many places from the right; anything further left was written by the client. The
    header is believed only from a peer inside our network (loopback or private), where the
    gateway and the ALB connect from: a caller reaching a service around the proxy cannot
    pick its own rate-limit bucket by writing the header itself.
    """
    peer = request.client.host if request.client else "unknown"
    forwarded = [
        entry.strip()
        for header in request.headers.getlist("x-forwarded-for")
        for entry in header.split(",")
        if entry.strip()
    ]
    if not forwarded or not _inside_our_network(peer):
        return peer
    hops = get_settings().trusted_proxy_hops
    if hops == 0:
        _warn_proxy_without_hops(peer)
        return peer
    return forwarded[max(len(forwarded) - hops, 0)][:64]


def _inside_our_network(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_private


@cache
def _warn_proxy_without_hops(peer: str) -> None:
    # Once per proxy address and process: every visitor behind it now shares one per-IP
    # bucket. Production cannot start without the setting; this catches other deployments.
    logger.warning(
        "Requests arrive through a proxy at %s but TRUSTED_PROXY_HOPS is 0: per-IP rate "
        "limits count all of its visitors as one. Set TRUSTED_PROXY_HOPS.",
        peer,
    )
