"""The address a request came from, behind the reverse proxies the site trusts.

``PROXY_HOPS`` (from the environment) is how many proxies of ours stand in front of ``khabar serve``.
0, the default, means the peer is the reader: ``REMOTE_ADDR``. With nginx in front
(``proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for``) it is 1, and the reader is the
last address in ``X-Forwarded-For``, the one nginx appended; addresses further left were written by
the client and prove nothing. Comment rate limits and the admin's login lockout (django-axes) both
key on this address: behind a proxy, ``REMOTE_ADDR`` is the proxy's, the same for every reader.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    hops = getattr(settings, "PROXY_HOPS", 0)
    if hops > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= hops:
            try:
                return str(ipaddress.ip_address(forwarded[-hops]))
            except ValueError:
                pass  # not an address: fall back to the peer
    return request.META.get("REMOTE_ADDR", "")
