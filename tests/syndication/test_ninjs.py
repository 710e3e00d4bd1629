"""ninjs 2.1 out: real stories validate against IPTC's schema and carry what the issue maps."""

import json

import pytest
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_story(staff_article, make_image, author):
    picture = make_image("Protesters")
    body_picture = make_image("Body")
    article = staff_article(
        "روسيا تصادق على المعاهدة",
        topics=["روسيا", "معاهدات"],
        body=[
            (
                "paragraph",
                '<p>صادق المجلس <b>يوم الأربعاء</b> على <a href="https://example.org/x">المعاهدة</a>.</p>',
            ),
            ("subheading", "ردود فعل"),
            ("quote", {"quote": "خطوة تاريخية.", "attribution": "وزير الخارجية"}),
            ("image", {"image": body_picture, "caption": "جلسة المجلس", "credit": "أ.ب"}),
            ("list", {"ordered": True, "items": ["أولًا", "ثانيًا"]}),
            ("embed", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
            ("html", '<table><tr><td onclick="x()">خلية</td></tr></table><script>alert(1)</script>'),
        ],
    )
    article.lead_image = picture
    article.lead_image_caption = "متظاهرون في موسكو"
    article.lead_image_credit = "رويترز"
    article.lead_image_alt = "حشد يحمل لافتات أمام البرلمان"
    article.save_revision().publish()
    article.refresh_from_db()
    return article


def test_a_story_validates_and_maps_every_field(api, full_story, ninjs_validator):
    response = api.get(f"/api/ninjs/{full_story.pk}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    ninjs_validator.validate(data)
    assert data["language"] == "ar" and data["type"] == "text"
    assert data["headlines"][0]["value"] == "روسيا تصادق على المعاهدة"
    assert data["by"] == "سارة المنصوري"
    assert data["located"] == "موسكو"
    assert data["firstcreated"] and data["versioncreated"] >= data["firstcreated"]
    assert data["copyrightholder"] == "خبر"
    assert data["usageterms"]
    subjects = {(s["rel"], s["name"]) for s in data["subjects"]}
    assert subjects == {("section", "سياسة"), ("topic", "روسيا"), ("topic", "معاهدات")}
    body = data["bodies"][0]["value"]
    assert "<b>يوم الأربعاء</b>" in body and "<h2>ردود فعل</h2>" in body and "<ol><li>أولًا</li>" in body
    assert "<figcaption>جلسة المجلس (أ.ب)</figcaption>" in body and "http://" in body
    assert "<script" not in body and "onclick" not in body and "<td>خلية</td>" in body
    (lead,) = data["associations"]
    assert lead["type"] == "picture" and lead["by"] == "رويترز"
    assert lead["headlines"][0]["value"] == "متظاهرون في موسكو"
    assert lead["descriptions"][0]["value"] == "حشد يحمل لافتات أمام البرلمان"
    rendition = lead["renditions"][0]
    assert rendition["href"].startswith("http") and rendition["width"] == 800 and rendition["height"] == 600


def test_every_story_of_the_list_validates(api, full_story, staff_article, ninjs_validator):
    staff_article("خبر ثان", body=[])
    response = api.get("/api/ninjs/")
    assert response.status_code == 200
    data = json.loads(response.content)
    assert len(data["items"]) == 2
    for item in data["items"]:
        ninjs_validator.validate(item)


def test_the_demo_newsroom_validates(api, ninjs_validator, run):
    from khabar.newsroom.models import Agency
    from khabar.syndication.models import AgencyLicence

    run("load-demo")
    for agency in Agency.objects.all():  # the demo credits agencies: let them all be passed on
        AgencyLicence.objects.create(agency=agency, redistribute=True)
    data = json.loads(api.get("/api/ninjs/?limit=100").content)
    assert data["items"]
    for item in data["items"]:
        ninjs_validator.validate(item)


def test_answers_are_private_to_the_partner(api, staff_article, client):
    article = staff_article()
    for url in (f"/api/ninjs/{article.pk}", "/api/ninjs/"):
        response = api.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert "Authorization" in response["Vary"]
        assert not response.has_header("xkey") and not response.has_header("X-Khabar-Cache")
        assert not response.cookies
        assert client.get(url).status_code == 401  # nothing was kept for anyone else


def test_private_and_unpublished_stories_are_never_syndicated(api, staff_article):
    public = staff_article("خبر عام", slug="public")
    private = staff_article("خبر خاص", slug="private")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    draft = staff_article("خبر سحب", slug="draft")
    draft.unpublish()
    assert api.get(f"/api/ninjs/{private.pk}").status_code == 404
    assert api.get(f"/api/ninjs/{draft.pk}").status_code == 404
    ids = [item["altids"][1]["value"] for item in json.loads(api.get("/api/ninjs/").content)["items"]]
    assert ids == [str(public.pk)]
