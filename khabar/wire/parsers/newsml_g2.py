"""IPTC NewsML-G2: a ``newsItem`` or a ``newsMessage`` of items, bodies in NITF or XHTML.

Elements are matched by local name so that both the G2 namespace and
un-namespaced copies that some agencies send are read; package and concept
items inside a message are skipped with a reason.
"""

from lxml import etree

from . import safexml
from .base import (
    ItemInvalid,
    ParsedItem,
    ParseResult,
    Rejection,
    clean_html,
    parse_datetime,
    parse_urgency,
    pubstatus,
    require,
    text,
    text_to_html,
    web_url,
)
from .errors import NewsMLError, UnsafeNewsMLError
from .pictures import g2_picture_items, g2_pictures

FORMAT = "newsml_g2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def looks_like(data: bytes, head: str) -> bool:
    return "newsItem" in head or "newsMessage" in head


def _local(element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _ns(element) -> str:
    tag = element.tag
    return tag[: tag.index("}") + 1] if isinstance(tag, str) and tag.startswith("{") else ""


def _child(element, *path):
    """The first child by local name, looked up in the parent's own namespace (lxml's C search)."""
    for name in path:
        if element is None:
            return None
        element = element.find(_ns(element) + name)
    return element


def _children(element, name):
    return element.findall(_ns(element) + name) if element is not None else []


def _text(element) -> str:
    return text("".join(element.itertext())) if element is not None else ""


def _attr(element, name) -> str:
    return text(element.get(name)) if element is not None else ""


def _name(element) -> str:
    """A G2 concept's <name> (first one), else its qcode/uri."""
    if element is None:
        return ""
    name = _child(element, "name")
    return _text(name) or text(element.get("qcode") or element.get("literal") or element.get("uri"))


def parse(data: bytes) -> ParseResult:
    root = safexml.parse(data, NewsMLError, UnsafeNewsMLError)
    kind = _local(root)
    if kind == "newsItem":
        elements = [root]
    elif kind == "newsMessage":
        elements = [
            e for e in root.iter() if _local(e) in ("newsItem", "packageItem", "conceptItem", "planningItem")
        ]
    else:
        raise NewsMLError(f"expected newsItem or newsMessage, found <{kind or root.tag}>")
    result = ParseResult(FORMAT)
    picture_items = g2_picture_items(elements)
    for index, element in enumerate(elements):
        label = text(element.get("guid")) or f"#{index + 1}"
        try:
            if _local(element) != "newsItem":
                raise ItemInvalid(f"{_local(element)} is not a news item")
            result.items.append(_item(element))
            result.items[-1].pictures = g2_pictures(element, picture_items)
        except ItemInvalid as exc:
            result.rejected.append(Rejection(label[:300], str(exc)))
    return result


def _inner_html(element) -> str:
    """Serialised children of a body element; nh3 later drops the xmlns attributes this leaves."""
    parts = [element.text or ""]
    parts.extend(etree.tostring(child, encoding="unicode", with_tail=True) for child in element)
    return " ".join("".join(parts).split())


def _body(item) -> tuple[str, str, str]:
    """(body HTML, NITF byline, NITF dateline) from the first inlineXML or inlineData."""
    content_set = _child(item, "contentSet")
    for inline in _children(content_set, "inlineXML"):
        for node in inline.iter("{*}body.content", "{*}body"):
            if _local(node) == "body.content":
                head = _child(node.getparent(), "body.head")
                return (
                    clean_html(_inner_html(node)),
                    _text(_child(head, "byline")),
                    _text(_child(head, "dateline")),
                )
            if _child(node, "body.content") is None:
                return clean_html(_inner_html(node)), "", ""
    for inline in _children(content_set, "inlineData"):
        return text_to_html(inline.text or ""), "", ""
    return "", "", ""


def _summary(content_meta) -> str:
    """``<description role="drol:summary">`` (or the only description) of the content."""
    descriptions = list(_children(content_meta, "description"))
    for description in descriptions:
        if _attr(description, "role").rsplit(":", 1)[-1].lower() == "summary":
            return _text(description)
    return _text(descriptions[0]) if len(descriptions) == 1 else ""


def _item(element) -> ParsedItem:
    guid = text(element.get("guid"))
    item_meta = _child(element, "itemMeta")
    content_meta = _child(element, "contentMeta")
    headline = _text(_child(content_meta, "headline"))
    require(guid=guid, headline=headline)
    version_created = parse_datetime(_text(_child(item_meta, "versionCreated")), "versionCreated")
    body_html, nitf_byline, nitf_dateline = _body(element)
    creators = [_name(c) for c in _children(content_meta, "creator")]
    byline = _text(_child(content_meta, "by")) or ", ".join(filter(None, creators)) or nitf_byline
    language = _child(content_meta, "language")
    rights = _child(element, "rightsInfo")
    link = next(filter(None, (web_url(e.get("href")) for e in _children(item_meta, "link"))), "")
    subjects = [
        {"code": text(s.get("qcode") or s.get("uri")), "name": _text(_child(s, "name"))}
        for s in _children(content_meta, "subject")
    ]
    return ParsedItem(
        uri=guid[:500],
        version=text(element.get("version"))[:64] or "1",
        headline=headline[:500],
        body_html=body_html,
        byline=byline[:255],
        dateline=(_text(_child(content_meta, "dateline")) or nitf_dateline)[:255],
        located=_name(_child(content_meta, "located"))[:255],
        language=(_attr(language, "tag") or text(element.get(XML_LANG)))[:16],
        provider=_name(_child(item_meta, "provider"))[:255],
        subjects=subjects,
        urgency=parse_urgency(_text(_child(content_meta, "urgency"))),
        pubstatus=pubstatus(_attr(_child(item_meta, "pubStatus"), "qcode")),
        embargoed=parse_datetime(_text(_child(item_meta, "embargoed")), "embargoed"),
        first_created=parse_datetime(_text(_child(item_meta, "firstCreated")), "firstCreated"),
        version_created=version_created,
        link=link,
        usage_terms=_text(_child(rights, "usageTerms")),
        summary=_summary(content_meta),
        copyright_holder=(
            _name(_child(rights, "copyrightHolder")) or _text(_child(rights, "copyrightNotice"))
        )[:255],
    )
