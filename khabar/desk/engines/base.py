"""What every engine shares: configuration, an HTTP session with timeouts and retries, errors."""

from dataclasses import dataclass

import requests
import urllib3
from django.utils.translation import gettext as _
from urllib3.util.retry import Retry

# Retries are urllib3's (exponential backoff, honours Retry-After), not a hand-written loop.
RETRY_STATUSES = (429, 500, 502, 503, 504)


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
        self._session = None

    def translate(self, text: str, glossary: list[GlossaryHint] = ()) -> str:
        """Arabic for the English ``text``; raises ``EngineError`` with a message for the desk."""
        raise NotImplementedError

    @property
    def session(self) -> requests.Session:
        if self._session is None:
            session = requests.Session()
            retry = Retry(
                total=self.retries,
                connect=self.retries,
                read=self.retries,
                status=self.retries,
                backoff_factor=0.3,
                status_forcelist=RETRY_STATUSES,
                allowed_methods=None,  # translation POSTs are idempotent
                raise_on_status=False,
                respect_retry_after_header=True,
                backoff_max=5,
            )
            adapter = requests.adapters.HTTPAdapter(max_retries=retry)
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            self._session = session
        return self._session

    def post_json(self, url: str, payload: dict, headers: dict | None = None) -> dict:
        """POST ``payload``; the decoded JSON answer, or ``EngineError`` saying what went wrong."""
        try:
            response = self.session.post(
                url, json=payload, headers=headers or {}, timeout=(min(self.timeout, 5), self.timeout)
            )
        except (requests.Timeout, requests.exceptions.RetryError) as exc:
            raise EngineError(
                str(exc), _("%(engine)s did not answer in time.") % {"engine": self.label}
            ) from None
        except requests.ConnectionError as exc:
            if _timed_out(exc):
                raise EngineError(
                    str(exc), _("%(engine)s did not answer in time.") % {"engine": self.label}
                ) from None
            raise EngineError(str(exc), _("%(engine)s cannot be reached.") % {"engine": self.label}) from None
        except requests.RequestException as exc:
            raise EngineError(str(exc), _("%(engine)s request failed.") % {"engine": self.label}) from None
        if response.status_code >= 400:
            raise self.http_error(response)
        try:
            return response.json()
        except ValueError:
            raise self.malformed("not JSON") from None

    def http_error(self, response) -> EngineError:
        status = response.status_code
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


def _timed_out(exc: requests.ConnectionError) -> bool:
    """urllib3 reports a read timeout that exhausted the retries as a connection error."""
    reason = getattr(exc.args[0] if exc.args else None, "reason", None)
    timeout = isinstance(reason, urllib3.exceptions.TimeoutError)
    # urllib3 files a refused connection under ConnectTimeoutError too.
    return timeout and not isinstance(reason, urllib3.exceptions.NewConnectionError)


def text_at(data, *path):
    """``data[path[0]][path[1]]…`` as a non-empty string, or None."""
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data if isinstance(data, str) and data.strip() else None
