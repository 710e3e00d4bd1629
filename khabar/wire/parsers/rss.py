"""RSS 2.0, RSS 1.0 and Atom through feedparser, always fed bytes (never a URL).

feedparser decodes with the declared encoding, the HTTP headers when given, and
chardet (installed) when neither is right, so undeclared windows-1256 Arabic
feeds read correctly. It is lenient with broken markup by design; a document it
cannot find any feed in is an error, a malformed one that still yields entries is
read. Entity declarations are refused before feedparser sees the bytes.
"""

import calendar
import datetime as dt
import hashlib

import feedparser

from khabar.core.markup import plain_text

from .base import (
    ItemInvalid,
    ParsedItem,
    ParseResult,
    Rejection,
    clean_html,
    require,
    text,
    text_to_html,
    web_url,
)
from .errors import RSSError, UnsafeRSSError
from .pictures import rss_pictures, story_contents
from .safexml import declares_entities

FORMAT = "rss"


def looks_like(data: bytes, head: str) -> bool:
    return "<rss" in head or "<feed" in head or "<rdf:RDF" in head or "<channel" in head


def _when(entry, key):
    value = entry.get(f"{key}_parsed")
    if not value:
        return None
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(value), tz=dt.UTC)
    except (OverflowError, ValueError, OSError):
        return None


def parse(data: bytes, headers: dict | None = None) -> ParseResult:
    if declares_entities(data):
        raise UnsafeRSSError("XML entity declarations are refused (possible XXE or entity-expansion bomb)")
    try:
        feed = feedparser.parse(
            data, response_headers=headers or {}, sanitize_html=False, resolve_relative_uris=False
        )
    except Exception as exc:  # feedparser's internals (sgmllib, sax) raise many types
        raise RSSError(f"unreadable feed: {type(exc).__name__}: {exc}") from None
    if not feed.get("version") and not feed.entries:
        reason = feed.get("bozo_exception")
        raise RSSError(f"not an RSS or Atom feed{f': {reason}' if reason else ''}")
    channel = feed.get("feed", {})
    base = text(channel.get("link"))
    result = ParseResult(FORMAT)
    for index, entry in enumerate(feed.entries):
        label = text(entry.get("id") or entry.get("link")) or f"#{index + 1}"
        try:
            result.items.append(_item(entry, channel, base))
        except ItemInvalid as exc:
            result.rejected.append(Rejection(label[:300], str(exc)))
    return result


def _summary(entry, contents) -> str:
    """The entry's description when the story itself came in ``content:encoded``/``content``."""
    if not contents:
        return ""
    summary = plain_text(entry.get("summary") or "")
    return summary if summary and summary != plain_text(contents[0].get("value", "")) else ""


def _item(entry, channel, base) -> ParsedItem:
    guid = text(entry.get("id")) or text(entry.get("link"))
    headline = plain_text(entry.get("title") or "")
    require(guid=guid, title=headline)
    if "://" not in guid and not guid.startswith("urn:"):
        guid = f"{base or 'feed'}#{guid}"
    contents, media_caption = story_contents(entry)
    body = contents[0].get("value", "") if contents else entry.get("summary", "")
    is_html = (
        contents[0].get("type") if contents else entry.get("summary_detail", {}).get("type")
    ) != "text/plain"
    body_html = clean_html(body) if is_html else text_to_html(body)
    if body_html and not body_html.startswith("<"):
        body_html = f"<p>{body_html}</p>"
    published = _when(entry, "published")
    updated = _when(entry, "updated") or published
    # Feeds carry no version number: a changed story shows as changed content.
    digest = hashlib.sha1(f"{headline}\x00{body_html}".encode(), usedforsecurity=False).hexdigest()[:16]
    return ParsedItem(
        uri=guid[:500],
        version=digest,
        headline=headline[:500],
        body_html=body_html,
        byline=text(entry.get("author"))[:255],
        language=text(channel.get("language"))[:16],
        provider=text(channel.get("title"))[:255],
        subjects=[
            {"code": "", "name": text(t.get("term"))} for t in entry.get("tags") or [] if text(t.get("term"))
        ],
        first_created=published,
        version_created=updated,
        link=web_url(entry.get("link")),
        usage_terms=text(channel.get("rights")),
        pictures=rss_pictures(entry, media_caption),
        summary=_summary(entry, contents),
        copyright_holder=text(entry.get("rights") or channel.get("rights"))[:255],
    )
