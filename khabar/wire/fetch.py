"""HTTP for the poller: conditional GET, timeouts, retries with backoff, a size cap, a redirect limit.

urllib3 (already a dependency of the stack) gives connection pooling, retry with
exponential backoff and a redirect counter; on top of it the body is read with
``read1`` so that a server trickling bytes is cut off by an overall deadline, and
reading stops as soon as the size cap is passed.
"""

import base64
import time
from dataclasses import dataclass

import urllib3
from django.conf import settings
from urllib3.exceptions import HTTPError, MaxRetryError

_HTTP = urllib3.PoolManager(num_pools=20, maxsize=4, block=False)
USER_AGENT = "Khabar wire poller (+https://github.com/) urllib3"


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


def fetch(
    url: str, *, etag: str = "", last_modified: str = "", kind: str = "", credentials: str = ""
) -> Fetched:
    """GET ``url``; a 304 comes back as ``not_modified``; anything else wrong raises FetchError."""
    max_bytes = _setting("MAX_PAYLOAD_BYTES", 20 * 1024 * 1024)
    deadline = time.monotonic() + _setting("FETCH_DEADLINE", 60)
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity", **_auth_headers(kind, credentials)}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    retry = urllib3.Retry(
        total=_setting("FETCH_RETRIES", 2),
        redirect=_setting("MAX_REDIRECTS", 5),
        status_forcelist=(429, 500, 502, 503, 504),
        backoff_factor=_setting("FETCH_BACKOFF", 0.5),
        backoff_max=10,
        respect_retry_after_header=False,  # a hostile Retry-After must not stall the worker
        raise_on_redirect=True,
        raise_on_status=False,
    )
    timeout = urllib3.Timeout(connect=_setting("CONNECT_TIMEOUT", 5), read=_setting("READ_TIMEOUT", 20))
    try:
        response = _HTTP.request(
            "GET", url, headers=headers, retries=retry, timeout=timeout, preload_content=False, redirect=True
        )
    except MaxRetryError as exc:
        reason = exc.reason
        if reason is not None and "redirect" in str(reason).lower():
            raise FetchError(f"too many redirects (limit {retry.redirect}): {url}") from None
        raise FetchError(f"{type(reason or exc).__name__}: {reason or exc}") from None
    except (HTTPError, ValueError) as exc:
        raise FetchError(f"{type(exc).__name__}: {exc}") from None
    try:
        if response.status == 304:
            return Fetched(url, 304, b"", dict(response.headers))
        if response.status >= 400:
            raise FetchError(f"HTTP {response.status} {response.reason or ''}".strip())
        if 300 <= response.status < 400:
            raise FetchError(f"HTTP {response.status} redirect without a usable Location")
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(f"response of {declared} bytes is over the {max_bytes} byte cap")
        chunks, size = [], 0
        while True:
            if time.monotonic() > deadline:
                raise FetchError(f"timeout: the transfer took longer than {_setting('FETCH_DEADLINE', 60)} s")
            chunk = response.read1(65536)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"response is over the {max_bytes} byte cap")
            chunks.append(chunk)
        return Fetched(url, response.status, b"".join(chunks), dict(response.headers))
    except HTTPError as exc:
        raise FetchError(f"{type(exc).__name__}: {exc}") from None
    finally:
        response.release_conn()
