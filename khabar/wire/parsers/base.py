"""What every parser returns: format-neutral items, per-item rejections, and helpers."""

import datetime as dt
import email.utils
import html
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import nh3

from khabar.wire.status import PubStatus

# What survives in a wire body: structure and emphasis, links without scripts.
ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "a", "ul", "ol", "li",
    "blockquote", "table", "thead", "tbody", "tr", "th", "td", "pre",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan"}, "th": {"colspan"}}


@dataclass
class ParsedItem:
    uri: str
    version: str
    headline: str
    body_html: str = ""
    byline: str = ""
    dateline: str = ""
    located: str = ""
    language: str = ""
    provider: str = ""
    subjects: list = field(default_factory=list)
    urgency: int | None = None
    pubstatus: str = PubStatus.USABLE
    embargoed: dt.datetime | None = None
    first_created: dt.datetime | None = None
    version_created: dt.datetime | None = None
    link: str = ""
    usage_terms: str = ""
    # Pictures that come with the story (``pictures.ParsedPicture.as_dict()``), read by ``parsers.pictures``.
    pictures: list = field(default_factory=list)
    summary: str = ""
    copyright_holder: str = ""


@dataclass
class Rejection:
    """One item inside a readable payload that could not be taken, and why."""

    item: str
    error: str


@dataclass
class ParseResult:
    format: str
    items: list[ParsedItem] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    next_page: str = ""


class ItemInvalid(Exception):
    """Raised inside a parser for one bad item; the parser turns it into a Rejection."""


def text(value) -> str:
    """A stripped string from whatever a JSON field holds (None, numbers, strings)."""
    if value is None or isinstance(value, (dict, list)):
        return ""
    return " ".join(str(value).split())


_ISO_Z = re.compile(r"z$", re.I)


def parse_datetime(value, field_name: str) -> dt.datetime | None:
    """An aware datetime from ISO 8601 or RFC 822 text; None when absent.

    A date that is present but unreadable rejects the item (ItemInvalid) rather
    than guessing: embargo and version order depend on it.
    """
    value = text(value)
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(_ISO_Z.sub("+00:00", value))
    except ValueError:
        try:
            parsed = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            raise ItemInvalid(f"invalid date in {field_name}: {value[:60]!r}") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    try:
        return parsed.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        raise ItemInvalid(f"invalid date in {field_name}: {value[:60]!r}") from None


def parse_urgency(value) -> int | None:
    try:
        urgency = int(text(value) or "x")
    except ValueError:
        return None
    return urgency if 0 <= urgency <= 9 else None


def pubstatus(value) -> PubStatus:
    """«usable», «canceled» or «withheld» from ninjs words or G2 qcodes (stat:canceled); anything else
    is usable."""
    word = text(value).lower().rsplit(":", 1)[-1]
    if word == "cancelled":
        word = PubStatus.CANCELED
    return PubStatus(word) if word in PubStatus.values else PubStatus.USABLE


def clean_html(markup: str) -> str:
    """Agency HTML reduced to what an article body may hold (nh3 is a Rust sanitiser, fast and strict)."""
    if not markup:
        return ""
    return nh3.clean(
        markup,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()


_PARAGRAPHS = re.compile(r"\n\s*\n")


def text_to_html(body: str) -> str:
    """Plain text with blank-line paragraphs as escaped <p> elements."""
    return "".join(
        f"<p>{html.escape(' '.join(chunk.split()))}</p>"
        for chunk in _PARAGRAPHS.split(body or "")
        if chunk.strip()
    )


def require(**values) -> None:
    for name, value in values.items():
        if not value:
            raise ItemInvalid(f"missing required field {name}")


def web_url(value, max_length: int = 500) -> str:
    """``value`` when it is an http(s) address a browser can open, else "".

    Every URL taken from wire content goes through here before it is stored: a ``javascript:``
    or ``data:`` link, a ``urn:`` identifier or a bare path never becomes a link.
    """
    url = text(value)
    if not url or any(ord(ch) < 33 or ch in '<>"\\' for ch in url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    return url if len(url) <= max_length else ""
