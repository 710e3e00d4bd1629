"""Comment rate limits per reader address and per browser session (counters in ``khabar/ratelimit.py``)."""

import hashlib

from django.conf import settings

from khabar.ratelimit import address, hit, spent


def reporter_key(request):
    """A stable, non-reversible key for a reporting reader: the address alone. Sessions and cookies are
    free to make, so counting them would let one client file every report needed to hide a comment."""
    raw = f"{address(request)}|{settings.SECRET_KEY}"
    return hashlib.sha256(raw.encode()).hexdigest()


def allow(request, action):
    """Count one ``action`` attempt for this reader; False once either limit is spent."""
    ok = hit(f"{action}:ip", address(request), *settings.COMMENTS_RATE_LIMITS["ip"])
    return count_session(action, request.session.session_key) and ok


def address_spent(request, action):
    """Whether :func:`allow` is certain to refuse this reader's next ``action``: its address's limit is
    spent for the rest of the window. Counts nothing."""
    return spent(f"{action}:ip", address(request), *settings.COMMENTS_RATE_LIMITS["ip"])


def count_session(action, session_key):
    """Count one ``action`` attempt against a browser session, if there is one; False once its limit is spent.

    Called by :func:`allow`, and in front of Django's sessions (comments/early.py) with the key the session
    cookie names, for an attempt refused for its address: the address's counter is past its limit for the
    rest of the window whether or not that attempt adds to it, the session's is not."""
    return not session_key or hit(f"{action}:session", session_key, *settings.COMMENTS_RATE_LIMITS["session"])
