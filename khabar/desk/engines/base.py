"""What every engine shares: configuration, requests with a deadline, retries and a size cap, errors.

Requests go through Khabar's one HTTP client (:mod:`khabar.core.httpclient`). The endpoint is the
operator's own configuration, so it may be inside the newsroom's network (a self-hosted LibreTranslate):
no address check, but the same deadline and size cap as a wire fetch.
"""

import json
import time
from dataclasses import dataclass

from django.utils.translation import gettext as _

from khabar.core import httpclient

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# Statuses whose Retry-After is honoured (within the back-off's ceiling).
RETRY_AFTER_STATUSES = frozenset({413, 429, 503})
BACKOFF_FACTOR = 0.3
BACKOFF_MAX = 5
# A translation answer is a paragraph's worth of JSON; anything near this is not one.
MAX_ANSWER_BYTES = 4 * 1024 * 1024


class EngineError(Exception):
    """A translation could not be had; ``user_message`` is shown on the desk (admin language)."""

    def __init__(self, detail: str, user_message: str | None = None):
        super().__init__(detail)
        self.user_message = user_message or _("Machine translation failed.")


class EngineUnavailable(EngineError):
    """The engine is not usable at all (not installed, not configured)."""


@dataclass(frozen=True)
class GlossaryHint:
    source: str
    target: str
    keep_latin: bool = False


class Engine:
    name = ""
    label = ""
    default_url = ""

    def __init__(self, config: dict):
        self.config = config
        self.url = (config.get("URL") or self.default_url).rstrip("/")
        self.key = config.get("API_KEY") or ""
        self.timeout = float(config.get("TIMEOUT") or 15)
        self.retries = int(config.get("RETRIES") if config.get("RETRIES") not in (None, "") else 2)

    def translate(self, text: str, glossary: list[GlossaryHint] = ()) -> str:
        """Arabic for the English ``text``; raises ``EngineError`` with a message for the desk."""
        raise NotImplementedError

    def post_json(self, url: str, payload: dict, headers: dict | None = None) -> dict:
        """POST ``payload``; the decoded JSON answer, or ``EngineError`` saying what went wrong.

        Refused connections, timeouts and 429/5xx answers are tried again ``retries`` times with an
        exponential back-off (the first retry at once) that honours ``Retry-After``; each attempt has
        ``timeout`` seconds for connect, answer and body together.
        """
        body = json.dumps(payload).encode()
        headers = {
            "User-Agent": httpclient.user_agent("desk"),
            "Content-Type": "application/json",
            "Accept": "application/json",
            **(headers or {}),
        }
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                response = httpclient.request(
                    "POST",
                    url,
                    headers=headers,
                    body=body,
                    deadline=httpclient.Deadline(self.timeout),
                    connect_timeout=min(self.timeout, 5),
                    read_timeout=self.timeout,
                    max_bytes=MAX_ANSWER_BYTES,
                    read_errors=True,
                )
            except httpclient.RequestFailed as exc:
                if exc.kind in httpclient.TRANSIENT and not last:
                    self._back_off(attempt)
                    continue
                raise self.request_error(exc) from None
            if response.status in RETRY_STATUSES and not last:
                self._back_off(attempt, response)
                continue
            break
        if response.status >= 400:
            raise self.http_error(response)
        try:
            return response.json()
        except ValueError:
            raise self.malformed("not JSON") from None

    def _back_off(self, attempt, response=None):
        pause = 0 if attempt == 0 else min(BACKOFF_FACTOR * 2**attempt, BACKOFF_MAX)
        if response is not None and response.status in RETRY_AFTER_STATUSES:
            retry_after = response.header("Retry-After")
            if retry_after.isdigit():
                pause = min(int(retry_after), BACKOFF_MAX)
        time.sleep(pause)

    def request_error(self, exc: httpclient.RequestFailed) -> EngineError:
        if exc.kind in ("connect-timeout", "read-timeout", "deadline"):
            return EngineError(str(exc), _("%(engine)s did not answer in time.") % {"engine": self.label})
        if exc.kind == "too-large":
            return self.malformed(str(exc))
        if exc.kind in ("connect", "address"):
            return EngineError(str(exc), _("%(engine)s cannot be reached.") % {"engine": self.label})
        return EngineError(str(exc), _("%(engine)s request failed.") % {"engine": self.label})

    def http_error(self, response) -> EngineError:
        status = response.status
        detail = f"HTTP {status}: {response.text[:300]}"
        if status in (401, 403):
            message = _("%(engine)s refused the API key.")
        elif status in (429, 456):
            message = _("%(engine)s quota or rate limit reached; try again later.")
        elif status >= 500:
            message = _("%(engine)s is failing (server error %(status)d).")
        else:
            message = _("%(engine)s rejected the request (error %(status)d).")
        return EngineError(detail, message % {"engine": self.label, "status": status})

    def malformed(self, detail: str) -> EngineError:
        return EngineError(
            f"malformed answer: {detail}",
            _("%(engine)s returned an unreadable answer.") % {"engine": self.label},
        )

    def require(self, *keys: str):
        missing = [key for key in keys if not self.config.get(key)]
        if missing:
            raise EngineUnavailable(
                f"missing {', '.join(missing)}",
                _("%(engine)s is not configured (missing %(settings)s).")
                % {"engine": self.label, "settings": ", ".join(f"KHABAR_MT_{k}" for k in missing)},
            )


def text_at(data, *path):
    """``data[path[0]][path[1]]…`` as a non-empty string, or None."""
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data if isinstance(data, str) and data.strip() else None
