"""Khabar's one HTTP client: wire feeds and pictures (:mod:`khabar.wire.fetch`) and machine translation
(:mod:`khabar.desk.engines`) both send their requests through :func:`request`.

Every request has one deadline covering connect, headers and body, however slowly a server trickles
bytes (a watchdog cuts the socket when it passes), a per-read timeout, and a size cap checked while the
body is read. A caller that must not reach the newsroom's own network passes ``resolve``: a function
that returns the one checked address for a host or raises RequestFailed (:func:`khabar.wire.addresses.checked_address`); the
connection then goes to that address, with TLS still verified against the host name, so a name cannot
resolve to a public address for the check and a private one for the connection. Without it (operator
configured endpoints such as a self-hosted LibreTranslate) the host is connected to by name.

The standard library's ``http.client`` is used rather than a pool because the connection must be opened
to a chosen address and the watchdog must be able to cut the socket while headers are still arriving.
"""

import http.client
import json
import socket
import ssl
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings


class RequestFailed(Exception):
    """No usable answer. ``kind`` says why: ``url``, ``address``, ``connect``, ``connect-timeout``,
    ``read-timeout``, ``deadline``, ``too-large`` or ``protocol``; the message is for logs and health."""

    def __init__(self, message: str, kind: str):
        super().__init__(message)
        self.kind = kind


REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Failures worth another attempt: the server may answer next time.
TRANSIENT = frozenset({"connect", "connect-timeout", "read-timeout", "protocol"})


def user_agent(role: str) -> str:
    """``Khabar-<role> (+https://the.site/)``: who is asking, and where to find them."""
    return f"Khabar-{role} (+{settings.KHABAR_BASE_URL.rstrip('/')}/)"


@dataclass
class Response:
    url: str
    status: int
    reason: str
    headers: dict
    body: bytes | None  # None when the caller chose not to read it (a redirect, a 304, an error)

    def header(self, name: str, default: str = "") -> str:
        lowered = name.lower()
        return next((value for key, value in self.headers.items() if key.lower() == lowered), default)

    def json(self):
        return json.loads(self.body or b"")

    @property
    def text(self) -> str:
        return (self.body or b"").decode("utf-8", "replace")


class Deadline:
    """One deadline for a whole exchange (all its attempts, redirects and reads)."""

    def __init__(self, seconds: float):
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

    def error(self) -> RequestFailed:
        return RequestFailed(f"timeout: the transfer took longer than {self.seconds} s", "deadline")

    def sleep(self, pause: float):
        """Wait ``pause`` seconds before another attempt, unless the deadline would pass first."""
        if pause >= self.remaining():
            raise self.error()
        time.sleep(pause)

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
        context = ssl.create_default_context()
        if address is None:
            return http.client.HTTPSConnection(host, port, timeout=timeout, context=context)
        return _PinnedTLSConnection(address, port, server_hostname=host, timeout=timeout, context=context)
    return http.client.HTTPConnection(address or host, port, timeout=timeout)


def _host_header(parts) -> str:
    host = parts.hostname.encode("idna").decode("ascii")
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{parts.port}" if parts.port else host


def _target(url, resolve):
    """(parts, scheme, host, port, address to connect to or None) of ``url``, or RequestFailed."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise RequestFailed(f"unusable URL {url!r}: {exc}", "url") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise RequestFailed(f"only http(s) URLs are fetched, not {url[:200]!r}", "url")
    port = port or (443 if scheme == "https" else 80)
    address = resolve(parts.hostname, port) if resolve is not None else None
    return parts, scheme, parts.hostname, port, address


def _read_body(response, max_bytes) -> bytes:
    declared = response.getheader("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise RequestFailed(f"response of {declared} bytes is over the {max_bytes} byte cap", "too-large")
    chunks, size = [], 0
    while chunk := response.read1(65536):
        size += len(chunk)
        if size > max_bytes:
            raise RequestFailed(f"response is over the {max_bytes} byte cap", "too-large")
        chunks.append(chunk)
    return b"".join(chunks)


def request(
    method: str,
    url: str,
    *,
    deadline: Deadline,
    connect_timeout: float,
    read_timeout: float,
    max_bytes: int,
    headers: dict | None = None,
    body: bytes | None = None,
    resolve=None,
    read_errors: bool = False,
) -> Response:
    """One request to one URL (no retries, no redirects followed): the answer, or RequestFailed.

    The body of a 304, a redirect or (unless ``read_errors``) a 4xx/5xx answer is not read.
    """
    parts, scheme, host, port, address = _target(url, resolve)
    connect_timeout = min(connect_timeout, deadline.remaining())
    connection = _connection(scheme, address, port, host, connect_timeout)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        with deadline.cutting(connection):
            try:
                connection.connect()
            except TimeoutError:
                raise RequestFailed(
                    f"ConnectTimeoutError: no connection within {connect_timeout} s", "connect-timeout"
                ) from None
            except OSError as exc:
                raise RequestFailed(f"NewConnectionError: {exc.strerror or exc}", "connect") from None
            deadline.sock = connection.sock
            connection.sock.settimeout(min(read_timeout, deadline.remaining()))
            try:
                connection.request(
                    method, path, body=body, headers={**(headers or {}), "Host": _host_header(parts)}
                )
                response = connection.getresponse()
                answer = Response(url, response.status, response.reason, dict(response.getheaders()), None)
                skipped = response.status == 304 or response.status in REDIRECT_STATUSES
                if skipped or (response.status >= 400 and not read_errors):
                    return answer
                answer.body = _read_body(response, max_bytes)
                if deadline.expired:  # the watchdog's shutdown reads as an early end of the body
                    raise deadline.error()
                return answer
            except TimeoutError:
                if deadline.expired:
                    raise deadline.error() from None
                raise RequestFailed(
                    f"ReadTimeoutError: no data for {read_timeout} s", "read-timeout"
                ) from None
            except (OSError, http.client.HTTPException) as exc:
                if deadline.expired:
                    raise deadline.error() from None
                raise RequestFailed(f"{type(exc).__name__}: {exc}", "protocol") from None
    finally:
        connection.close()
