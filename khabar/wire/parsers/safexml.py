"""Hardened XML reading shared by the XML parsers.

lxml is configured never to resolve entities, load a DTD, touch the network or
build huge trees; on top of that, a document that declares any entity is refused
before it is parsed at all, so neither XXE (``<!ENTITY x SYSTEM "file:…">``) nor
an expansion bomb is ever read. Named HTML entities (``&nbsp;``) that agencies
put into XML are turned into character references first, since they are not
declared anywhere and a strict parser would otherwise reject a harmless story.
"""

import html.entities
import re

from lxml import etree

PARSER_OPTIONS = dict(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)
_NAMED = re.compile(rb"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_ENTITIES = {b"amp", b"lt", b"gt", b"quot", b"apos"}


def declares_entities(data: bytes) -> bool:
    """True when the document has an internal DTD with an entity declaration (in UTF-8/ASCII or UTF-16)."""
    head = data
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            head = data.decode("utf-16").encode("utf-8", "replace")
        except UnicodeDecodeError:
            return False
    match = _DOCTYPE.search(head)
    return bool(match and _ENTITY_DECL.search(head, match.start()))


def _numeric_entity(match: re.Match) -> bytes:
    name = match.group(1)
    if name in _XML_ENTITIES:
        return match.group(0)
    codepoint = html.entities.name2codepoint.get(name.decode("ascii"))
    return b"&#%d;" % codepoint if codepoint else match.group(0)


def parse(data: bytes, error: type[Exception], unsafe_error: type[Exception]) -> etree._Element:
    """The root element of ``data``, or ``error``/``unsafe_error`` with a readable message."""
    if declares_entities(data):
        raise unsafe_error("XML entity declarations are refused (possible XXE or entity-expansion bomb)")
    if b"&" in data:
        data = _NAMED.sub(_numeric_entity, data)
    parser = etree.XMLParser(**PARSER_OPTIONS)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise error(f"malformed XML: {exc}") from None
    except (ValueError, LookupError, MemoryError) as exc:
        raise error(f"unreadable XML: {exc}") from None
    if root is None:
        raise error("empty XML document")
    return root
