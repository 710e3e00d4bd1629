"""HTTP for the poller: conditional GET, retries with backoff, redirects, a size cap, one deadline, and
no request to an address inside the newsroom's own network.

Feed URLs are typed by editors and ``next_page`` links come from the wire itself, so every hop is
checked: http(s) only, and the host's addresses (after DNS resolution) must all be public
(:mod:`khabar.wire.addresses`) unless the operator allow-listed the host. The transport (the connection
to the checked address, the deadline over connect, headers and body, the size cap while reading) is
Khabar's one HTTP client, :mod:`khabar.core.httpclient`.
"""

import base64
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings

from khabar.core import httpclient

from . import parsers
from .addresses import AddressRefused, checked_address

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = httpclient.REDIRECT_STATUSES
_AUTH_HEADERS = ("x-api-key", "Authorization")


class FetchError(Exception):
    """The source could not be fetched; the message says why, for the source's health."""


@dataclass
class Fetched:
    url: str
    status: int
    data: bytes
    headers: dict

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def _auth_headers(kind: str, credentials: str) -> dict:
    if not credentials:
        return {}
    if kind == "ap_media":
        return {"x-api-key": credentials}
    if ":" in credentials:
        return {"Authorization": "Basic " + base64.b64encode(credentials.encode()).decode()}
    return {"Authorization": f"Bearer {credentials}"}


def _checked(host: str, port: int) -> str:
    try:
        return checked_address(host, port)
    except AddressRefused as refused:
        raise httpclient.RequestFailed(str(refused), "address") from None


def _get_once(url, headers, deadline, max_bytes):
    """One request to one URL: (status, reason, headers, body or None for a redirect/304/error)."""
    try:
        answer = httpclient.request(
            "GET",
            url,
            headers=headers,
            deadline=deadline,
            connect_timeout=settings.KHABAR_WIRE_CONNECT_TIMEOUT,
            read_timeout=settings.KHABAR_WIRE_READ_TIMEOUT,
            max_bytes=max_bytes,
            resolve=_checked,
        )
    except httpclient.RequestFailed as exc:
        raise FetchError(str(exc)) from None
    return answer.status, answer.reason, answer.headers, answer.body


def fetch(
    url: str, *, etag: str = "", last_modified: str = "", kind: str = "", credentials: str = ""
) -> Fetched:
    """GET ``url``; a 304 comes back as ``not_modified``; anything else wrong raises FetchError."""
    max_bytes = parsers.max_bytes()
    deadline = httpclient.Deadline(settings.KHABAR_WIRE_FETCH_DEADLINE)
    max_redirects = settings.KHABAR_WIRE_MAX_REDIRECTS
    retries = settings.KHABAR_WIRE_FETCH_RETRIES
    headers = {
        "User-Agent": httpclient.user_agent("wire"),
        "Accept-Encoding": "identity",
        **_auth_headers(kind, credentials),
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current, redirects, attempt = url, 0, 0
    while True:
        try:
            status, reason, response_headers, body = _get_once(current, headers, deadline, max_bytes)
        except FetchError as exc:
            retryable = str(exc).startswith(("NewConnectionError", "ReadTimeoutError", "RemoteDisconnected"))
            if not retryable or attempt >= retries:
                raise
            attempt += 1
            _back_off(attempt, deadline)
            continue
        if status in RETRY_STATUSES and attempt < retries:
            attempt += 1
            _back_off(attempt, deadline)
            continue
        if status in REDIRECT_STATUSES:
            location = response_headers.get("Location") or response_headers.get("location")
            if not location:
                raise FetchError(f"HTTP {status} redirect without a usable Location")
            redirects += 1
            if redirects > max_redirects:
                raise FetchError(f"too many redirects (limit {max_redirects}): {url}")
            following = urljoin(current, location)
            if urlsplit(following).hostname != urlsplit(current).hostname:
                headers = {k: v for k, v in headers.items() if k not in _AUTH_HEADERS}
            current = following
            continue
        if status == 304:
            return Fetched(url, 304, b"", response_headers)
        if status >= 400:
            raise FetchError(f"HTTP {status} {reason or ''}".strip())
        return Fetched(url, status, body, response_headers)


def _back_off(attempt, deadline):
    try:
        deadline.sleep(min(settings.KHABAR_WIRE_FETCH_BACKOFF * 2 ** (attempt - 1), 10))
    except httpclient.RequestFailed as exc:
        raise FetchError(str(exc)) from None
