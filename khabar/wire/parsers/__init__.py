"""The parser registry: detect a payload's format by its content and parse it.

Each format lives in its own module with ``FORMAT``, ``looks_like(data, head)``
and ``parse(data)``; the registry tries them in order on the first few
kilobytes. Only ``WireFormatError`` subclasses ever leave ``parse``.
"""

from django.conf import settings

from . import ap_media, newsml_g2, ninjs, rss
from .base import ParsedItem, ParseResult, Rejection
from .errors import PayloadTooLargeError, UnknownFormatError, WireFormatError

__all__ = ["ParsedItem", "ParseResult", "Rejection", "WireFormatError", "detect", "parse", "PARSERS"]

# Order matters: an AP feed is JSON that would also pass ninjs' looser test.
PARSERS = {module.FORMAT: module for module in (ap_media, ninjs, newsml_g2, rss)}
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def max_bytes() -> int:
    """The one size cap on anything the wire desk reads: responses, dropped and ingested files."""
    return settings.KHABAR_WIRE_MAX_PAYLOAD_BYTES


def _head(data: bytes) -> str:
    """The first few kilobytes as text, good enough to sniff the root element."""
    chunk = data[:4096]
    if chunk[:2] in _BOMS[1:]:
        chunk = chunk.decode("utf-16", "ignore").encode()
    return chunk.decode("latin-1").lstrip("\ufeff\xef\xbb\xbf \t\r\n")


def detect(data: bytes):
    """The parser module for ``data``; UnknownFormatError when none fits."""
    head = _head(data)
    if not head:
        raise UnknownFormatError("empty payload")
    for module in PARSERS.values():
        if module.looks_like(data, head):
            return module
    raise UnknownFormatError("unrecognised format: not RSS/Atom, ninjs, NewsML-G2 or AP Media API JSON")


def parse(data: bytes, *, format: str | None = None, headers: dict | None = None) -> ParseResult:
    """Parse ``data`` with the parser for ``format`` or the one its content shows."""
    if not isinstance(data, bytes):
        raise UnknownFormatError("payload must be bytes")
    if len(data) > max_bytes():
        raise PayloadTooLargeError(f"payload of {len(data)} bytes is over the {max_bytes()} byte cap")
    module = PARSERS.get(format) if format else detect(data)
    if module is None:
        raise UnknownFormatError(f"unknown format {format!r}")
    if module is rss:
        return rss.parse(data, headers)
    return module.parse(data)
