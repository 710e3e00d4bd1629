"""The translation desk in Debian's Chromium: translate a wire item, see a leaked English word flagged,
fix it, approve with the keyboard, save and publish. Screenshots go to var/screenshots/."""

import pytest
from django.contrib.auth import get_user_model

from khabar.desk.models import GlossaryTerm, MemorySegment, Translation
from khabar.newsroom.models import Agency, ArticlePage, HomePage, SectionPage
from khabar.wire.models import WireItem

from .conftest import SHOTS, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FIRST = "موسكو (أ.ب) — صادق مجلس الاتحاد الروسي على المعاهدة يوم الأربعاء."
LEAKED = "موسكو (أ.ب) — ratified مجلس الاتحاد الروسي على المعاهدة يوم الأربعاء."


@pytest.fixture
def newsroom(db):
    home = HomePage.objects.get()
    section = home.add_child(instance=SectionPage(title="سياسة", slug="politics"))
    agency = Agency.objects.get(name="Associated Press")
    for source, target, kind in [
        ("Moscow", "موسكو", "place"),
        ("Vladimir Putin", "فلاديمير بوتين", "person"),
        ("Federation Council", "مجلس الاتحاد الروسي", "organisation"),
    ]:
        GlossaryTerm.objects.create(source=source, target=target, kind=kind)
    item = WireItem.objects.create(
        uri="urn:ap:browser",
        version="1",
        agency=agency,
        language="en",
        headline="Russia ratifies military treaty",
        body_html=(
            "<p>MOSCOW (AP) — Russia's Federation Council ratified the treaty on Wednesday.</p>"
            "<h2>Reaction</h2><p>Vladimir Putin signed it into law.</p>"
        ),
        link="https://apnews.com/article/browser",
    )
    get_user_model().objects.create_superuser("chief", "chief@example.org", "desk-browser-pass-1")
    return section, item


def test_translate_flag_fix_and_publish(browser, live_server, newsroom):
    section, item = newsroom
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="ar")
    page.on("pageerror", lambda error: problems.append(str(error)))
    log_in(page, live_server.url, "chief", "desk-browser-pass-1")

    page.goto(f"{live_server.url}/admin/desk/")
    page.get_by_role("button", name="ترجمة").first.click()
    page.wait_for_selector(".desk-segment")
    translation = Translation.objects.get(item=item)
    segments = {s.position: s for s in translation.segments.all()}
    assert page.locator(".desk-source").first.get_attribute("lang") == "en"
    assert page.locator(f"#target-{segments[1].pk}").input_value() == "موسكو (أ.ب) — "

    page.fill(f"#target-{segments[0].pk}", "روسيا تصادق على معاهدة عسكرية")
    page.fill(f"#target-{segments[1].pk}", LEAKED)
    page.fill(f"#target-{segments[2].pk}", "ردود الفعل")
    page.fill(f"#target-{segments[3].pk}", "ووقّعها فلاديمير بوتين لتصبح قانونا.")
    flagged = page.locator(f'[data-segment="{segments[1].pk}"] [data-code="untranslated"]')
    flagged.wait_for()
    assert "ratified" in flagged.inner_text()
    page.screenshot(path=str(SHOTS / "desk-flagged-1280.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 800})
    page.screenshot(path=str(SHOTS / "desk-flagged-360.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 1000})

    page.fill(f"#target-{segments[1].pk}", FIRST)
    flagged.wait_for(state="detached")
    # Approve every segment from the keyboard: Ctrl+Enter approves and moves to the next.
    page.focus(f"#target-{segments[0].pk}")
    for _ in segments:
        page.keyboard.press("Control+Enter")
    assert page.locator("[data-status-label].desk-status--approved").count() == 4
    page.get_by_role("button", name="حفظ").click()
    page.wait_for_selector(".desk-segment")
    assert MemorySegment.objects.filter(source__startswith="MOSCOW (AP)", target=FIRST).exists()

    page.get_by_role("link", name="نشر").first.click()
    page.wait_for_selector("text=لا أخطاء")
    page.locator("form button[type=submit]", has_text="نشر").click()
    page.wait_for_url(f"{live_server.url}/admin/pages/{translation.article_id}/edit/")
    article = ArticlePage.objects.get(pk=translation.article_id)
    assert article.live and article.title == "روسيا تصادق على معاهدة عسكرية"

    page.goto(f"{live_server.url}{article.url}")
    public = page.locator("main").inner_text()
    assert FIRST in public and "ratified" not in public
    page.screenshot(path=str(SHOTS / "desk-published-1280.png"), full_page=True)
    assert problems == []


def test_gate_refuses_publishing_with_errors_until_overridden(browser, live_server, newsroom):
    section, item = newsroom
    from khabar.desk.drafting import open_translation, save_segments

    user = get_user_model().objects.get(username="chief")
    translation = open_translation(item, user, section)
    first = translation.segments.get(position=1)
    save_segments(translation, {first.pk: (LEAKED, "edited")}, user)
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ar")
    log_in(page, live_server.url, "chief", "desk-browser-pass-1")
    page.goto(f"{live_server.url}/admin/desk/publish/{translation.article_id}/")
    assert page.locator('[data-code="untranslated"]').count() == 1
    page.screenshot(path=str(SHOTS / "desk-gate-1280.png"), full_page=True)
    page.fill("#id_reason", "اسم شركة يُكتب بالإنجليزية عمدًا")
    page.get_by_role("button", name="تجاوز ونشر").click()
    page.wait_for_url(f"{live_server.url}/admin/pages/{translation.article_id}/edit/")
    assert ArticlePage.objects.get(pk=translation.article_id).live
