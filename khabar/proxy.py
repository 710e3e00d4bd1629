"""The address a request came from, behind the reverse proxies the site trusts.

``TRUSTED_PROXIES`` (from the environment) lists the addresses or networks of our own proxies (nginx,
a load balancer). ``X-Forwarded-For`` is read only when the peer (``REMOTE_ADDR``) is one of them;
the reader is then the right-most address in the header that is not a trusted proxy, since each
proxy appends the address it saw and everything further left was written by the client. With no
trusted proxies, the default, the peer is the reader. Comment rate limits and the admin's login
lockout (django-axes) both key on this address: behind a proxy, ``REMOTE_ADDR`` is the proxy's, the
same for every reader, while a client reaching the port directly must not choose its own address.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(entries: tuple) -> tuple:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry.strip())


def _address(text: str):
    try:
        ip = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    return ip.ipv4_mapped or ip if ip.version == 6 else ip


def _trusted(ip, networks) -> bool:
    return any(ip.version == network.version and ip in network for network in networks)


def client_ip(request) -> str:
    peer = request.META.get("REMOTE_ADDR", "")
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    ip = _address(peer)
    if ip is None or not networks or not _trusted(ip, networks):
        return peer
    for part in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        hop = _address(part)
        if hop is None:
            break  # not an address: nothing left of it can be believed
        if not _trusted(hop, networks):
            return str(hop)
        ip = hop
    return str(ip)  # every hop was one of ours: the left-most proxy is as close to the reader as we know
