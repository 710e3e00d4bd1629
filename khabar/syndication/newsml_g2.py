"""IPTC NewsML-G2 2.35 (Power conformance): one story as a ``newsItem`` with its body in XHTML, and a page of
stories as a ``newsMessage`` whose ``itemSet`` holds the ``newsItem``s."""

import datetime as dt
from urllib.parse import urlsplit

from django.utils import timezone
from lxml import etree, html

from .formats import Format, register

NAR = "http://iptc.org/std/nar/2006-10-01/"
XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CATALOG = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"
CONTENT_TYPE = "application/vnd.iptc.g2.newsitem+xml; charset=utf-8"
LIST_CONTENT_TYPE = "application/vnd.iptc.g2.newsmessage+xml; charset=utf-8"


def _iso(when: dt.datetime) -> str:
    return when.isoformat(timespec="seconds")


def _line(text: str) -> str:
    """Names are g2normalizedString: no line breaks or tabs."""
    return " ".join(text.split())


def _el(parent, name, text=None, /, **attributes):
    element = etree.SubElement(parent, f"{{{NAR}}}{name}", {k: str(v) for k, v in attributes.items()})
    if text is not None:
        element.text = text
    return element


def _xhtml(body_html: str, headline: str):
    """The body as an XHTML document: the cleaned HTML re-read and written in the XHTML namespace."""
    root = etree.Element(f"{{{XHTML}}}html", nsmap={None: XHTML})
    head = etree.SubElement(root, f"{{{XHTML}}}head")
    etree.SubElement(head, f"{{{XHTML}}}title").text = headline
    body = etree.SubElement(root, f"{{{XHTML}}}body")
    if body_html:
        fragment = html.fragment_fromstring(body_html, create_parent="div")
        body.text = fragment.text
        for child in fragment:
            body.append(_in_xhtml(child))
    return root


def _in_xhtml(element):
    copy = etree.Element(
        f"{{{XHTML}}}{element.tag}", {k: v for k, v in element.attrib.items() if ":" not in k}
    )
    copy.text, copy.tail = element.text, element.tail
    for child in element:
        if isinstance(child.tag, str):
            copy.append(_in_xhtml(child))
    return copy


def news_item(story):
    item = etree.Element(
        f"{{{NAR}}}newsItem",
        {
            "guid": story.guid,
            "version": str(story.version),
            "standard": "NewsML-G2",
            "standardversion": "2.35",
            "conformance": "power",
            XML_LANG: "ar",
            "dir": "rtl",
        },
        nsmap={None: NAR},
    )
    _el(item, "catalogRef", href=CATALOG)
    rights = story.rights
    info = _el(item, "rightsInfo")
    _el(
        _el(info, "copyrightHolder", literal=_line(rights.copyright_holder)),
        "name",
        _line(rights.copyright_holder),
    )
    _el(info, "copyrightNotice", rights.copyright_notice)
    _el(info, "usageTerms", rights.usage_terms)

    meta = _el(item, "itemMeta")
    _el(meta, "itemClass", qcode="ninat:text")
    _el(_el(meta, "provider", literal=_line(story.publisher)), "name", _line(story.publisher))
    _el(meta, "versionCreated", _iso(story.version_created))
    _el(meta, "firstCreated", _iso(story.first_created))
    _el(meta, "pubStatus", qcode="stat:usable")
    _el(meta, "link", rel="irel:seeAlso", href=story.url, contenttype="text/html")
    if picture := story.picture:
        _el(
            meta,
            "link",
            rel="irel:associatedWith",
            href=picture.href,
            contenttype=picture.mime,
            title=picture.caption or picture.alt,
        )

    content = _el(item, "contentMeta")
    if story.breaking:
        _el(content, "urgency", "1")
    _el(content, "contentCreated", _iso(story.first_created))
    _el(content, "contentModified", _iso(story.version_created))
    if story.located:
        _el(_el(content, "located", literal=_line(story.located)), "name", _line(story.located))
    for person in story.authors:
        _el(_el(content, "creator", uri=person.url, role="crol:author"), "name", _line(person.name))
    _el(content, "language", tag="ar")
    if story.section:
        _el(
            _el(content, "subject", uri=story.section.url, type="cpnat:abstract"),
            "name",
            _line(story.section.name),
        )
    for topic in story.topics:
        _el(_el(content, "subject", uri=topic.url, type="cpnat:abstract"), "name", _line(topic.name))
    _el(content, "headline", story.headline)
    if story.dateline:
        _el(content, "dateline", story.dateline)
    _el(content, "by", story.byline)
    if picture and picture.credit:
        _el(content, "creditline", _line(picture.credit))
    if story.standfirst:
        _el(content, "description", story.standfirst, role="drol:summary")

    inline = _el(
        _el(item, "contentSet"), "inlineXML", contenttype="application/xhtml+xml", wordcount=story.words
    )
    inline.append(_xhtml(story.body_html, story.headline))
    return item


def _bytes(element) -> bytes:
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def item(story) -> bytes:
    return _bytes(news_item(story))


def listing(stories, next_url: str, has_more: bool) -> bytes:
    message = etree.Element(f"{{{NAR}}}newsMessage", nsmap={None: NAR})
    header = _el(message, "header")
    _el(header, "sent", _iso(timezone.now()))
    _el(header, "catalogRef", href=CATALOG)
    # The IPTC catalog does not know the "khabar:" properties below; the endpoint itself names their scheme.
    scheme_uri = urlsplit(next_url)._replace(query="", fragment="").geturl() + "#"
    _el(_el(header, "catalog"), "scheme", alias="khabar", uri=scheme_uri)
    # Where to poll next, and whether more is waiting now (a timestamp would not say it).
    _el(header, "headerExtProperty", rel="khabar:next", value=next_url)
    _el(header, "headerExtProperty", rel="khabar:hasMore", value="true" if has_more else "false")
    item_set = _el(message, "itemSet")
    for story in stories:
        item_set.append(news_item(story))
    return _bytes(message)


NEWSML_G2 = register(
    Format(
        name="newsml",
        content_type=CONTENT_TYPE,
        item=item,
        listing=listing,
        list_content_type=LIST_CONTENT_TYPE,
    )
)
