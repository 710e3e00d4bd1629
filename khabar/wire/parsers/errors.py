"""The only exceptions a parser may raise.

Every parser raises its own subclass of ``WireFormatError`` for anything it
cannot read, so callers catch one type and record the message on the source
and in the item log. Property-based tests hold the parsers to this.
"""


class WireFormatError(ValueError):
    """A payload (or one item inside it) could not be read."""


class UnknownFormatError(WireFormatError):
    """No parser recognises the payload."""


class UnsafeXMLError(WireFormatError):
    """The XML declares entities (XXE, entity-expansion bombs) and is refused unread."""


class RSSError(WireFormatError):
    pass


class NinjsError(WireFormatError):
    pass


class NewsMLError(WireFormatError):
    pass


class APMediaError(WireFormatError):
    pass


class UnsafeRSSError(RSSError, UnsafeXMLError):
    pass


class UnsafeNewsMLError(NewsMLError, UnsafeXMLError):
    pass


class PayloadTooLargeError(WireFormatError):
    """The payload is larger than the configured cap and is not parsed."""
