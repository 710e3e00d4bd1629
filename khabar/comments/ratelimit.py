"""Fixed-window rate limits kept in the cache (shared by every process with Redis)."""

import hashlib
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache

from khabar.proxy import client_ip

# (attempts, seconds) per reader address and per browser session.
DEFAULT_LIMITS = {"ip": (10, 600), "session": (5, 600)}


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


def reporter_key(request):
    """A stable, non-reversible key for a reporting reader: the address alone. Sessions and cookies are
    free to make, so counting them would let one client file every report needed to hide a comment."""
    raw = f"{address(request)}|{settings.SECRET_KEY}"
    return hashlib.sha256(raw.encode()).hexdigest()


def _hit(bucket, ident, limit, window):
    key = f"ratelimit:{bucket}:{hashlib.sha256(ident.encode()).hexdigest()}:{int(time.time() // window)}"
    if cache.add(key, 1, timeout=window):
        return 1 <= limit
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window)
        return True


def allow(request, action):
    """Count one ``action`` attempt for this reader; False once either limit is spent."""
    limits = {**DEFAULT_LIMITS, **getattr(settings, "COMMENTS_RATE_LIMITS", {})}
    ok = _hit(f"{action}:ip", address(request), *limits["ip"])
    if request.session.session_key:
        ok = _hit(f"{action}:session", request.session.session_key, *limits["session"]) and ok
    return ok
