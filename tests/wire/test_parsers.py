"""Parsers on the IPTC examples, Khabar's own Arabic fixtures and every hostile case."""

import datetime as dt
import json
import threading
import tracemalloc
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khabar.wire import parsers
from khabar.wire.parsers import ap_media, newsml_g2, ninjs, rss
from khabar.wire.parsers.errors import (
    APMediaError,
    NewsMLError,
    NinjsError,
    PayloadTooLargeError,
    RSSError,
    UnknownFormatError,
    UnsafeXMLError,
    WireFormatError,
)

FIXTURES = Path(__file__).parent / "fixtures"


def parse(name):
    return parsers.parse((FIXTURES / name).read_bytes())


@pytest.mark.parametrize(
    "name, format, uri, headline",
    [
        ("iptc_ninjs-1.4_ninjsExComplex1.json", "ninjs", "http://ninjs.example.com/newsitems/20130709cplx123",
         "Captain of wrecked cruise ship on trial in Italy"),
        ("iptc_ninjs-2.1_ninjsExSimpleText_2.json", "ninjs", "http://ninjs.example.com/newsitems/20130709simp123",
         "Captain of wrecked cruise ship on trial in Italy"),
        ("iptc_ninjs-3.1_005_complex_text_article.json", "ninjs", "http://ninjs.example.com/newsitems/20130709med123",
         "Captain of wrecked cruise ship on trial in Italy"),
        ("iptc_newsml-g2_LISTING_2_Text_Document_NITF.xml", "newsml_g2",
         "urn:newsml:acmenews.com:20161121:US-FINANCE-FED", 'Fed to halt QE to avert "bubble"'),
        ("iptc_newsml-g2-2.35_LISTING_1_News_Item.xml", "newsml_g2",
         "urn:newsml:acmenews.com:20161018:US-FINANCE-FED", 'Fed to halt QE to avert "bubble"'),
        ("iptc_newsml-g2-2.35_LISTING_27_XHTML_inlineXML.xml", "newsml_g2",
         "urn:newsml:acmenews.com:20161019:201003230594296001", "Acme Widgets announces annual results"),
    ],
)  # fmt: skip
def test_iptc_examples(name, format, uri, headline):
    result = parse(name)
    assert result.format == format
    assert [i.uri for i in result.items] == [uri]
    assert result.items[0].headline == headline
    assert result.rejected == []


def test_ninjs_1_fields():
    item = parse("iptc_ninjs-1.4_ninjsExComplex1.json").items[0]
    assert item.byline == "Paulo Santalucia and Frances d'Emilio"
    assert item.located == "Grossetto, Italy"
    assert item.language == "en"
    assert item.version_created == dt.datetime(2013, 7, 9, 10, 37, tzinfo=dt.UTC)
    assert item.body_html.startswith("<p>GROSSETO, Italy (AP)")


def test_ninjs_3_prefers_the_html_body_and_reads_camel_case():
    item = parse("iptc_ninjs-3.1_005_complex_text_article.json").items[0]
    assert item.body_html.count("<p>") == 4
    assert item.version_created.year == 2013


def test_newsml_nitf_body_and_metadata():
    item = parse("iptc_newsml-g2_LISTING_2_Text_Document_NITF.xml").items[0]
    assert item.version == "11"
    assert item.body_html.startswith("<p>(New York, NY - October 21)")
    assert item.byline == "Meredith Jameson"
    assert item.located == "New York, NY"
    assert item.language == "en-US"
    assert {"code": "medtop:20000350", "name": "central bank"} in item.subjects


def test_newsml_embargo_and_usage_terms():
    item = parse("iptc_newsml-g2-2.35_LISTING_1_News_Item.xml").items[0]
    assert item.embargoed == dt.datetime(2018, 10, 23, 12, 0, tzinfo=dt.UTC)
    assert item.usage_terms == "Not for use outside the United States"
    assert item.first_created == dt.datetime(2016, 10, 18, 18, 12, 21, tzinfo=dt.UTC)


def test_arabic_newsml_nitf_item():
    item = parse("ar_newsml_item_nitf.xml").items[0]
    assert item.headline == "الأردن يرفع سعر الفائدة"
    assert item.language == "ar"
    assert item.dateline == "عمّان"
    assert item.byline == "سارة المنصوري"
    assert item.provider == "وكالة الاختبار"
    assert item.urgency == 4
    assert item.usage_terms == "يسمح بالترجمة والنشر مع ذكر المصدر"
    assert item.body_html.startswith("<p>أعلن البنك المركزي الأردني")


def test_newsml_message_reads_items_and_rejects_the_rest_with_reasons():
    result = parse("ar_newsml_message.xml")
    assert [i.uri for i in result.items] == ["urn:khabar:g2:ar-200", "urn:khabar:g2:ar-201"]
    xhtml = result.items[0]
    assert "<h2>عاجل</h2>" in xhtml.body_html
    assert "onclick" not in xhtml.body_html and "<title>" not in xhtml.body_html
    assert result.items[1].pubstatus == "withheld"
    assert [(r.item, r.error) for r in result.rejected] == [
        ("urn:khabar:g2:ar-202", "missing required field headline"),
        ("urn:khabar:g2:pkg-1", "packageItem is not a news item"),
    ]


def test_ninjs_list_with_bad_items():
    result = parse("ar_ninjs2_list.json")
    assert [i.uri for i in result.items] == ["urn:khabar:test:ar-001", "urn:khabar:test:ar-002"]
    first = result.items[0]
    assert "<script>" not in first.body_html and "alert" not in first.body_html
    assert first.provider == "وكالة الأنباء التجريبية"
    assert first.subjects == [{"code": "http://cv.iptc.org/newscodes/mediatopic/11000000", "name": "سياسة"}]
    assert result.rejected[0].error == "missing required field headline"
    assert result.rejected[1].item == "urn:khabar:test:ar-004"
    assert "invalid date in versioncreated" in result.rejected[1].error


def test_ninjs_kill_and_embargo():
    assert parse("ar_ninjs3_canceled.json").items[0].pubstatus == "canceled"
    embargoed = parse("ninjs1_embargoed.json").items[0]
    assert embargoed.embargoed == dt.datetime(2099, 1, 1, tzinfo=dt.UTC)
    assert embargoed.body_html == (
        "<p>The central bank will announce its decision on Thursday.</p><p>Economists expect a cut.</p>"
    )


@pytest.mark.parametrize("name", ["ar_rss_windows1256.xml", "ar_rss_windows1256_undeclared.xml"])
def test_windows_1256_rss(name):
    result = parse(name)
    assert result.format == "rss"
    assert [i.headline for i in result.items] == [
        "وزير الخارجية يصل إلى القاهرة في زيارة رسمية",
        "ارتفاع أسعار النفط في الأسواق العالمية",
    ]
    first, second = result.items
    assert first.uri == "https://ar.example.net/news/1"
    assert first.version_created == dt.datetime(2026, 11, 21, 6, 30, tzinfo=dt.UTC)
    assert first.subjects == [{"code": "", "name": "سياسة"}]
    assert second.uri == "https://ar.example.net/#news-2"  # a bare guid is scoped to its feed
    assert second.version_created is None  # feedparser could not read "not a date"
    assert [r.error for r in result.rejected] == ["missing required field guid"]


def test_rss_version_follows_content():
    one = parse("ar_rss_windows1256.xml").items[0]
    changed = rss.parse((FIXTURES / "ar_rss_windows1256.xml").read_bytes().replace(b"2026", b"2027"))
    assert changed.items[0].version == one.version  # dates alone do not make a new version
    edited = rss.parse(
        "تعديل".encode("cp1256").join(
            (FIXTURES / "ar_rss_windows1256.xml").read_bytes().split(b"\xc7\xe1\xed\xe6\xe3", 1)
        )
    )
    assert edited.items[0].version != one.version


def test_atom_feed_sanitised():
    item = parse("ar_atom.xml").items[0]
    assert item.uri == "urn:uuid:atom-ar-1"
    assert item.byline == "قسم البيئة"
    assert "onerror" not in item.body_html and "<img" not in item.body_html
    assert item.link == "https://ar.example.net/atom/1"


def test_rss_content_encoded():
    items = parse("rss2_content_encoded.xml").items
    assert len(items) == 3
    assert items[1].body_html == "<p>This is <i>italics</i>.</p>"
    assert items[0].link == "http://www.example.com/blog/2005/05/15/114"


def test_ap_media_feed():
    result = parse("ap_media_feed.json")
    assert result.format == "ap_media"
    assert result.next_page == "https://api.ap.org/media/v/content/feed?qt=abc&seq=1234"
    item = result.items[0]
    assert item.version == "0"
    assert item.byline == "By JANE DOE"
    assert item.dateline == "MOSCOW"
    assert item.usage_terms == "This content is intended for editorial use only."
    assert item.body_html.startswith("<p>Egypt's foreign minister arrived")
    assert result.rejected[0].error == "missing required field headline"


def test_html_entities_inside_xml_are_read():
    item = parse("newsml_html_entities.xml").items[0]
    assert item.headline == "Prices rise — again"  # nbsp folded by whitespace collapsing
    assert item.body_html == "<p>Café owners say “enough” &amp; more</p>"


@pytest.mark.parametrize(
    "name, error, message",
    [
        ("broken_empty.xml", UnknownFormatError, "empty payload"),
        ("broken_not_a_feed.txt", UnknownFormatError, "unrecognised format"),
        ("broken_json_scalar.json", UnknownFormatError, "unrecognised format"),
        ("broken_malformed.xml", NewsMLError, "malformed XML"),
        ("broken_truncated_newsml.xml", NewsMLError, "malformed XML"),
        ("broken_truncated.json", NinjsError, "malformed JSON"),
        ("broken_wrong_encoding.xml", NewsMLError, "encoding"),
    ],
)
def test_broken_payloads_give_clear_errors(name, error, message):
    with pytest.raises(error, match=message):
        parse(name)


@pytest.fixture
def tripwire():
    """A local HTTP server that records any request: an XXE must never reach it."""
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'<!ENTITY x "pwned">')

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], hits
    server.shutdown()


@pytest.mark.parametrize("kind", ["newsml", "rss"])
@pytest.mark.parametrize("target", ["file:///etc/passwd", "network"])
def test_external_entities_are_refused_unread(tripwire, kind, target, tmp_path):
    port, hits = tripwire
    url = f"http://127.0.0.1:{port}/steal" if target == "network" else target
    root = (
        '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x" version="1">'
        "<contentMeta><headline>&e;</headline></contentMeta></newsItem>"
        if kind == "newsml"
        else '<rss version="2.0"><channel><title>t</title><item><guid>urn:x</guid><title>&e;</title></item></channel></rss>'
    )
    data = f'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "{url}">]>\n{root}'.encode()
    with pytest.raises(UnsafeXMLError, match="entity declarations are refused"):
        parsers.parse(data)
    assert hits == []


@pytest.mark.parametrize("name", ["hostile_billion_laughs.xml", "hostile_billion_laughs_rss.xml",
                                  "hostile_xxe_file.xml", "hostile_xxe_network.xml", "hostile_xxe_parameter.xml"])  # fmt: skip
def test_entity_attacks_refused_without_memory_blowup(name):
    tracemalloc.start()
    with pytest.raises(UnsafeXMLError):
        parse(name)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 5 * 1024 * 1024


def test_even_without_the_declaration_check_lxml_does_not_expand(monkeypatch):
    """Defence in depth: the hardened lxml parser itself never resolves an entity."""
    from khabar.wire.parsers import safexml

    monkeypatch.setattr(safexml, "declares_entities", lambda data: False)
    xxe = newsml_g2.parse((FIXTURES / "hostile_xxe_file.xml").read_bytes())
    assert xxe.items[0].headline == "&secret;"  # left as a reference, /etc/passwd unread
    tracemalloc.start()
    with pytest.raises(NewsMLError):
        newsml_g2.parse((FIXTURES / "hostile_billion_laughs.xml").read_bytes())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 5 * 1024 * 1024


def test_utf16_entity_declaration_is_refused():
    data = (
        (FIXTURES / "hostile_xxe_file.xml")
        .read_text()
        .replace('version="1.0"?>', 'version="1.0" encoding="UTF-16"?>')
    )
    with pytest.raises(UnsafeXMLError):
        parsers.parse(data.encode("utf-16"))


def test_oversized_payload_refused(settings):
    settings.KHABAR_WIRE_MAX_PAYLOAD_BYTES = 1000
    with pytest.raises(PayloadTooLargeError, match="over the 1000 byte cap"):
        parsers.parse(b"[" + b" " * 2000 + b"]")


# Property-based: nothing but each parser's own error type ever escapes.

_json_leaf = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30)
)
_json = st.recursive(_json_leaf, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5), max_leaves=20)  # fmt: skip
_ninjs_keys = st.sampled_from(
    ["uri", "version", "headline", "headlines", "bodies", "body_html", "body_text", "versioncreated",
     "versionCreated", "embargoed", "pubstatus", "pubStatus", "urgency", "subjects", "subject", "by", "byline",
     "infosources", "usageterms", "language", "firstcreated", "items", "located"]
)  # fmt: skip
_ninjs_like = st.dictionaries(_ninjs_keys, _json, max_size=10)
HYP = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@HYP
@given(st.binary(max_size=400))
def test_registry_raises_only_wire_errors_on_bytes(data):
    try:
        parsers.parse(data)
    except WireFormatError:
        pass


@HYP
@given(st.one_of(_ninjs_like, st.lists(_ninjs_like, max_size=3), _json))
def test_ninjs_raises_only_ninjs_error(document):
    try:
        ninjs.parse(json.dumps(document).encode())
    except NinjsError:
        pass


@HYP
@given(st.one_of(_json, st.fixed_dictionaries({"data": st.fixed_dictionaries(
    {"items": st.lists(st.one_of(_json, st.fixed_dictionaries({"item": _ninjs_like})), max_size=3),
     "next_page": _json})})))  # fmt: skip
def test_ap_media_raises_only_its_error(document):
    try:
        ap_media.parse(json.dumps(document).encode())
    except APMediaError:
        pass


_xml_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
_g2_fragment = st.sampled_from(
    ["<headline>{}</headline>", "<versionCreated>{}</versionCreated>", "<embargoed>{}</embargoed>",
     "<pubStatus qcode='{}'/>", "<urgency>{}</urgency>", "<language tag='{}'/>", "<located><name>{}</name></located>",
     "<inlineXML><nitf><body><body.content>{}</body.content></body></nitf></inlineXML>", "<inlineData>{}</inlineData>",
     "&{};", "<![CDATA[{}]]>", "<!DOCTYPE x [{}]>", "<!ENTITY {}>"]
)  # fmt: skip


@HYP
@given(
    st.lists(st.tuples(_g2_fragment, _xml_text), max_size=8),
    st.sampled_from(["newsItem", "newsMessage", "x"]),
)
def test_newsml_raises_only_newsml_error(fragments, root):
    body = "".join(fragment.format(value) for fragment, value in fragments)
    for data in (
        f'<{root} xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g" version="1"><itemMeta>{body}</itemMeta>'
        f"<contentMeta>{body}</contentMeta><contentSet>{body}</contentSet></{root}>",
        body,
    ):
        try:
            newsml_g2.parse(data.encode("utf-8", "surrogatepass"))
        except NewsMLError:
            pass


_rss_fragment = st.sampled_from(
    ["<title>{}</title>", "<guid>{}</guid>", "<pubDate>{}</pubDate>", "<description>{}</description>",
     "<link>{}</link>", "<category>{}</category>", "&{};", "<![CDATA[{}]]>", "<item>{}</item>", "</item>"]
)  # fmt: skip


@HYP
@given(
    st.lists(st.tuples(_rss_fragment, _xml_text), max_size=8),
    st.sampled_from(["utf-8", "windows-1256", "bogus"]),
)
def test_rss_raises_only_rss_error(fragments, encoding):
    body = "".join(fragment.format(value) for fragment, value in fragments)
    data = f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel><item>{body}</item></channel></rss>'
    try:
        rss.parse(data.encode("utf-8", "surrogatepass"))
    except RSSError:
        pass


@pytest.mark.parametrize(
    "url, kept",
    [
        ("https://apnews.com/article/1", True),
        ("http://example.com/a?b=c", True),
        ("  https://example.com/padded  ", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox(1)", False),
        ("urn:newsml:acmenews.com:20161018:US-FINANCE-FED", False),
        ("/relative/path", False),
        ("//evil.example/x", False),
        ("https://", False),
        ('https://example.com/"onmouseover="x', False),
        ("https://example.com/" + "a" * 600, False),
    ],
)
def test_web_url_keeps_only_http_addresses(url, kept):
    from khabar.wire.parsers.base import web_url

    assert web_url(url) == (url.strip() if kept else "")


def test_ap_media_nitf_href_goes_through_the_http_check():
    # Regression (issue 13): AP Media copied renditions.nitf.href into the item's link unchecked, so a
    # javascript: link ran in the desk editor and «ترجمة» on the item answered 500.
    def feed(href):
        item = {"uri": "urn:ap:1", "headline": "Talks", "version": 0, "headline_extended": "Officials met.",
                "renditions": {"nitf": {"href": href}}}  # fmt: skip
        return json.dumps({"api_version": "2", "data": {"items": [{"item": item}]}}).encode()

    assert ap_media.parse(feed("javascript:alert(document.cookie)")).items[0].link == ""
    assert ap_media.parse(feed("https://api.ap.org/media/v/content/1.0/download")).items[0].link == (
        "https://api.ap.org/media/v/content/1.0/download"
    )


def test_a_ninjs_uri_is_an_identifier_and_links_come_from_links():
    base = {"uri": "http://ninjs.example.com/newsitems/1", "headline": "Talks"}
    assert ninjs.parse(json.dumps(base).encode()).items[0].link == ""
    linked = {
        **base,
        "links": [{"rel": "canonical", "href": "javascript:x"}, {"href": "https://a.example/1"}],
    }
    assert ninjs.parse(json.dumps(linked).encode()).items[0].link == "https://a.example/1"
    assert parse("iptc_ninjs-2.1_ninjsExSimpleText_2.json").items[0].link == ""
