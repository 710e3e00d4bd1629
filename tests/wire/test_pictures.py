"""Wire pictures: read from ninjs, NewsML-G2 and RSS with credit and usage terms, kept on the item,
fetched through the poller's fetch (from a local agency server) into the image library."""

import json
from pathlib import Path

import pytest

from khabar.wire import parsers
from khabar.wire.ingest import ingest_bytes
from khabar.wire.models import WireItem
from khabar.wire.pictures import PictureError, fetch_picture, request_pictures
from tests.picture_server import picture_bytes, serving

FIXTURES = Path(__file__).parent / "fixtures"

G2_MESSAGE = b"""<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">
 <header><sent>2026-11-30T10:00:00Z</sent></header>
 <itemSet>
  <newsItem guid="urn:example:text:1" version="1" standard="NewsML-G2" standardversion="2.35">
   <itemMeta><itemClass qcode="ninat:text"/><versionCreated>2026-11-30T09:00:00Z</versionCreated>
    <link rel="irel:seeAlso" residref="urn:example:pic:1"/>
    <link rel="irel:seeAlso" href="https://photos.example.com/chart.png" contenttype="image/png" title="A chart"/>
    <link rel="irel:seeAlso" href="javascript:alert(1)" contenttype="image/png"/>
   </itemMeta>
   <contentMeta><headline>Floods hit the coast</headline></contentMeta>
   <contentSet><inlineData>Rain fell for three days.</inlineData></contentSet>
  </newsItem>
  <newsItem guid="urn:example:pic:1" version="1" standard="NewsML-G2" standardversion="2.35">
   <itemMeta><itemClass qcode="ninat:picture"/><versionCreated>2026-11-30T09:00:00Z</versionCreated></itemMeta>
   <rightsInfo><copyrightHolder><name>Example Photo Agency</name></copyrightHolder>
    <usageTerms>Editorial use only. No archiving.</usageTerms></rightsInfo>
   <contentMeta><headline>Flooded street</headline>
    <creditline>Jane Doe / Example</creditline>
    <description role="drol:caption">Residents wade through a flooded street on Monday.</description></contentMeta>
   <contentSet>
    <remoteContent href="https://photos.example.com/flood-thumb.jpg" contenttype="image/jpeg" width="200" height="133"/>
    <remoteContent href="https://photos.example.com/flood.jpg" contenttype="image/jpeg" width="2000" height="1333"/>
   </contentSet>
  </newsItem>
 </itemSet>
</newsMessage>"""

RSS_MEDIA = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Agency</title>
<item><title>Markets rally</title><link>https://news.example.com/a</link><guid>urn:rss:1</guid>
<description>Stocks rose.</description>
<enclosure url="https://img.example.com/enc.jpg" length="1234" type="image/jpeg"/>
<enclosure url="https://img.example.com/audio.mp3" length="1234" type="audio/mpeg"/>
<media:content url="https://img.example.com/trader.jpg" medium="image" type="image/jpeg" width="1200" height="800">
 <media:credit role="photographer">John Roe/Agency</media:credit>
 <media:license>Editorial use only</media:license>
</media:content>
<media:content url="file:///etc/passwd" medium="image" type="image/jpeg"/>
</item></channel></rss>"""


def only_item(data):
    result = parsers.parse(data)
    return result.items


def test_ninjs_1_association_picture_with_credit_and_best_rendition():
    (item,) = only_item((FIXTURES / "iptc_ninjs-1.4_ninjsExComplex1.json").read_bytes())
    (picture,) = item.pictures
    assert picture["href"] == "http://hosted.ap.org/photos/2/2643c588-dc8d-4923-bebd-e3b904edbb3a-big.jpg"
    assert (picture["width"], picture["height"], picture["mime_type"]) == (429, 281, "image/jpeg")
    assert picture["credit"] == "Paulo Santalucia"
    assert picture["caption"].startswith("The Costa Concordia cruise ship lies on its side")


def test_ninjs_3_associations_list_with_usage_terms():
    doc = json.loads((FIXTURES / "iptc_ninjs-3.1_003_associations_example.json").read_bytes())
    doc["associations"][1].update(
        byline="Jane Doe",
        copyrightHolder="Example Agency",
        usageTerms="Editorial use only",
        renditions=[
            {"name": "thumbnail", "href": "https://img.example.com/t.jpg", "width": 100},
            {
                "name": "highres",
                "href": "https://img.example.com/h.jpg",
                "width": 3000,
                "contentType": "image/jpeg",
            },
        ],
    )
    doc["associations"].append({"name": "video", "type": "video", "uri": "https://v.example.com/1.mp4"})
    (item,) = only_item(json.dumps(doc).encode())
    logo, photo = item.pictures  # the graphic is kept, the video is not
    assert logo["href"].endswith("dell_blue_rgb.jpg")
    assert photo["href"] == "https://img.example.com/h.jpg"
    assert (photo["credit"], photo["usage_terms"], photo["width"]) == (
        "Jane Doe / Example Agency",
        "Editorial use only",
        3000,
    )


def test_newsml_g2_text_item_gets_its_linked_picture_item_and_image_links():
    items = {item.uri: item for item in only_item(G2_MESSAGE)}
    text = items["urn:example:text:1"]
    linked, chart = text.pictures  # javascript: is dropped
    assert linked["href"] == "https://photos.example.com/flood.jpg"  # the widest rendition
    assert linked["caption"] == "Residents wade through a flooded street on Monday."
    assert linked["credit"] == "Jane Doe / Example"
    assert linked["usage_terms"] == "Editorial use only. No archiving."
    assert (linked["width"], linked["height"]) == (2000, 1333)
    assert (chart["href"], chart["caption"], chart["mime_type"]) == (
        "https://photos.example.com/chart.png",
        "A chart",
        "image/png",
    )
    # The picture item itself carries its own picture.
    assert items["urn:example:pic:1"].pictures == [linked]


def test_rss_media_description_is_the_caption_not_the_story():
    # feedparser reads media:description as the entry's content: it must not replace the story.
    feed = RSS_MEDIA.replace(
        b"<media:license>", b"<media:description>Traders on the floor.</media:description><media:license>"
    )
    (item,) = only_item(feed)
    assert item.body_html == "<p>Stocks rose.</p>"
    assert item.pictures[0]["caption"] == "Traders on the floor."


def test_rss_media_content_and_image_enclosures_only_over_http():
    (item,) = only_item(RSS_MEDIA)
    hrefs = [p["href"] for p in item.pictures]
    assert hrefs == ["https://img.example.com/trader.jpg", "https://img.example.com/enc.jpg"]
    media = item.pictures[0]
    assert (media["credit"], media["usage_terms"], media["width"]) == (
        "John Roe/Agency",
        "Editorial use only",
        1200,
    )


@pytest.mark.django_db
def test_ingest_keeps_the_pictures_on_the_item_and_updates_them():
    ingest_bytes(G2_MESSAGE)
    item = WireItem.objects.get(uri="urn:example:text:1")
    assert [p["href"] for p in item.pictures] == [
        "https://photos.example.com/flood.jpg",
        "https://photos.example.com/chart.png",
    ]
    newer = G2_MESSAGE.replace(
        b'guid="urn:example:text:1" version="1"', b'guid="urn:example:text:1" version="2"'
    )
    newer = newer.replace(b'<link rel="irel:seeAlso" residref="urn:example:pic:1"/>', b"")
    ingest_bytes(newer)
    item.refresh_from_db()
    assert item.version == "2" and [p["href"] for p in item.pictures] == [
        "https://photos.example.com/chart.png"
    ]


@pytest.fixture
def agency_server(settings):
    """The fake agency picture server, allow-listed: (base URL, {path: (status, body)}, paths asked)."""
    settings.KHABAR_WIRE_ALLOWED_HOSTS = ["127.0.0.1"]
    settings.KHABAR_WIRE_FETCH_RETRIES = 0
    routes = {}
    with serving(routes) as (base, asked):
        yield base, routes, asked


def item_with(base, *paths):
    return WireItem.objects.create(
        uri="urn:example:pictured",
        version="1",
        headline="Floods hit the coast",
        pictures=[
            {"href": f"{base}{path}", "caption": "Flooded street", "credit": "Jane Doe"} for path in paths
        ],
    )


@pytest.mark.django_db
def test_fetch_picture_stores_it_once_in_the_library(agency_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    base, routes, asked = agency_server
    routes["/flood.jpg"] = (200, picture_bytes())
    item = item_with(base, "/flood.jpg")
    image = fetch_picture(item, 0)
    assert (image.width, image.height, image.title) == (640, 400, "Flooded street")
    assert image.file.name.endswith(".jpg")
    item.refresh_from_db()
    assert item.pictures[0]["image_id"] == image.pk
    assert fetch_picture(item, 0).pk == image.pk and asked == ["/flood.jpg"]  # not fetched twice


@pytest.mark.django_db
@pytest.mark.parametrize(
    "route",
    [(404, b"gone"), (200, b"<html>not a picture</html>"), (200, b"\xff\xd8\xff\xe0 truncated jpeg")],
)
def test_unusable_pictures_give_an_arabic_reason(agency_server, settings, tmp_path, route):
    settings.MEDIA_ROOT = tmp_path
    base, routes, _asked = agency_server
    routes["/bad.jpg"] = route
    with pytest.raises(PictureError) as error:
        fetch_picture(item_with(base, "/bad.jpg"), 0)
    assert any("\u0600" <= ch <= "\u06ff" for ch in str(error.value))


@pytest.mark.django_db
def test_pictures_over_the_size_cap_are_refused(agency_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.KHABAR_WIRE_MAX_PAYLOAD_BYTES = 1000
    base, routes, _asked = agency_server
    routes["/huge.png"] = (200, picture_bytes("PNG", (2000, 2000)) + b"\0" * 2000)
    with pytest.raises(PictureError):
        fetch_picture(item_with(base, "/huge.png"), 0)


@pytest.mark.django_db
def test_the_desk_asks_for_pictures_once_and_failures_are_noted(agency_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    base, routes, asked = agency_server
    routes["/good.jpg"] = (200, picture_bytes())
    item = item_with(base, "/good.jpg", "/gone.jpg")
    assert request_pictures(item) is False  # fetched at once by the tests' immediate task backend
    item.refresh_from_db()
    good, gone = item.pictures
    assert good["image_id"] and "fetch_failed" not in good
    assert gone["fetch_failed"] and "image_id" not in gone
    assert request_pictures(item) is False and sorted(asked) == ["/gone.jpg", "/good.jpg"]
