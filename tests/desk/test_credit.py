"""Credit from the wire's own metadata: the agency a story names in its provider, copyright holder or
dateline, for every format the wire reads, mapped to the seeded Agency records."""

import json
from pathlib import Path

import pytest

from khabar.desk.handoff import credited_agency
from khabar.newsroom.models import Agency
from khabar.wire import parsers
from khabar.wire.models import WireItem

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent.parent / "wire" / "fixtures"
BODY = "<p>{dateline}Officials met on Tuesday.</p><p>More followed.</p>"


def agency_of(data: bytes, source_agency=None) -> str | None:
    parsed = parsers.parse(data).items[0]
    item = WireItem(
        uri=parsed.uri,
        agency=source_agency,
        provider=parsed.provider,
        copyright_holder=parsed.copyright_holder,
        dateline=parsed.dateline,
        body_html=parsed.body_html,
    )
    found = credited_agency(item)
    return found.name if found else None


def ninjs1(**fields):
    return json.dumps({"uri": "urn:t:1", "headline": "Talks", "type": "text", "version": "1",
                       "body_html": BODY.format(dateline=fields.pop("dateline", "")), **fields}).encode()  # fmt: skip


def ninjs2(**fields):
    return json.dumps({"uri": "urn:t:2", "headlines": [{"role": "main", "value": "Talks"}], "version": "1",
                       "bodies": [{"role": "main", "contenttype": "text/html",
                                   "value": BODY.format(dateline=fields.pop("dateline", ""))}], **fields}).encode()  # fmt: skip


def ninjs3(**fields):
    return json.dumps({"uri": "urn:t:3", "headlines": [{"role": "main", "value": "Talks"}], "version": "1",
                       "bodies": [{"role": "main", "contentType": "text/html",
                                   "value": BODY.format(dateline=fields.pop("dateline", ""))}], **fields}).encode()  # fmt: skip


def newsml(provider="", holder="", dateline=""):
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:t:1" version="1" standard="NewsML-G2" standardversion="2.35">
  <catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"/>
  <rightsInfo>{f"<copyrightHolder><name>{holder}</name></copyrightHolder>" if holder else ""}</rightsInfo>
  <itemMeta><itemClass qcode="ninat:text"/>{provider}<versionCreated>2026-11-30T10:00:00Z</versionCreated>
    <pubStatus qcode="stat:usable"/></itemMeta>
  <contentMeta><headline>Talks</headline></contentMeta>
  <contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body>
    {BODY.format(dateline=dateline)}</body></html></inlineXML></contentSet>
</newsItem>""".encode()


def rss(title="Wire", rights="", dateline=""):
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>{title}</title>
<link>https://feeds.example.com/</link>{f"<copyright>{rights}</copyright>" if rights else ""}
<item><title>Talks</title><link>https://feeds.example.com/1</link><guid>https://feeds.example.com/1</guid>
<description>{BODY.format(dateline=dateline).replace("<", "&lt;")}</description></item></channel></rss>""".encode()


def ap_media(**item):
    entry = {"uri": "https://api.ap.org/media/v/content/1", "headline": "Talks", "version": 0,
             "headline_extended": "Officials met.", **item}  # fmt: skip
    return json.dumps({"api_version": "2", "data": {"items": [{"item": entry}]}}).encode()


@pytest.mark.parametrize(
    "data, agency",
    [
        # ninjs 1.x: provider, copyright holder, copyright notice, dateline
        (ninjs1(provider="AP"), "Associated Press"),
        (ninjs1(copyrightholder="Thomson Reuters"), "Reuters"),
        (ninjs1(copyrightnotice="Copyright 2026 Agence France-Presse. All rights reserved."), "Agence France-Presse"),
        (ninjs1(dateline="MOSCOW (AP) — "), "Associated Press"),
        # ninjs 2.x: infosource, copyright holder, dateline with a date (Reuters style)
        (ninjs2(infosources=[{"name": "Xinhua News Agency"}]), "Xinhua"),
        (ninjs2(copyrightholder="dpa"), "Deutsche Presse-Agentur"),
        (ninjs2(dateline="LONDON, Nov 29 (Reuters) - "), "Reuters"),
        # ninjs 3.x: camelCase names, provider object, copyright notice, dateline
        (ninjs3(copyrightHolder="Agencia EFE"), "EFE"),
        (ninjs3(copyrightNotice="© 2026 Kyodo News"), "Kyodo News"),
        (ninjs3(dateline="ANKARA (Anadolu) — "), "Anadolu Agency"),
        # NewsML-G2: provider qcode or name, copyright holder, dateline
        (newsml(provider='<provider qcode="nprov:REUTERS"/>'), "Reuters"),
        (newsml(provider='<provider><name>ANSA</name></provider>'), "ANSA"),
        (newsml(holder="The Associated Press"), "Associated Press"),
        (newsml(dateline="PARIS (AFP) — "), "Agence France-Presse"),
        # RSS: the channel's title, its copyright, the dateline in the story
        (rss(title="Reuters World News"), "Reuters"),
        (rss(rights="Copyright 2026 Xinhua"), "Xinhua"),
        (rss(dateline="MADRID (EFE) — "), "EFE"),
        # AP Media: AP's own feed, whoever the item says
        (ap_media(), "Associated Press"),
        (ap_media(located="MOSCOW"), "Associated Press"),
    ],
)  # fmt: skip
def test_the_agency_comes_from_each_place_a_format_writes_it(data, agency):
    assert agency_of(data) == agency


def test_the_official_iptc_examples_credit_their_agency():
    # ninjs 1.4 and 3.1 examples open «GROSSETO, Italy (AP) —»; the G2 example's provider is nprov:REUTERS.
    for name, agency in [
        ("iptc_ninjs-1.4_ninjsExComplex1.json", "Associated Press"),
        ("iptc_ninjs-3.1_005_complex_text_article.json", "Associated Press"),
        ("iptc_newsml-g2-2.35_LISTING_1_News_Item.xml", "Reuters"),
        ("ap_media_feed.json", "Associated Press"),
    ]:
        assert agency_of((FIXTURES / name).read_bytes()) == agency, name


def test_the_dateline_outranks_the_provider_and_unknown_names_credit_no_one():
    assert agency_of(ninjs1(provider="Reuters", dateline="MOSCOW (AP) — ")) == "Associated Press"
    assert agency_of(ninjs1(copyrightnotice="Copyright 2013 The News Agency, www.tna.org")) is None
    assert agency_of(ninjs1(provider="Chapman Press")) is None  # «AP» is not any word with A and P in it
    assert agency_of(rss(title="Apache Daily")) is None


def test_the_source_agency_is_the_fallback():
    local = Agency.objects.create(name="وكالة محلية", credit="و.م")
    assert agency_of(ninjs1(), source_agency=local) == "وكالة محلية"
    assert agency_of(ninjs1(provider="AP"), source_agency=local) == "Associated Press"


def test_arabic_credits_map_too():
    assert Agency.objects.credited_in("أ ف ب").name == "Agence France-Presse"
    assert Agency.objects.credited_in("أ.ف.ب").name == "Agence France-Presse"  # spellings fold together
    assert Agency.objects.credited_in("رويترز").name == "Reuters"


def test_a_fresh_install_has_the_main_agencies_with_arabic_names_and_dateline_codes():
    rows = {a.name: (a.arabic_name, a.credit) for a in Agency.objects.all()}
    assert rows["Associated Press"] == ("أسوشيتد برس", "أ.ب")
    assert rows["Reuters"] == ("رويترز", "رويترز")
    assert rows["Agence France-Presse"] == ("فرانس برس", "أ ف ب")
    for name in ("Deutsche Presse-Agentur", "EFE", "ANSA", "Xinhua", "Kyodo News", "Anadolu Agency"):
        assert all(rows[name]), name
