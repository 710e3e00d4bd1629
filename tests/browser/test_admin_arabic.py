"""The admin in Arabic in Debian's Chromium, at 390 and 1366 px: Khabar's login page, the dashboard,
the inbox, the sources, the wire log, the desk and the guide. No visible English outside content
marked with its language, no request to any other server, the help menu opens the guide, and a
failure's technical text stays behind its toggle. Screenshots go to var/screenshots/admin-*.png
(``tools/guide_pictures.py`` turns some of them into the guide's pictures)."""

import json

import pytest
from django.contrib.auth import get_user_model

from khabar.desk.models import GlossaryTerm
from khabar.desk.starter import agencies_of, load_starter_glossary
from khabar.newsroom.models import Agency, HomePage, SectionPage
from khabar.wire.ingest import ingest_bytes
from khabar.wire.models import Source, WireItem, WireLog
from khabar.wire.polling import poll_source_now

from .conftest import SHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

USER, PASSWORD = "رئيسة.التحرير", "admin-arabic-pass-1"

# Visible text in Latin letters that no element marks as another language (lang="en", "und", …).
VISIBLE_LATIN = """() => {
  const latin = /[A-Za-z\\u00C0-\\u024F]/, found = [];
  const visible = (el) => el.checkVisibility({visibilityProperty: true, opacityProperty: true})
    && el.getBoundingClientRect().width > 0;
  const foreign = (el) => {
    const marked = el.closest('[lang]');
    return marked && !marked.getAttribute('lang').toLowerCase().startsWith('ar');
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement, text = walker.currentNode.textContent.trim();
    if (el && latin.test(text) && !el.closest('script,style,noscript,template') && !foreign(el) && visible(el)) {
      found.push(text.slice(0, 80));
    }
  }
  for (const el of document.querySelectorAll('[placeholder],[aria-label],[title]')) {
    for (const name of ['placeholder', 'aria-label', 'title']) {
      const value = el.getAttribute(name);
      if (value && latin.test(value) && !foreign(el) && visible(el)) found.push(`${name}: ${value}`);
    }
  }
  return found;
}"""


def ninjs(uri, headline, body):
    return json.dumps(
        {"uri": uri, "version": "1", "language": "en", "headlines": [{"role": "main", "value": headline}],
         "bodies": [{"role": "main", "contenttype": "text/html", "value": body}]},
    ).encode()  # fmt: skip


@pytest.fixture
def newsroom(db):
    from khabar.desk.drafting import open_translation

    home = HomePage.objects.get()
    section = home.add_child(instance=SectionPage(title="سياسة", slug="politics"))
    reuters, _ = Agency.objects.get_or_create(name="Reuters", defaults={"credit": "رويترز"})
    load_starter_glossary(GlossaryTerm, agencies_of(Agency))
    wire = Source.objects.create(
        name="رويترز", slug="reuters", kind=Source.Kind.NINJS, agency=reuters, url="http://10.20.30.40/ninjs"
    )
    poll_source_now(wire)  # refused: a private address, so the source's health shows a failure
    ingest_bytes(b'{"uri": "urn:x:1", "headlines": 5}', source=wire)
    ingest_bytes(
        ninjs(
            "urn:reuters:beirut-1",
            "Lebanon's parliament meets to elect a president",
            "<p>BEIRUT (Reuters) — Lebanon's parliament met on Monday to elect a president.</p>"
            "<p>The session was the 13th attempt since October 2022.</p>",
        ),
        source=wire,
    )
    user = get_user_model().objects.create_superuser(USER, "chief@example.org", PASSWORD)
    translation = open_translation(WireItem.objects.get(uri="urn:reuters:beirut-1"), user, section)
    draft = translation.article.get_latest_revision_as_object()
    draft.title = "البرلمان اللبناني يجتمع لانتخاب رئيس"  # the translator's headline
    draft.save_revision(user=user)
    return translation


def test_the_admin_in_arabic_with_nothing_off_site(browser, live_server, newsroom):
    base = live_server.url
    SHOTS.mkdir(parents=True, exist_ok=True)
    pages = {
        "dashboard": "/admin/",
        "inbox": "/admin/wire_item/",
        "sources": "/admin/wire_source/",
        "log": "/admin/wire_log/",
        "desk": "/admin/desk/",
        "editor": f"/admin/desk/translation/{newsroom.pk}/",
        "glossary": "/admin/snippets/desk/glossaryterm/?q=Beirut",
        "guide": "/admin/guide/",
        # Wagtail's own screens too, for the off-site check: the explorer, the page editor, images.
        "explorer": "/admin/pages/",
        "page-editor": f"/admin/pages/{newsroom.article_id}/edit/",
        "images": "/admin/images/",
    }
    checked = {"login", "dashboard", "sources", "log", "guide"}
    off_site, problems, leaks = [], [], {}
    for width in (390, 1366):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="ar")
        context.on(
            "request",
            lambda r: None if r.url.startswith((base, "data:", "blob:")) else off_site.append(r.url),
        )
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(str(error)))

        page.goto(f"{base}/admin/login/")
        assert page.locator("h1").inner_text().strip() == "تسجيل الدخول إلى خبر"
        assert page.locator("label[for=id_password]").inner_text().strip().startswith("كلمة المرور")
        leaks[("login", width)] = page.evaluate(VISIBLE_LATIN)
        page.screenshot(path=str(SHOTS / f"admin-login-{width}.png"), full_page=True)
        page.fill("input[name=username]", USER)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/admin/")

        for name, path in pages.items():
            page.goto(f"{base}{path}")
            page.wait_for_load_state("networkidle")
            if name in checked:
                leaks[(name, width)] = page.evaluate(VISIBLE_LATIN)
            page.screenshot(path=str(SHOTS / f"admin-{name}-{width}.png"), full_page=True)

        # A failure reads in Arabic; the technical text opens only on request.
        page.goto(f"{base}/admin/wire_log/")
        technical = page.locator("details.wire-technical code").first
        assert page.get_by_text("عنوان المصدر داخل شبكة خاصة").first.is_visible()
        assert not technical.is_visible()
        page.locator("details.wire-technical summary").first.click()
        assert technical.is_visible() and "missing required field" in technical.inner_text()

        if width == 1366:
            # The help menu opens Khabar's Arabic guide.
            page.goto(f"{base}/admin/")
            page.get_by_role("button", name="المساعدة").click()
            page.get_by_role("list", name="المساعدة").get_by_role("link", name="دليل المترجم والمحرر").click()
            page.wait_for_url(f"{base}/admin/guide/")
            assert page.locator("article.khabar-guide h1").first.is_visible()
        context.close()

    assert off_site == []
    assert {key: found for key, found in leaks.items() if found} == {}
    assert problems == []
    # The translation the desk opened from «BEIRUT (Reuters) —» starts with the Arabic dateline.
    assert newsroom.segments.order_by("position")[1].target.startswith("بيروت (رويترز) —")
    assert WireLog.objects.exists()
