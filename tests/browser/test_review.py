"""The editor overrides a flagged copy check with a written reason from each place the approve button is:
the admin dashboard, the page editor and the desk editor. Screenshots go to var/screenshots/."""

import pytest

from khabar.desk.drafting import open_translation, save_segments
from khabar.desk.models import PublishOverride
from khabar.newsroom.models import ArticlePage

from .conftest import EDITOR_PASSWORD, SHOTS, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TEXTS = {
    0: "روسيا تصادق على معاهدة عسكرية",
    1: "موسكو (أ.ب) — ratified مجلس الاتحاد الروسي على المعاهدة يوم الأربعاء.",
    2: "ردود الفعل",
    3: "ووقّعها فلاديمير بوتين لتصبح قانونا.",
}
REASON = "اسم شركة يُكتب بالإنجليزية عمدًا"


@pytest.fixture
def flagged_story(desk_day):
    """A desk translation with a leaked English word, submitted and through the translators' review."""
    item = desk_day.wire(
        "urn:ap:review",
        "Russia ratifies military treaty",
        "<p>MOSCOW (AP) — Russia's Federation Council ratified the treaty on Wednesday.</p>"
        "<h2>Reaction</h2><p>Vladimir Putin signed it into law.</p>",
    )
    translator = desk_day.translator
    translation = open_translation(item, translator, desk_day.section)
    segments = {s.position: s for s in translation.segments.all()}
    save_segments(translation, {segments[p].pk: (t, "edited") for p, t in TEXTS.items()}, translator)
    article = ArticlePage.objects.get(pk=translation.article_id)
    state = article.get_workflow().start(article, translator)
    first = state.current_task_state
    first.task.specific.on_action(first, translator, "approve")
    return translation


def _editor_page(browser, live_server, width):
    page = browser.new_page(viewport={"width": width, "height": 900}, locale="ar")
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    log_in(page, live_server.url, "sami", EDITOR_PASSWORD)
    return page, problems


def _published_with_the_reason(translation):
    article = ArticlePage.objects.get(pk=translation.article_id)
    override = PublishOverride.objects.get(article=article)
    return article.live and override.reason == REASON and override.user.username == "sami"


@pytest.mark.parametrize("width", [1366, 390])
def test_override_from_the_dashboard(browser, live_server, flagged_story, width):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page, problems = _editor_page(browser, live_server, width)
    row = page.locator("#awaiting-review-section tr", has_text="روسيا تصادق")
    row.get_by_role("button", name="الإجراءات").click()
    row.get_by_role("button", name="تجاوز فحص النص والموافقة").click()
    page.locator(".modal-content textarea[name=comment]").fill(REASON)
    page.screenshot(path=str(SHOTS / f"review-override-dashboard-{width}.png"), full_page=True)
    with page.expect_response(lambda r: "/workflow/action/" in r.url and r.request.method == "POST") as done:
        page.locator(".modal-content button[type=submit]").click()
    assert done.value.ok
    page.wait_for_load_state()
    page.screenshot(path=str(SHOTS / f"review-override-dashboard-done-{width}.png"), full_page=True)
    assert _published_with_the_reason(flagged_story)
    assert problems == []


@pytest.mark.parametrize("width", [1366, 390])
def test_override_from_the_page_editor(browser, live_server, flagged_story, width):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page, problems = _editor_page(browser, live_server, width)
    page.goto(f"{live_server.url}/admin/pages/{flagged_story.article_id}/edit/")
    page.locator("footer .dropdown-toggle, footer [data-w-dropdown-target=toggle]").first.click()
    page.get_by_role("button", name="تجاوز فحص النص والموافقة").click()
    page.locator(".modal-content textarea[name=comment]").fill(REASON)
    page.screenshot(path=str(SHOTS / f"review-override-page-editor-{width}.png"), full_page=True)
    # The modal returns the reason to the editor, which posts the form with the workflow action.
    with page.expect_response(
        lambda r: (
            r.url.endswith(f"/admin/pages/{flagged_story.article_id}/edit/") and r.request.method == "POST"
        )
    ) as done:
        page.locator(".modal-content button[type=submit]").click()
    assert done.value.status == 302
    page.wait_for_load_state()
    page.screenshot(path=str(SHOTS / f"review-override-page-editor-done-{width}.png"), full_page=True)
    assert _published_with_the_reason(flagged_story)
    assert problems == []


@pytest.mark.parametrize("width", [1366, 390])
def test_override_from_the_desk_editor(browser, live_server, flagged_story, width):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page, problems = _editor_page(browser, live_server, width)
    page.goto(f"{live_server.url}/admin/desk/translation/{flagged_story.pk}/")
    assert page.locator('[data-stage="review"]').first.is_visible()
    assert page.locator("[data-review-action=approve]").count() == 0
    page.locator("[data-review-action=override]").click()  # without a reason: refused, nothing lost
    page.wait_for_selector(".messages .error, .messages [class*=error]")
    assert not ArticlePage.objects.get(pk=flagged_story.article_id).live
    page.fill("#review-comment", REASON)
    page.screenshot(path=str(SHOTS / f"review-override-desk-{width}.png"), full_page=True)
    page.locator("[data-review-action=override]").click()
    page.wait_for_selector('[data-stage="published"]')
    page.screenshot(path=str(SHOTS / f"review-override-desk-done-{width}.png"), full_page=True)
    assert _published_with_the_reason(flagged_story)
    assert problems == []
