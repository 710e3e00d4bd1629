"""An agency picture on the desk, in Debian's Chromium: the editor shows it (fetched from a local agency
server), the translator makes it the lead image with an Arabic alt text, and the published article
shows it. Screenshots: var/screenshots/desk-pictures-*.png and pictures-from-wire-article-*.png."""

import pytest
from django.contrib.auth import get_user_model

from khabar.desk.drafting import open_translation
from khabar.newsroom.models import Agency, ArticlePage, HomePage, SectionPage
from khabar.wire.models import WireItem
from tests.picture_server import picture_bytes, serving

from .conftest import SHOTS, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ALT = "سكان يعبرون شارعًا غمرته مياه الفيضان"


@pytest.fixture
def agency_pictures(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.KHABAR_WIRE_ALLOWED_HOSTS = ["127.0.0.1"]
    routes = {"/flood.jpg": (200, picture_bytes(size=(1600, 1000), colour=(40, 110, 150)))}
    with serving(routes) as (base, asked):
        yield base, asked


def test_wire_picture_becomes_the_lead_image(browser, live_server, agency_pictures):
    base, asked = agency_pictures
    section = HomePage.objects.get().add_child(instance=SectionPage(title="سياسة", slug="politics"))
    item = WireItem.objects.create(
        uri="urn:ap:pictured",
        version="1",
        agency=Agency.objects.get(name="Associated Press"),  # seeded by a migration
        language="en",
        headline="Floods hit the coast",
        body_html="<p>ALEXANDRIA (AP) — Rain fell for three days.</p>",
        pictures=[
            {
                "href": f"{base}/flood.jpg",
                "caption": "Residents wade through a flooded street.",
                "credit": "Jane Doe",
                "usage_terms": "Editorial use only.",
                "width": 1600,
                "height": 1000,
            }
        ],
    )
    chief = get_user_model().objects.create_superuser("chief", "chief@example.org", "desk-pictures-pass-1")
    translation = open_translation(item, chief, section)
    SHOTS.mkdir(parents=True, exist_ok=True)

    page = browser.new_page(viewport={"width": 1366, "height": 1000}, locale="ar")
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    log_in(page, live_server.url, "chief", "desk-pictures-pass-1")
    page.goto(f"{live_server.url}/admin/desk/translation/{translation.pk}/")
    preview = page.locator("#desk-pictures img.desk-picture-preview")
    preview.wait_for()
    assert page.evaluate("document.querySelector('#desk-pictures img').naturalWidth") > 0
    assert asked == ["/flood.jpg"]
    assert page.locator("#picture-caption-0").input_value() == "Residents wade through a flooded street."
    assert page.locator("#picture-credit-0").input_value() == "Jane Doe / أ.ب"
    page.locator("#desk-pictures").screenshot(path=str(SHOTS / "desk-pictures-1366.png"))

    # An English alt text is refused with an Arabic message; nothing is lost.
    page.fill("#picture-caption-0", "سكان يخوضون في شارع غمرته المياه")
    page.fill("#picture-credit-0", "جين دو / أ.ب")
    page.fill("#picture-alt-0", "Flooded street")
    page.get_by_role("button", name="اجعلها الصورة الرئيسية").click()
    page.wait_for_selector("text=اكتب وصفًا للصورة بالعربية")
    assert page.locator("#picture-caption-0").input_value() == "سكان يخوضون في شارع غمرته المياه"
    assert page.locator("#picture-alt-0").input_value() == "Flooded street"
    page.fill("#picture-alt-0", ALT)
    page.get_by_role("button", name="اجعلها الصورة الرئيسية").click()
    page.wait_for_selector(".desk-picture--lead")
    page.set_viewport_size({"width": 390, "height": 900})
    page.locator("#desk-pictures").screenshot(path=str(SHOTS / "desk-pictures-390.png"))
    assert asked == ["/flood.jpg"]  # fetched once
    assert problems == []

    article = ArticlePage.objects.get(pk=translation.article_id)
    article.get_latest_revision().publish()
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + ArticlePage.objects.get(pk=article.pk).url)
        figure = page.locator("figure.lead-figure")
        assert figure.locator("img").get_attribute("alt") == ALT
        assert "سكان يخوضون في شارع غمرته المياه" in figure.inner_text()
        assert "(الصورة: جين دو / أ.ب)" in figure.inner_text()
        page.screenshot(path=str(SHOTS / f"pictures-from-wire-article-{width}.png"))
    page.close()
