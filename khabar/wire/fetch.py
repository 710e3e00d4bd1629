"""HTTP for the poller: conditional GET, retries with backoff, redirects, a size cap, one deadline, and
no request to an address inside the newsroom's own network.

Feed URLs are typed by editors and ``next_page`` links come from the wire itself, so every hop is
checked: http(s) only, and the host's addresses (after DNS resolution) must all be public
(:mod:`khabar.wire.addresses`) unless the operator allow-listed the host. The connection then goes to
the address that was checked, so a name cannot resolve to a public address for the check and a
private one for the connection.

The standard library's ``http.client`` is used rather than urllib3's pool because the connection must
be opened to a chosen address (with the TLS name still checked against the host) and a watchdog must
be able to cut the socket while headers are still arriving: one deadline covers connect, headers and
body, however slowly a server trickles bytes.
"""

import base64
import http.client
import socket
import ssl
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings

from . import parsers
from .addresses import AddressRefused, checked_address

USER_AGENT = "Khabar wire poller"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
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


def _setting(name, default):
    return getattr(settings, f"KHABAR_WIRE_{name}", default)


def _auth_headers(kind: str, credentials: str) -> dict:
    if not credentials:
        return {}
    if kind == "ap_media":
        return {"x-api-key": credentials}
    if ":" in credentials:
        return {"Authorization": "Basic " + base64.b64encode(credentials.encode()).decode()}
    return {"Authorization": f"Bearer {credentials}"}


class _Deadline:
    def __init__(self, seconds):
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self.expired = False
        # The socket being read: http.client drops ``connection.sock`` once a response without a length
        # owns it (read until close), and a body trickled that way must still be cut.
        self.sock = None

    def remaining(self) -> float:
        left = self.at - time.monotonic()
        if left <= 0:
            self.expired = True
            raise self.error()
        return left

    def error(self):
        return FetchError(f"timeout: the transfer took longer than {self.seconds} s")

    @contextmanager
    def cutting(self, connection):
        """Shut the connection's socket down when the deadline passes, whatever it is waiting for."""

        def cut():
            self.expired = True
            sock = connection.sock or self.sock
            if sock is not None:
                try:
                    # socket.socket's own shutdown: an SSLSocket's would also drop its TLS state under
                    # the reading thread's feet.
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)
                except OSError:
                    pass

        timer = threading.Timer(self.remaining(), cut)
        timer.daemon = True
        timer.start()
        try:
            yield
        finally:
            timer.cancel()


class _PinnedTLSConnection(http.client.HTTPSConnection):
    """TLS to a given address, with the certificate checked against the host name (SNI too)."""

    def __init__(self, address, port, *, server_hostname, **kwargs):
        super().__init__(address, port, **kwargs)
        self._server_hostname = server_hostname

    def connect(self):
        http.client.HTTPConnection.connect(self)
        self.sock = self._context.wrap_socket(self.sock, server_hostname=self._server_hostname)


def _connection(scheme, address, port, host, timeout):
    if scheme == "https":
        return _PinnedTLSConnection(
            address, port, server_hostname=host, timeout=timeout, context=ssl.create_default_context()
        )
    return http.client.HTTPConnection(address, port, timeout=timeout)


def _host_header(parts) -> str:
    host = parts.hostname.encode("idna").decode("ascii")
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{parts.port}" if parts.port else host


def _target(url):
    """(parts, scheme, host, port, the checked address) of ``url``, or FetchError."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"unusable URL {url!r}: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"only http(s) URLs are fetched, not {url[:200]!r}")
    port = port or (443 if scheme == "https" else 80)
    try:
        address = checked_address(parts.hostname, port)
    except AddressRefused as refused:
        raise FetchError(str(refused)) from None
    return parts, scheme, parts.hostname, port, address


def _get_once(url, headers, deadline, max_bytes):
    """One request to one URL: (status, reason, headers, body or None for a redirect/304)."""
    parts, scheme, host, port, address = _target(url)
    connect_timeout = min(_setting("CONNECT_TIMEOUT", 5), deadline.remaining())
    connection = _connection(scheme, address, port, host, connect_timeout)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        with deadline.cutting(connection):
            try:
                connection.connect()
            except TimeoutError:
                raise FetchError(f"ConnectTimeoutError: no connection within {connect_timeout} s") from None
            except OSError as exc:
                raise FetchError(f"NewConnectionError: {exc.strerror or exc}") from None
            deadline.sock = connection.sock
            connection.sock.settimeout(min(_setting("READ_TIMEOUT", 20), deadline.remaining()))
            try:
                connection.request("GET", path, headers={**headers, "Host": _host_header(parts)})
                response = connection.getresponse()
                response_headers = dict(response.getheaders())
                if response.status == 304 or response.status in REDIRECT_STATUSES or response.status >= 400:
                    return response.status, response.reason, response_headers, None
                declared = response.getheader("Content-Length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise FetchError(f"response of {declared} bytes is over the {max_bytes} byte cap")
                chunks, size = [], 0
                while chunk := response.read1(65536):
                    size += len(chunk)
                    if size > max_bytes:
                        raise FetchError(f"response is over the {max_bytes} byte cap")
                    chunks.append(chunk)
                if deadline.expired:  # the watchdog's shutdown reads as an early end of the body
                    raise deadline.error()
                return response.status, response.reason, response_headers, b"".join(chunks)
            except TimeoutError:
                if deadline.expired:
                    raise deadline.error() from None
                raise FetchError(f"ReadTimeoutError: no data for {_setting('READ_TIMEOUT', 20)} s") from None
            except (OSError, http.client.HTTPException) as exc:
                if deadline.expired:
                    raise deadline.error() from None
                raise FetchError(f"{type(exc).__name__}: {exc}") from None
    finally:
        connection.close()


def fetch(
    url: str, *, etag: str = "", last_modified: str = "", kind: str = "", credentials: str = ""
) -> Fetched:
    """GET ``url``; a 304 comes back as ``not_modified``; anything else wrong raises FetchError."""
    max_bytes = parsers.max_bytes()
    deadline = _Deadline(_setting("FETCH_DEADLINE", 60))
    max_redirects = _setting("MAX_REDIRECTS", 5)
    retries = _setting("FETCH_RETRIES", 2)
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity", **_auth_headers(kind, credentials)}
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
    pause = min(_setting("FETCH_BACKOFF", 0.5) * 2 ** (attempt - 1), 10)
    if pause >= deadline.remaining():
        raise deadline.error()
    time.sleep(pause)
