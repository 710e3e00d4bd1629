"""Which addresses the wire poller may connect to: public ones, or hosts the operator allow-listed.

A feed URL pointing at the newsroom's own network (loopback, private ranges, link-local such as the
cloud metadata address, reserved or multicast ranges, IPv4 written inside IPv6) would let anyone who
can add a source read internal services through the wire desk, so such addresses are refused after
DNS resolution. ``KHABAR_WIRE_ALLOWED_HOSTS`` lists host names, addresses or networks (CIDR) that
are fetched anyway, e.g. an agency gateway inside the newsroom's network.
"""

import ipaddress
import socket

from django.conf import settings


class AddressRefused(Exception):
    pass


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (the one place the poller asks DNS)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6:
        for embedded in (ip.ipv4_mapped, ip.sixtofour, ip.teredo and ip.teredo[1]):
            if embedded is not None and not is_public(str(embedded)):
                return False
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_link_local)


def _allowed_rules():
    names, networks = set(), []
    for entry in settings.KHABAR_WIRE_ALLOWED_HOSTS:
        entry = entry.strip().lower()
        try:
            networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
        except ValueError:
            if entry:
                names.add(entry.rstrip("."))
    return names, networks


def _allowed(host: str, address: str, names, networks) -> bool:
    if host.lower().rstrip(".") in names:
        return True
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    return any(ip.version == network.version and ip in network for network in networks)


def checked_address(host: str, port: int) -> str:
    """The address to connect to for ``host``: every address it resolves to must be allowed."""
    try:
        addresses = resolve(host.strip("[]"), port)
    except (OSError, UnicodeError) as exc:
        raise AddressRefused(f"cannot resolve {host}: {exc}") from None
    if not addresses:
        raise AddressRefused(f"cannot resolve {host}")
    names, networks = _allowed_rules()
    for address in addresses:
        if not is_public(address) and not _allowed(host, address, names, networks):
            raise AddressRefused(
                f"refused: {host} resolves to {address}, an address inside a private, loopback, "
                "link-local or reserved network (KHABAR_WIRE_ALLOWED_HOSTS can allow it)"
            )
    return addresses[0]
