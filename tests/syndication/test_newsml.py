"""NewsML-G2 out: stories and pages of stories validate against IPTC's NewsML-G2 2.35 schema."""

import pytest
from lxml import etree

from khabar.syndication.models import AgencyLicence
from khabar.syndication.newsml_g2 import NAR, XHTML

from .conftest import SCHEMAS

pytestmark = pytest.mark.django_db


class _LocalOnly(etree.Resolver):
    """Schema imports come from the vendored folder; anything else is refused, never fetched."""

    def resolve(self, url, public_id, context):
        name = url.rsplit("/", 1)[-1]
        if (SCHEMAS / name).is_file() and name.endswith(".xsd"):
            return self.resolve_filename(str(SCHEMAS / name), context)
        raise OSError(f"not fetched: {url}")


@pytest.fixture(scope="session")
def newsml_schema():
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    parser.resolvers.add(_LocalOnly())
    document = etree.parse(str(SCHEMAS / "NewsML-G2_2.35-spec-All-Power.xsd"), parser)
    return etree.XMLSchema(document)


def _parse(content: bytes):
    return etree.fromstring(content, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))


def _validate(schema, document):
    assert schema.validate(document), "\n".join(str(error) for error in schema.error_log)


def test_a_story_is_a_valid_news_item(api, staff_article, make_image, author, newsml_schema):
    article = staff_article(
        "روسيا تصادق على المعاهدة",
        topics=["روسيا"],
        body=[
            ("paragraph", '<p>نص <b>عريض</b> و<a href="https://example.org/">رابط</a>.</p>'),
            ("subheading", "ردود فعل"),
            ("image", {"image": make_image(), "caption": "جلسة المجلس", "credit": "أ.ب"}),
            ("html", "<table><tr><td>خلية<br>سطر</td></tr></table>"),
        ],
    )
    article.lead_image, article.lead_image_alt, article.lead_image_credit = (
        make_image(),
        "صورة الحشد",
        "رويترز",
    )
    article.save_revision().publish()
    response = api.get(f"/api/newsml/{article.pk}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.iptc.g2.newsitem+xml")
    assert response["Cache-Control"] == "private, no-store"
    item = _parse(response.content)
    _validate(newsml_schema, item)
    ns = {"g": NAR, "h": XHTML}
    assert item.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"
    assert item.findtext("g:contentMeta/g:headline", namespaces=ns) == "روسيا تصادق على المعاهدة"
    assert item.findtext("g:contentMeta/g:located/g:name", namespaces=ns) == "موسكو"
    assert item.findtext("g:contentMeta/g:creator/g:name", namespaces=ns) == "سارة المنصوري"
    assert {s.findtext("g:name", namespaces=ns) for s in item.findall("g:contentMeta/g:subject", ns)} == {
        "سياسة",
        "روسيا",
    }
    assert item.findtext("g:rightsInfo/g:copyrightHolder/g:name", namespaces=ns) == "خبر"
    assert item.findtext("g:itemMeta/g:provider/g:name", namespaces=ns) == "خبر"
    assert item.find("g:itemMeta/g:link[@rel='irel:associatedWith']", ns) is not None
    # The schema is not vacuous: an item without its itemMeta is refused.
    broken = _parse(response.content)
    broken.remove(broken.find("g:itemMeta", ns))
    assert not newsml_schema.validate(broken)
    body = item.find("g:contentSet/g:inlineXML/h:html/h:body", ns)
    assert body.find("h:h2", ns).text == "ردود فعل" and body.find(".//h:b", ns).text == "عريض"
    assert body.find(".//h:td/h:br", ns) is not None and body.find(".//h:figure/h:img", ns) is not None


def test_a_page_of_stories_is_a_valid_news_message(
    api, staff_article, make_article, agency, newsml_schema, run
):
    run("load-demo")
    AgencyLicence.objects.create(agency=agency, redistribute=True)
    make_article("خبر وكالة")
    staff_article("خبر من مراسلنا")
    response = api.get("/api/newsml/?limit=100")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.iptc.g2.newsmessage+xml")
    message = _parse(response.content)
    _validate(newsml_schema, message)
    declared = {
        scheme.get("alias"): scheme.get("uri")
        for scheme in message.iterfind(f"{{{NAR}}}header/{{{NAR}}}catalog/{{{NAR}}}scheme")
    }
    assert declared == {"khabar": "http://testserver/api/newsml/#"}
    for prop in message.iterfind(f"{{{NAR}}}header/{{{NAR}}}headerExtProperty"):
        assert prop.get("rel").split(":")[0] in declared
    items = message.findall(f"{{{NAR}}}itemSet/{{{NAR}}}newsItem")
    assert len(items) >= 2
    for item in items:
        _validate(newsml_schema, item)
    agency_item = next(
        i for i in items if i.findtext(f"{{{NAR}}}contentMeta/{{{NAR}}}headline") == "خبر وكالة"
    )
    assert (
        agency_item.findtext(f"{{{NAR}}}rightsInfo/{{{NAR}}}copyrightHolder/{{{NAR}}}name")
        == "Associated Press"
    )


def test_refusals_are_the_same_for_every_format(client, staff_article):
    article = staff_article()
    assert client.get(f"/api/newsml/{article.pk}").status_code == 401
    assert client.get("/api/newsml/").status_code == 401
