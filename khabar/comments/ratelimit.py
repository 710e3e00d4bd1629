"""Comment rate limits per reader address and per browser session (counters in ``khabar/ratelimit.py``)."""

import hashlib

from django.conf import settings

from khabar.ratelimit import address, hit


def reporter_key(request):
    """A stable, non-reversible key for a reporting reader: the address alone. Sessions and cookies are
    free to make, so counting them would let one client file every report needed to hide a comment."""
    raw = f"{address(request)}|{settings.SECRET_KEY}"
    return hashlib.sha256(raw.encode()).hexdigest()


def allow(request, action):
    """Count one ``action`` attempt for this reader; False once either limit is spent."""
    limits = settings.COMMENTS_RATE_LIMITS  # (attempts, seconds) per address and per session
    ok = hit(f"{action}:ip", address(request), *limits["ip"])
    if request.session.session_key:
        ok = hit(f"{action}:session", request.session.session_key, *limits["session"]) and ok
    return ok
