"""Reader comments in Debian's Chromium: ALTCHA solved by the real widget and worker, moderation, replay, flood.

Runs the live server (transactional database) with the real CSP; screenshots go to var/screenshots/.
"""

import re
import time

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model

from khabar.comments.models import CommentPolicy, ReaderComment, Status

from .conftest import SHOTS, log_in, open_page

LATIN = re.compile("[A-Za-z]")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def comment_settings(settings):
    settings.COMMENTS_MIN_FILL_SECONDS = 1
    settings.COMMENTS_RATE_LIMITS = {"ip": (50, 600), "session": (6, 600)}
    policy = CommentPolicy.load()
    policy.mode = CommentPolicy.Mode.ALL
    policy.save()
    return settings


def widget_texts(page):
    """Every piece of text the widget shows or announces (text, titles, aria labels)."""
    return page.evaluate(
        """() => {
          const w = document.querySelector('altcha-widget');
          const attrs = [...w.querySelectorAll('*')].flatMap(el =>
            ['title', 'aria-label', 'placeholder'].map(a => el.getAttribute(a)).filter(Boolean));
          return [w.innerText, ...attrs];
        }"""
    )


def assert_arabic_widget(page, state):
    for text in widget_texts(page):
        assert not LATIN.search(text), f"English in the widget ({state}): {text!r}"


def fill_and_solve(page, name, text):
    page.wait_for_selector("form.comment-form altcha-widget")
    assert_arabic_widget(page, "unverified")
    page.fill("#id_name", name)  # focusing the form starts the proof of work (auto="onfocus")
    page.fill("#id_comment", text)
    started = time.monotonic()
    page.wait_for_function(
        "() => document.querySelector('altcha-widget').getState() === 'verified'", timeout=60_000
    )
    assert_arabic_widget(page, "verified")
    solved = time.monotonic() - started
    # A person takes longer than the form's minimum fill time (comment_settings: 1 s); on an idle
    # machine filling and solving can take less, and the form would rightly refuse a bot's speed. Wait
    # until the form's own timestamp is that old (the browser and the server read the same clock).
    page.wait_for_function(
        """(least) => Date.now() / 1000 -
             Number(document.querySelector('form.comment-form').elements.timestamp.value) >= least""",
        arg=django_settings.COMMENTS_MIN_FILL_SECONDS,
    )
    return solved


def test_comment_is_solved_posted_moderated_and_published(
    browser, live_server, make_article, comment_settings
):
    article = make_article(title="البرلمان يقر موازنة العام المقبل")
    url = live_server.url + article.url
    problems = []
    SHOTS.mkdir(parents=True, exist_ok=True)

    page = open_page(browser, url, 360, problems)
    # The page everyone shares carries no CSRF token; the form fragment brings the reader's own.
    assert "csrfmiddlewaretoken" not in page.evaluate("fetch(location.href).then(r => r.text())")
    solve_seconds = fill_and_solve(page, "سلمى", "تحليل مفيد، شكرًا لكم على المتابعة الدقيقة.")
    print(f"ALTCHA solved in the browser in {solve_seconds:.2f} s")
    payload = page.evaluate("document.querySelector('form.comment-form').elements.altcha.value")
    assert payload
    page.screenshot(path=SHOTS / "comments-form-verified-360.png", full_page=True)

    page.click("form.comment-form button[type=submit]")
    page.wait_for_selector(".comment-status .comment-message")
    status = page.inner_text(".comment-status")
    assert "سيظهر بعد مراجعته" in status and "بانتظار المراجعة" in status
    page.screenshot(path=SHOTS / "comments-pending-360.png", full_page=True)
    comment = ReaderComment.objects.get()
    assert comment.status == Status.PENDING

    # The same solution again, from the same reader: refused.
    replay = page.evaluate(
        """async (payload) => {
          const form = document.querySelector('form.comment-form');
          const data = new FormData(form);
          data.set('altcha', payload);
          data.set('name', 'سلمى');
          data.set('comment', 'محاولة ثانية بالحل نفسه');
          const r = await fetch(form.action, {method: 'POST', body: data, headers: {'X-Requested-With': 'fetch'}});
          return [r.status, await r.text()];
        }""",
        payload,
    )
    assert replay[0] == 400 and "استُخدم هذا التحقق من قبل" in replay[1]

    # No solution at all: refused.
    missing = page.evaluate(
        """async () => {
          const form = document.querySelector('form.comment-form');
          const data = new FormData(form);
          data.delete('altcha');
          data.set('name', 'سلمى');
          data.set('comment', 'تعليق بلا تحقق');
          const r = await fetch(form.action, {method: 'POST', body: data, headers: {'X-Requested-With': 'fetch'}});
          return [r.status, await r.text()];
        }"""
    )
    assert missing[0] == 400 and "أكمل التحقق" in missing[1]
    assert ReaderComment.objects.count() == 1

    # Flood: the session limit (6) answers with a polite Arabic message, shown in the form.
    codes = page.evaluate(
        """async () => {
          const form = document.querySelector('form.comment-form');
          const codes = [];
          for (let i = 0; i < 5; i++) {
            const data = new FormData(form);
            data.set('name', 'آلة');
            data.set('comment', 'إغراق رقم ' + i);
            const r = await fetch(form.action, {method: 'POST', body: data, headers: {'X-Requested-With': 'fetch'}});
            codes.push(r.status);
          }
          return codes;
        }"""
    )
    assert 429 in codes, codes
    page.fill("#id_name", "سلمى")
    page.fill("#id_comment", "محاولة أخيرة")
    page.click("form.comment-form button[type=submit]")
    page.wait_for_function("() => document.querySelector('.comment-status').innerText.includes('الانتظار')")
    page.screenshot(path=SHOTS / "comments-rate-limited-360.png", full_page=True)
    assert ReaderComment.objects.count() == 1

    # The moderator approves it in the Arabic admin.
    User = get_user_model()
    User.objects.create_superuser("editor", "editor@example.com", "correct horse battery")
    admin = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ar")
    log_in(admin, live_server.url, "editor", "correct horse battery")
    admin.goto(live_server.url + "/admin/comments/")
    assert "تحليل مفيد" in admin.inner_text("table.listing")
    admin.check(f"input[name=comment][value='{comment.pk}']")
    admin.screenshot(path=SHOTS / "comments-admin-queue-1280.png", full_page=True)
    admin.click("button[value=approve]")
    admin.wait_for_selector(".messages li")
    comment.refresh_from_db()
    assert comment.status == Status.APPROVED
    assert comment.decisions.last().moderator.username == "editor"

    # A reader (no session) sees it published: the cached page was invalidated.
    for width in (360, 1280):
        reader = open_page(browser, url, width, problems)
        published = reader.inner_text("#comments .comment-list")
        assert "سلمى" in published and "تحليل مفيد" in published
        assert "تعليق واحد" not in published  # the heading shows the count, the list shows comments
        reader.wait_for_selector("form.comment-form altcha-widget")
        reader.screenshot(path=SHOTS / f"comments-published-{width}.png", full_page=True)
    assert not problems, problems


def test_widget_error_state_is_arabic_and_csp_allows_the_worker(
    browser, live_server, make_article, comment_settings
):
    article = make_article()
    problems = []
    page = open_page(browser, live_server.url + article.url, 1280, problems)
    page.wait_for_selector("form.comment-form altcha-widget")
    csp = page.evaluate("async () => (await fetch(location.href)).headers.get('content-security-policy')")
    assert "worker-src 'self'" in csp and "blob:" not in csp
    page.evaluate(
        "async () => { const w = document.querySelector('altcha-widget'); await w.configure({mockError: true}); w.verify(); }"
    )
    page.wait_for_function("() => document.querySelector('altcha-widget').getState() === 'error'")
    # The widget draws its error message after the state changes: wait for the message itself.
    page.wait_for_function(
        "() => (document.querySelector('altcha-widget .altcha-error')?.innerText || '').trim() !== ''"
    )
    assert_arabic_widget(page, "error")
    page.screenshot(path=SHOTS / "comments-widget-error-1280.png")
    assert not [p for p in problems if "Content Security Policy" in p], problems


XSS_PAYLOADS = [
    "<script>window.__xss = 1</script>",
    '<img src=x onerror="window.__xss = 2">',
    '<svg onload="window.__xss = 3"></svg>',
    "javascript:window.__xss = 4",
    '<a href="javascript:window.__xss = 5">انقر</a>',
    "&lt;script&gt;window.__xss = 6&lt;/script&gt;",
    "%3Cscript%3Ewindow.__xss=7%3C/script%3E",
    '"><svg/onload=window.__xss=8>',
    '<iframe srcdoc="<script>parent.__xss=9</script>"></iframe>',
    'https://example.com/"onmouseover="window.__xss=10',
    "<details open ontoggle=window.__xss=11>",
    "\u003cscript\u003ewindow.__xss=12\u003c/script\u003e",
]


def test_xss_payloads_run_nowhere(browser, live_server, make_article, comment_settings):
    article = make_article()
    for i, payload in enumerate(XSS_PAYLOADS):
        comment = ReaderComment(
            content_object=article,
            article=article,
            site_id=1,
            user_name=payload[:50] if i % 2 else "قارئ",
            comment=f"تعليق {i}: {payload} وانظر https://example.com/a?b=1&c=2",
            status=Status.APPROVED,
        )
        comment.save()
    problems = []
    page = open_page(browser, live_server.url + article.url, 1280, problems)
    page.wait_for_selector("form.comment-form")
    # A listener on the document hears the hover after any handler on the link itself has run.
    page.evaluate("() => document.addEventListener('mouseover', () => { window.__hovered = true; })")
    page.hover("#comments .comment-text a")
    page.wait_for_function("() => window.__hovered === true")
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => setTimeout(done)))")  # queued work
    assert page.evaluate("window.__xss") is None
    texts = page.inner_text("#comments .comment-list")
    assert "<script>window.__xss = 1</script>" in texts  # shown as text, not run
    links = page.eval_on_selector_all(
        "#comments .comment-text a", "els => els.map(a => [a.getAttribute('href'), a.getAttribute('rel')])"
    )
    assert links and all(href.startswith(("http://", "https://")) for href, _ in links)
    assert all(rel == "nofollow ugc noopener" for _, rel in links)
    assert (
        page.locator("#comments .comment-list :is(script, svg, iframe, img, details[ontoggle])").count() == 0
    )

    User = get_user_model()
    User.objects.create_superuser("editor", "editor@example.com", "correct horse battery")
    ReaderComment.objects.update(status=Status.PENDING)
    admin = browser.new_page(viewport={"width": 1280, "height": 900})
    admin.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    log_in(admin, live_server.url, "editor", "correct horse battery")
    admin.goto(live_server.url + "/admin/comments/")
    assert admin.evaluate("window.__xss") is None
    page.screenshot(path=SHOTS / "comments-xss-1280.png", full_page=True)
    assert not [p for p in problems if p.startswith("dialog")], problems
