"""One line of an import file: parsed, checked, and turned into a :class:`Story`.

No Django here: a bad line becomes a :class:`BadLine` whose message says which
field is wrong, so the command can report it with its line number and go on.
"""

import datetime as dt
import json
from dataclasses import dataclass, field
from urllib.parse import urlsplit

REQUIRED = ("id", "headline", "author", "dateline", "agency", "source_url", "published_at", "body")
BLOCK_TYPES = ("paragraph", "subheading")
# Column limits of the page and article tables.
MAX_HEADLINE = 255
MAX_CITY = 80
MAX_SOURCE_URL = 500
MAX_NAME = 120
MAX_TOPIC = 100


class BadLine(ValueError):
    """A line that cannot be imported; the message names the offending field."""


@dataclass
class Story:
    headline: str
    author: str
    dateline: str
    agency: str
    source_url: str
    published_at: dt.datetime
    body: list[tuple[str, str]]
    section: str = ""
    topics: list[str] = field(default_factory=list)
    ref: str = ""


def _text(record, key, *, limit=None, required=True):
    value = record.get(key)
    if not isinstance(value, str):
        raise BadLine(f"'{key}' must be a string")
    value = " ".join(value.split())
    if required and not value:
        raise BadLine(f"'{key}' is empty")
    if limit and len(value) > limit:
        raise BadLine(f"'{key}' is longer than {limit} characters")
    return value


def _published_at(value, default_tz):
    if not isinstance(value, str):
        raise BadLine("'published_at' must be an ISO 8601 date-time string")
    try:
        when = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise BadLine(f"'published_at' is not an ISO 8601 date-time: {value[:40]!r}") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=default_tz)
    return when


def _source_url(record):
    url = _text(record, "source_url", limit=MAX_SOURCE_URL)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BadLine(f"'source_url' is not an http(s) address: {url[:60]!r}")
    return url


def _body(value):
    if not isinstance(value, list):
        raise BadLine("'body' must be a list of blocks")
    blocks = []
    for n, block in enumerate(value, 1):
        if not isinstance(block, dict):
            raise BadLine(f"body block {n} is not an object")
        kind, text = block.get("type"), block.get("text")
        if kind not in BLOCK_TYPES:
            raise BadLine(f"body block {n} has type {kind!r}, expected one of {', '.join(BLOCK_TYPES)}")
        if not isinstance(text, str):
            raise BadLine(f"body block {n} has no text string")
        if text.strip():
            blocks.append((kind, text.strip()))
    return blocks


def _topics(value):
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(topic, str) for topic in value):
        raise BadLine("'topics' must be a list of strings")
    topics = []
    for topic in value:
        topic = " ".join(topic.split())
        if len(topic) > MAX_TOPIC:
            raise BadLine(f"topic longer than {MAX_TOPIC} characters")
        if topic and topic not in topics:
            topics.append(topic)
    return topics


def parse_line(line: str, default_tz=dt.UTC) -> Story:
    """The story on one line of a JSON-lines import file; unknown keys are ignored."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise BadLine(f"invalid JSON ({error.msg}, column {error.colno})") from None
    if not isinstance(record, dict):
        raise BadLine("not a JSON object")
    if missing := [key for key in REQUIRED if key not in record]:
        raise BadLine(f"missing field(s): {', '.join(missing)}")
    if not isinstance(record["id"], (int, str)) or isinstance(record["id"], bool):
        raise BadLine("'id' must be a number or a string")
    section = record.get("section")
    if section is not None and not isinstance(section, str):
        raise BadLine("'section' must be a string")
    return Story(
        ref=str(record["id"]),
        headline=_text(record, "headline", limit=MAX_HEADLINE),
        # An empty author is a story no person signed: the house byline.
        author=_text(record, "author", limit=MAX_NAME, required=False),
        dateline=_text(record, "dateline", limit=MAX_CITY, required=False),
        agency=_text(record, "agency", limit=40, required=False),
        source_url=_source_url(record),
        published_at=_published_at(record["published_at"], default_tz),
        body=_body(record["body"]),
        section=" ".join((section or "").split())[:255],
        topics=_topics(record.get("topics")),
    )
