"""The Arabic wire inbox in Debian's Chromium: log in, see a source's items, filter, search with a
reader's spelling, preview the original payload, press «ترجمة» and land on the Arabic draft.
Screenshots at 360 and 1280 px go to var/screenshots/."""

import json

import pytest
from django.contrib.auth import get_user_model

from khabar.newsroom.models import Agency, ArticlePage, HomePage, SectionPage
from khabar.wire.ingest import ingest_bytes
from khabar.wire.models import ItemUse, Source, WireItem

from .conftest import SHOTS, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "wire-browser-pass-1"


def ninjs(uri, headline, body, language="ar", **extra):
    return json.dumps(
        {"uri": uri, "version": "1", "language": language, "by": "مراسل الوكالة",
         "headlines": [{"role": "main", "value": headline}],
         "bodies": [{"role": "main", "contenttype": "text/html", "value": f"<p>{body}</p>"}], **extra},
        ensure_ascii=False,
    ).encode()  # fmt: skip


@pytest.fixture
def inbox(db):
    home = HomePage.objects.get()
    section = home.add_child(instance=SectionPage(title="سياسة", slug="politics"))
    agency = Agency.objects.create(name="وكالة الأنباء العربية", credit="و.أ.ع")
    arab = Source.objects.create(
        name="وكالة الأنباء العربية", slug="wna", kind=Source.Kind.FOLDER, agency=agency, language="ar",
        usage_terms="يسمح بالترجمة والنشر مع ذكر المصدر",
    )  # fmt: skip
    other = Source.objects.create(name="Global Wire", slug="global", kind=Source.Kind.FOLDER, language="en")
    ingest_bytes(
        ninjs("urn:wna:1", "أحمد أبو الغيط يصل إلى الرياض", "وصل الأمين العام إلى الرياض مساء اليوم."),
        source=arab,
    )
    ingest_bytes(
        ninjs("urn:wna:2", "المركزي الأردني يرفع الفائدة ربع نقطة", "أعلن البنك المركزي رفع الفائدة."),
        source=arab,
    )
    ingest_bytes(ninjs("urn:wna:3", "خبر موقوف", "نص موقوف.", pubstatus="withheld"), source=arab)
    ingest_bytes(
        ninjs("urn:gw:1", "Oil prices climb after OPEC meeting", "Prices rose.", language="en"), source=other
    )
    get_user_model().objects.create_superuser("chief", "chief@example.org", PASSWORD)
    return section, arab, other


def shoot(browser, base, path, name):
    """Phone and desktop screenshots of one page, each loaded at its own width (a resized page keeps
    the layout it was laid out with)."""
    for width in (360, 1280):
        page = browser.new_page(viewport={"width": width, "height": 800}, locale="ar")
        log_in(page, base, "chief", PASSWORD)
        page.goto(f"{base}{path}")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} is {overflow}px wider than a {width}px screen"
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        page.close()


def test_wire_inbox_filter_search_preview_and_translate(browser, live_server, inbox):
    section, arab, other = inbox
    base = live_server.url
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ar")
    page.on("pageerror", lambda error: problems.append(str(error)))
    log_in(page, base, "chief", PASSWORD)

    # The inbox, from the menu: every source's items, newest first, in Arabic.
    page.get_by_role("button", name="مكتب الوكالات").click()
    page.get_by_role("link", name="الوارد").click()
    page.wait_for_url(f"{base}/admin/wire_item/")
    rows = page.locator("table.listing tbody tr")
    assert rows.count() == 4
    assert "أحمد أبو الغيط يصل إلى الرياض" in page.locator("table.listing tbody").inner_text()
    headers = page.locator("table.listing thead").inner_text()
    assert all(label in headers for label in ("العنوان", "المصدر", "اللغة", "الحالة"))

    # Filter by source, then by language, through the filter menu.
    page.get_by_role("button", name="إظهار الفلاتر").click()
    page.locator('[aria-controls="drilldown-id_source"]').click()
    page.select_option("#id_source", label="وكالة الأنباء العربية")
    page.wait_for_function("() => document.querySelectorAll('table.listing tbody tr').length === 3")
    assert "Oil prices" not in page.locator("table.listing tbody").inner_text()
    page.screenshot(path=str(SHOTS / "wire-inbox-filtered-1280.png"), full_page=True)
    # Languages are offered and shown by name, not as codes; an English headline keeps its direction.
    page.goto(f"{base}/admin/wire_item/")
    page.get_by_role("button", name="إظهار الفلاتر").click()
    page.locator('[aria-controls="drilldown-id_language"]').click()
    page.select_option("#id_language", label="الإنجليزية")
    page.wait_for_function("() => document.querySelectorAll('table.listing tbody tr').length === 1")
    assert page.locator("table.listing td.wire-language").inner_text().strip() == "الإنجليزية"
    english = page.locator('table.listing td.title [lang="en"]')
    assert (
        english.inner_text() == "Oil prices climb after OPEC meeting"
        and english.get_attribute("dir") == "auto"
    )

    # Search with a reader's spelling: «احمد» without the hamza finds «أحمد».
    page.goto(f"{base}/admin/wire_item/")
    page.fill("#id_q", "احمد")  # the inbox's own search box (the sidebar has another)
    page.wait_for_function("() => document.querySelectorAll('table.listing tbody tr').length === 1")
    assert "أحمد أبو الغيط يصل إلى الرياض" in page.locator("table.listing tbody").inner_text()
    page.screenshot(path=str(SHOTS / "wire-inbox-search-1280.png"), full_page=True)

    # The item, its usage terms, and the original exactly as the agency sent it.
    page.get_by_role("link", name="أحمد أبو الغيط يصل إلى الرياض").click()
    page.wait_for_url("**/inspect/*/")
    assert "يسمح بالترجمة والنشر مع ذكر المصدر" in page.inner_text("main")
    inspect_url = page.url
    page.get_by_role("link", name="الحمولة الأصلية").click()
    page.wait_for_url("**/payload/*/")
    assert '"uri": "urn:wna:1"' in page.inner_text("body")  # the bytes as received, shown as text
    page.goto(inspect_url)

    # «ترجمة» → choose the section → the Arabic draft in the page editor, linked to the item.
    item = WireItem.objects.get(uri="urn:wna:1")
    page.get_by_role("link", name="ترجمة").click()
    page.wait_for_url(f"{base}/admin/desk/translate/{item.pk}/")
    page.screenshot(path=str(SHOTS / "wire-translate-1280.png"), full_page=True)
    page.select_option("#id_section", label="سياسة")
    page.get_by_role("button", name="ترجمة").click()
    page.wait_for_url("**/admin/pages/*/edit/")
    use = ItemUse.objects.get(item=item)
    article = ArticlePage.objects.get(pk=use.article_id)
    assert page.url == f"{base}/admin/pages/{article.pk}/edit/"
    assert not article.live and article.title == item.headline
    assert page.locator("#id_title").input_value() == "أحمد أبو الغيط يصل إلى الرياض"
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.screenshot(path=str(SHOTS / "wire-draft-1280.png"), full_page=False)
    assert problems == []

    shoot(browser, base, "/admin/wire_item/", "wire-inbox")
    other_item = WireItem.objects.get(uri="urn:wna:2").pk
    shoot(browser, base, f"/admin/wire_item/inspect/{other_item}/", "wire-item")
    shoot(browser, base, f"/admin/desk/translate/{other_item}/", "wire-translate")
