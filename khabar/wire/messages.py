"""What a failed feed or payload means, in the editor's language, with the technical text kept apart.

Fetching and parsing record what went wrong as technical English (exception text: «HTTP 503»,
«missing required field uri»); that stays in the database and the application log for whoever
fixes it. The admin shows ``explain(message)``, an Arabic sentence for the desk, and the
technical text only behind a «التفاصيل التقنية» toggle (``explained``).
"""

import re

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# First match wins: the most specific causes come first.
_CAUSES = [
    (r"stored but not filed", gettext_lazy("Stored but not filed: another import of the same story ran at the same time. Parse it again.")),
    (r"^refused: .*(private|loopback|reserved)", gettext_lazy("The source's address is inside a private network; fetching from it is refused to protect the server.")),
    (r"entity declarations are refused|UnsafeXML", gettext_lazy("The file was refused: it declares XML entities, which can be an attack.")),
    (r"\bcap\b|too large|larger than", gettext_lazy("The file is larger than the allowed size.")),
    (r"too many redirects|redirect without", gettext_lazy("The source redirected too many times or to an unusable address.")),
    (r"timeout|timed out|took longer", gettext_lazy("The source did not answer in time.")),
    (r"HTTP 40[13]\b", gettext_lazy("The source refused the credentials (access denied). Check the source's login or key.")),
    (r"HTTP 404\b|HTTP 410\b", gettext_lazy("The address was not found on the source's server. Check the source's address.")),
    (r"HTTP 429\b", gettext_lazy("The source asked us to slow down (too many requests); the next poll waits longer.")),
    (r"HTTP 5\d\d\b", gettext_lazy("The source's server failed; polling will try again later.")),
    (r"HTTP \d{3}\b", gettext_lazy("The source's server answered with an error.")),
    (
        r"NewConnectionError|Connection ?refused|NameResolution|resolve|Name or service|Network is unreachable|"
        r"MaxRetryError|ProtocolError|SSLError|certificate",
        gettext_lazy("The source's server could not be reached."),
    ),
    (r"has no URL", gettext_lazy("The source has no address to poll.")),
    (r"No such file|Permission denied|drop folder|not a directory", gettext_lazy("The drop folder could not be read.")),
    (r"empty payload", gettext_lazy("The source sent an empty file.")),
    (r"unrecognised format|unknown format|payload must be bytes", gettext_lazy("The file's format is not one the wire desk reads.")),
    (r"not an RSS or Atom feed|unreadable feed", gettext_lazy("The file is not a readable news feed.")),
    (r"missing required field", gettext_lazy("A story in the file lacks a required field and was skipped.")),
    (r"expected |must be |is not a |invalid|not valid|malformed|cannot parse|could not parse", gettext_lazy("The file does not follow the agency format it claims; the story was skipped.")),
    (r"^Wire item .* was (canceled|withheld).*unpublished", gettext_lazy("The agency killed or withheld the story; the article made from it was unpublished.")),
    (r"^Wire item .* was (canceled|withheld)", gettext_lazy("The agency killed or withheld the story; the article made from it is flagged for review.")),
]  # fmt: skip
_PATTERNS = [(re.compile(pattern, re.IGNORECASE), text) for pattern, text in _CAUSES]


def explain(message: str) -> str:
    """An Arabic sentence for a technical wire error; empty for an empty message."""
    if not message:
        return ""
    for pattern, text in _PATTERNS:
        if pattern.search(message):
            return str(text)
    return _("Processing failed for a reason the wire desk does not recognise; see the technical details.")


def explained(message: str):
    """HTML: the Arabic explanation, then the technical text behind a toggle, marked as English."""
    if not message:
        return ""
    return format_html(
        '<span class="wire-explained">{}</span> <details class="wire-technical"><summary>{}</summary>'
        '<code lang="en" dir="ltr">{}</code></details>',
        explain(message),
        _("Technical details"),
        message,
    )


_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9.\-]*(?:\s+[A-Za-z][A-Za-z0-9.\-]*)*")


def mark_latin(text: str):
    """HTML: ``text`` with each run of Latin words marked as English («خلاصة <span lang=en>RSS</span>»)."""
    parts, last = [], 0
    for m in _LATIN_RUN.finditer(text):
        parts += [
            escape(text[last : m.start()]),
            format_html('<span lang="en" dir="ltr">{}</span>', m.group()),
        ]
        last = m.end()
    return mark_safe("".join([*parts, escape(text[last:])]))
