"""The reader's side in Chromium at 390 and 1366 px: a too-fast comment keeps its solved check; search
offers the topic page a query names; the view beacon counts a cached page and «الأكثر قراءة» follows.

Screenshots go to var/screenshots/ (reader-*.png).
"""

import pytest
from django.core.cache import cache

from khabar.comments.models import CommentPolicy, ReaderComment
from khabar.readership import counter
from khabar.readership.models import HourlyViews

from .conftest import SHOTS, log_in, open_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTHS = (390, 1366)
SOLVED = "() => document.querySelector('form.comment-form altcha-widget')?.getState() === 'verified'"


def no_sideways_scroll(page):
    """True when nothing sticks out sideways; otherwise the elements that do (for the failure message)."""
    wide = page.evaluate(
        """() => document.documentElement.scrollWidth <= window.innerWidth ? [] :
          [...document.querySelectorAll('body *')].filter(el => {
            const box = el.getBoundingClientRect();
            return box.width && (box.left < -1 || box.right > window.innerWidth + 1);
          }).slice(0, 8).map(el => el.tagName + '.' + el.className + ' ' + Math.round(el.getBoundingClientRect().left)
            + '..' + Math.round(el.getBoundingClientRect().right))"""
    )
    return not wide or wide


@pytest.mark.parametrize("width", WIDTHS)
def test_posting_too_fast_keeps_the_solved_check(browser, live_server, make_article, settings, width):
    settings.COMMENTS_MIN_FILL_SECONDS = 3600  # every post is "too fast" until the test lifts it
    policy = CommentPolicy.load()
    policy.mode = CommentPolicy.Mode.ALL
    policy.save()
    article = make_article(title="الحكومة تعلن خطة للنقل العام")
    problems = []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = open_page(browser, live_server.url + article.url, width, problems)
    page.wait_for_selector("form.comment-form altcha-widget")
    page.fill("#id_name", "سلمى")  # focusing the form starts the proof of work
    page.fill("#id_comment", "تعليق كُتب بسرعة")
    page.wait_for_function(SOLVED, timeout=60_000)
    solved = page.evaluate("document.querySelector('form.comment-form').elements.altcha.value")

    page.click("form.comment-form button[type=submit]")
    page.wait_for_selector(".comment-status .comment-message")
    message = page.inner_text(".comment-status")
    assert "انتظر لحظة" in message and "ما زال صالحًا" in message
    assert page.evaluate(SOLVED)  # not reset: the reader need not solve it again
    assert page.evaluate("document.querySelector('form.comment-form').elements.altcha.value") == solved
    assert no_sideways_scroll(page) is True
    page.locator("#comments").screenshot(path=SHOTS / f"reader-comment-too-fast-{width}.png")
    assert not ReaderComment.objects.exists()

    settings.COMMENTS_MIN_FILL_SECONDS = 0  # the moment has passed
    # A field error brings the form back with Arabic messages: the solved widget moves into it.
    page.fill("#id_name", "")
    page.click("form.comment-form button[type=submit]")
    page.wait_for_selector("form.comment-form .errorlist")
    assert page.evaluate(SOLVED)
    assert page.evaluate("document.querySelector('form.comment-form').elements.altcha.value") == solved
    page.fill("#id_name", "سلمى")
    page.click("form.comment-form button[type=submit]")
    page.wait_for_function("() => document.querySelector('.comment-status').innerText.includes('شكرًا')")
    assert ReaderComment.objects.get().comment == "تعليق كُتب بسرعة"
    page.locator("#comments").screenshot(path=SHOTS / f"reader-comment-posted-{width}.png")
    assert not problems, problems


def test_search_offers_the_topic_and_most_read_follows_the_beacon(browser, live_server, make_article):
    tagged = make_article(title="كييف تعلن خطة جديدة للطاقة", topics=["أوكرانيا"], slug="kyiv")
    make_article(title="البرلمان يناقش الموازنة", slug="budget")
    counter.refresh(force=True)
    problems = []
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page = open_page(browser, f"{live_server.url}/search/?q=اوكرانيا", width, problems)
        named = page.locator(".search-named a")
        assert named.inner_text() == "أوكرانيا" and named.get_attribute("href").startswith("/topics/")
        assert "كييف تعلن خطة" in page.inner_text(".search-result")
        assert no_sideways_scroll(page) is True
        page.screenshot(path=SHOTS / f"reader-search-topic-{width}.png", full_page=True)

    # A reader opens the story (twice, the second time from the page cache): one view is counted.
    page = open_page(browser, live_server.url + tagged.url, 1366, problems)
    page.wait_for_load_state("networkidle")
    with page.expect_response(lambda r: f"/read/{tagged.pk}/" in r.url) as beacon:
        page.reload()
    assert beacon.value.status == 204 and beacon.value.request.method == "POST"
    assert "set-cookie" not in beacon.value.headers
    assert HourlyViews.objects.get().views == 1

    cache.delete("readership:refreshed")  # the refresh interval has passed
    counter.refresh()
    home = open_page(browser, live_server.url + "/", 1366, problems)
    assert "كييف تعلن خطة" in home.inner_text(".most-read")
    home.screenshot(path=SHOTS / "reader-home-most-read-1366.png", full_page=True)
    phone = open_page(browser, live_server.url + "/", 390, problems)
    assert no_sideways_scroll(phone) is True
    phone.screenshot(path=SHOTS / "reader-home-most-read-390.png", full_page=True)
    assert not problems, problems


def test_moderators_see_the_waiting_count_in_the_menu_and_on_the_dashboard(
    browser, live_server, make_article
):
    from django.contrib.auth import get_user_model

    article = make_article()
    for name in ("سلمى", "\u202eMallory"):
        ReaderComment.objects.create(
            content_object=article, article=article, site_id=1, user_name=name, comment="تعليق ينتظر"
        )
    get_user_model().objects.create_superuser("editor", "editor@example.com", "correct horse battery")
    problems = []
    for width in WIDTHS:
        page = open_page(browser, f"{live_server.url}/admin/login/", width, problems)
        log_in(page, live_server.url, "editor", "correct horse battery")
        panel = page.locator("[data-waiting-comments]")
        assert "تعليقات بانتظار المراجعة: 2" in panel.inner_text()
        page.screenshot(path=SHOTS / f"reader-dashboard-waiting-{width}.png", full_page=True)
        page.goto(f"{live_server.url}/admin/comments/")
        assert page.locator("button[name=decide]").count() == 4  # approve and reject on each row
        page.screenshot(path=SHOTS / f"reader-queue-rows-{width}.png", full_page=True)
        # The sidebar item reads «تعليقات (2)» (collapsed to its icon on a phone).
        assert page.evaluate(
            "[...document.querySelectorAll('a')].some(a => /\\(2\\)$/.test(a.textContent.trim()))"
        )
    assert not problems, problems
