"""A translator's hand-off in Debian's Chromium: the wire inbox → the item → «ترجمة» → the side-by-side editor
(Arabic dateline, agency, standfirst segment, the web link) → publish → an Arabic address and the agency's credit.
Screenshots at 390 and 1366 px go to var/screenshots/handoff-*.png."""

from urllib.parse import unquote

import pytest

from khabar.desk.models import Translation
from khabar.newsroom.models import ArticlePage

from .conftest import SHOTS, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

HEADLINE = "روسيا تصادق على معاهدة عسكرية"
STANDFIRST = "أيّد المشرعون الاتفاق مع حليف موسكو."
FIRST = "موسكو (أ.ب) — صادق مجلس الاتحاد الروسي على المعاهدة يوم الأربعاء."
SECOND = "ووقّعها فلاديمير بوتين لتصبح قانونا."


@pytest.fixture
def wire(desk_day):
    item = desk_day.wire(
        "http://ninjs.example.com/newsitems/20130709simp123",  # an identifier, not a web page
        "Russia ratifies military treaty",
        "<p>MOSCOW (AP) — Russia's Federation Council ratified the treaty on Wednesday.</p>"
        "<p>Vladimir Putin signed it into law.</p>",
        summary="Lawmakers backed the pact with Moscow's ally.",
        link="https://apnews.com/article/russia-treaty",
    )
    return desk_day.section, item


def shoot(page, name):
    """Phone and desktop screenshots, the page laid out again at each width (a resized page keeps the
    layout it was laid out with)."""
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.reload()
        page.screenshot(path=str(SHOTS / f"handoff-{name}-{width}.png"), full_page=True)


def test_inbox_translate_opens_the_desk_and_publishes_with_credit_and_arabic_address(
    browser, live_server, wire, admin_user
):
    section, item = wire
    SHOTS.mkdir(parents=True, exist_ok=True)
    base, problems = live_server.url, []
    page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="ar")
    page.on("pageerror", lambda error: problems.append(str(error)))
    log_in(page, base, admin_user.username, "password")  # pytest-django's administrator

    # The inbox's «ترجمة» → the section → the side-by-side editor (the item page's button is the same link).
    page.goto(f"{base}/admin/wire_item/")
    shoot(page, "inbox")
    page.get_by_role("link", name="Russia ratifies military treaty").click()
    page.wait_for_url("**/inspect/*/")
    assert page.get_by_role("link", name="ترجمة").get_attribute("href") == f"/admin/desk/translate/{item.pk}/"
    page.goto(f"{base}/admin/wire_item/")
    page.locator("a.wire-translate").click()
    page.wait_for_url(f"{base}/admin/desk/translate/{item.pk}/")
    shoot(page, "choose-section")
    page.select_option("#id_section", label="سياسة")
    page.get_by_role("button", name="ترجمة").click()
    page.wait_for_selector(".desk-segment")
    translation = Translation.objects.get(item=item)
    assert page.url == f"{base}/admin/desk/translation/{translation.pk}/"

    assert page.locator(".desk-dateline").inner_text() == "موسكو (أ.ب) —"
    assert "أسوشيتد برس" in page.locator(".desk-agency").inner_text()
    assert (
        page.locator(".desk-source-link").get_attribute("href") == "https://apnews.com/article/russia-treaty"
    )
    standfirst = page.locator('[data-kind="standfirst"]')
    assert standfirst.count() == 1 and "Lawmakers backed the pact" in standfirst.inner_text()
    segments = {s.position: s for s in translation.segments.all()}
    assert page.locator(f"#target-{segments[2].pk}").input_value() == "موسكو (أ.ب) — "
    shoot(page, "editor")

    for position, text in enumerate([HEADLINE, STANDFIRST, FIRST, SECOND]):
        page.fill(f"#target-{segments[position].pk}", text)
    page.focus(f"#target-{segments[0].pk}")
    for _ in segments:
        page.keyboard.press("Control+Enter")
    with page.expect_navigation():
        page.get_by_role("button", name="حفظ").click()
    assert page.locator(f"#target-{segments[0].pk}").input_value() == HEADLINE  # saved

    # Publish through the gate: no errors, so «نشر» publishes.
    page.get_by_role("link", name="نشر").first.click()
    page.wait_for_url(f"{base}/admin/desk/publish/*/")
    shoot(page, "gate")
    page.wait_for_selector("text=لا أخطاء")
    page.locator("form button[type=submit]", has_text="نشر").click()
    page.wait_for_url(f"{base}/admin/pages/{translation.article_id}/edit/")
    article = ArticlePage.objects.get(pk=translation.article_id)
    assert article.live and article.slug == "روسيا-تصادق-على-معاهدة-عسكرية"
    assert unquote(article.url).endswith("/روسيا-تصادق-على-معاهدة-عسكرية/")

    page.goto(f"{base}{article.url}")
    assert page.locator(".byline").inner_text().strip() == "أسوشيتد برس"  # the agency signs, not «بقلم خبر»
    assert page.locator(".standfirst").inner_text() == STANDFIRST
    assert page.locator(".story-body .dateline").all_inner_texts() == ["موسكو (أ.ب) —"]  # once, styled
    assert page.locator(".story-body p").first.inner_text() == FIRST
    assert page.locator("a.source-link").get_attribute("href") == "https://apnews.com/article/russia-treaty"
    assert "Russia ratifies military treaty" not in page.content()  # the English headline stays in the admin
    shoot(page, "published")
    assert problems == []
