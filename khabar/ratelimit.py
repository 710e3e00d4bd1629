"""Fixed-window counters kept in the cache (shared by every process with Redis), for rate limits, and
the address they count a reader by."""

import hashlib
import ipaddress
import time

from django.core.cache import cache

from khabar.proxy import client_ip


def address(request) -> str:
    """The reader's address as limits count it: an IPv6 client owns its whole /64, so that is one reader."""
    raw = client_ip(request)
    try:
        ip = ipaddress.ip_address(raw)
    except ValueError:
        return raw
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _key(bucket: str, ident: str, window: int) -> str:
    """The counter of ``ident`` in ``bucket`` for the current window; ``ident`` is hashed before it reaches the cache."""
    return f"ratelimit:{bucket}:{hashlib.sha256(ident.encode()).hexdigest()}:{int(time.time() // window)}"


def hit(bucket: str, ident: str, limit: int, window: int) -> bool:
    """Count one attempt by ``ident`` in ``bucket``; False once ``limit`` attempts were made in the
    current ``window`` seconds."""
    key = _key(bucket, ident, window)
    if cache.add(key, 1, timeout=window):
        return 1 <= limit
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window)
        return True


def spent(bucket: str, ident: str, limit: int, window: int) -> bool:
    """Whether ``ident`` has made ``limit`` attempts in ``bucket`` this window, so that its next :func:`hit`
    is refused; counts nothing. False when the cache does not answer (reads miss)."""
    return (cache.get(_key(bucket, ident, window)) or 0) >= limit
