"""The desk's day with two people, in Debian's Chromium: a translator and an editor (who also reviews
translations). A wire story arrives (twice: two agencies), the translator opens it from the inbox, takes the
memory's and the glossary's suggestions, leaves an English word, sees it flagged, fixes it and submits; the
editor sends it back with a note; the translator fixes it and submits again; the editor approves and it is
published, then found by an anonymous reader on the home page, its section, search and the feeds. A second
story is published over a flagged check with the editor's written reason.
Screenshots at 390 and 1366 px go to var/screenshots/day-*.png."""

from urllib.parse import unquote

import pytest
from django.contrib.auth.models import Group

from khabar.desk.models import MemorySegment, PublishOverride, Translation
from khabar.newsroom.models import ArticlePage
from khabar.wire.models import WireItem

from .conftest import EDITOR_PASSWORD, SHOTS, TRANSLATOR_PASSWORD, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

HEADLINE = "روسيا تصادق على معاهدة عسكرية مع بيلاروس"
STANDFIRST = "أيّد المشرعون الاتفاق مع حليف موسكو."
LEAKED = "موسكو (أ.ب) — صادق مجلس الاتحاد الروسي على المعاهدة العسكرية مع بيلاروس يوم الأربعاء ratified."
FIRST = "موسكو (أ.ب) — صادق مجلس الاتحاد الروسي على المعاهدة العسكرية مع بيلاروس يوم الأربعاء."
SECOND = "ووقّعها الرئيس فلاديمير بوتين لتصبح قانونا نافذا يوم الخميس."
NOTE = "اكتب «الرئيس الروسي» في الفقرة الثانية"
SECOND_FIXED = "ووقّعها الرئيس الروسي فلاديمير بوتين لتصبح قانونا نافذا يوم الخميس."
REASON = "اسم الشركة يُكتب بالإنجليزية عمدًا"


@pytest.fixture
def newsroom(desk_day):
    # Today's editor also reviews translations: the translators' step and the editors' are both his.
    desk_day.editor.groups.add(Group.objects.get(name="المترجمون"))
    # The memory holds a near sentence from an earlier story: a fuzzy suggestion for the second paragraph.
    MemorySegment.objects.create(
        source="Vladimir Putin signed it into law on Wednesday.",
        target="ووقّعها الرئيس فلاديمير بوتين لتصبح قانونا نافذا يوم الأربعاء.",
    )
    second = "<p>Vladimir Putin signed it into law on Thursday.</p>"
    summary = "Lawmakers backed the pact with Moscow's ally."
    treaty = "Russia's Federation Council ratified the military treaty with Belarus on Wednesday."
    for uri, agency, headline, first, link in [
        ("urn:ap:day-1", "The Associated Press", "Russia ratifies military treaty with Belarus",
         f"MOSCOW (AP) — {treaty}", "https://example.com/day-1"),
        ("urn:reuters:day-1", "Reuters", "Russia's upper house ratifies Belarus military treaty",
         f"MOSCOW (Reuters) — {treaty}", "https://example.com/day-1"),
    ]:  # fmt: skip
        desk_day.wire(uri, headline, f"<p>{first}</p>{second}", agency=agency, summary=summary, link=link)
    desk_day.wire(
        "urn:ap:day-2",
        "Smartphone sales rise in Russia",
        "<p>MOSCOW (AP) — Sales of the Galaxy phone rose sharply in Russia this year, retailers said on "
        f"Wednesday.</p>{second}",
        summary="Retailers report strong demand.",
        link="https://example.com/day-2",
    )
    return desk_day.section


def shoot(page, name):
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"day-{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})


def _person(browser, base, username, password, problems):
    page = browser.new_context(viewport={"width": 1366, "height": 900}, locale="ar").new_page()
    page.on("pageerror", lambda error: problems.append(f"{username}: {error}"))
    log_in(page, base, username, password)
    return page


def _step(page, name, comment=None):
    if comment is not None:
        page.fill("#review-comment", comment)
    page.locator(f"[data-review-action={name}]").click()
    page.wait_for_load_state()


def _open_from_inbox(page, base, headline):
    page.goto(f"{base}/admin/wire_item/")
    page.get_by_role("link", name=headline).click()
    page.wait_for_url("**/inspect/*/")
    page.get_by_role("link", name="ترجمة").click()
    page.wait_for_url("**/admin/desk/translate/*/")
    page.select_option("#id_section", label="سياسة")
    page.get_by_role("button", name="ترجمة").click()
    page.wait_for_selector(".desk-segment")
    return Translation.objects.get(item__headline=headline)


def test_the_desks_day_with_a_translator_and_an_editor(browser, live_server, newsroom):
    SHOTS.mkdir(parents=True, exist_ok=True)
    base, problems = live_server.url, []
    mona = _person(browser, base, "mona", TRANSLATOR_PASSWORD, problems)

    # The inbox: one entry for the story two agencies sent.
    mona.goto(f"{base}/admin/wire_item/")
    entry = mona.locator("table.listing tbody tr", has=mona.locator(".wire-folded"))
    assert entry.count() == 1
    shoot(mona, "inbox")

    translation = _open_from_inbox(mona, base, "Russia ratifies military treaty with Belarus")
    segments = {s.position: s for s in translation.segments.all()}
    by_kind = {}
    for segment in segments.values():
        by_kind.setdefault(segment.kind, []).append(segment)
    headline, standfirst = by_kind["headline"][0], by_kind["standfirst"][0]
    first, second = by_kind["paragraph"]
    shoot(mona, "desk-editor")

    # Suggestions: the glossary's terms for the first paragraph, the memory's near match for the second.
    terms = mona.locator(f'[data-segment="{first.pk}"] .desk-terms').inner_text()
    assert "مجلس الاتحاد الروسي" in terms and "بيلاروس" in terms
    suggestion = mona.locator(f'[data-segment="{second.pk}"] .desk-suggestion[data-status=memory]').first
    assert "يوم الأربعاء" in suggestion.inner_text()
    suggestion.click()
    assert mona.locator(f"#target-{second.pk}").input_value().startswith("ووقّعها الرئيس فلاديمير بوتين")
    mona.fill(f"#target-{headline.pk}", HEADLINE)
    mona.fill(f"#target-{standfirst.pk}", STANDFIRST)
    mona.fill(f"#target-{first.pk}", LEAKED)
    flagged = mona.locator(f'[data-segment="{first.pk}"] [data-code="untranslated"]')
    flagged.wait_for()
    assert "ratified" in flagged.inner_text()
    shoot(mona, "flagged")
    mona.fill(f"#target-{first.pk}", FIRST)
    flagged.wait_for(state="detached")
    mona.fill(f"#target-{second.pk}", SECOND)
    _step(mona, "submit")
    assert mona.locator(".desk-standing").get_attribute("data-stage") == "review"
    mona.goto(f"{base}/admin/desk/")
    row = mona.locator("table.desk-stories tr", has_text=HEADLINE)
    assert row.get_attribute("data-stage") == "review" and "منى" in row.inner_text()
    shoot(mona, "desk-list-waiting")

    # The editor finds it on the dashboard and sends it back with a note.
    sami = _person(browser, base, "sami", EDITOR_PASSWORD, problems)
    panel = sami.locator("#desk-awaiting-review-section")
    assert HEADLINE in panel.inner_text()
    shoot(sami, "dashboard")
    panel.get_by_role("link", name=HEADLINE).click()
    sami.wait_for_selector(".desk-segment")
    _step(sami, "reject", NOTE)
    assert sami.locator(".desk-standing").get_attribute("data-stage") == "sent_back"

    # The translator reads the note, fixes the paragraph and submits again.
    mona.goto(f"{base}/admin/desk/")
    row = mona.locator("table.desk-stories tr", has_text=HEADLINE)
    assert row.get_attribute("data-stage") == "sent_back" and NOTE in row.inner_text()
    shoot(mona, "desk-list-sent-back")
    row.get_by_role("link", name=HEADLINE).click()
    mona.wait_for_selector(".desk-segment")
    assert NOTE in mona.locator(".desk-standing").inner_text()
    mona.fill(f"#target-{second.pk}", SECOND_FIXED)
    _step(mona, "submit")
    assert mona.locator(".desk-standing").get_attribute("data-stage") == "review"

    # The editor approves the translation review, then the publication.
    sami.reload()
    _step(sami, "approve")
    assert "موافقة المحرر" in sami.locator(".desk-standing").inner_text()
    _step(sami, "approve")
    assert sami.locator(".desk-standing").get_attribute("data-stage") == "published"
    shoot(sami, "published-desk")
    article = ArticlePage.objects.get(pk=translation.article_id)
    assert article.live and article.title == HEADLINE

    # An anonymous reader finds it everywhere.
    reader = browser.new_context(viewport={"width": 390, "height": 900}, locale="ar").new_page()
    reader.goto(f"{base}{article.url}")
    story = reader.locator("main").inner_text()
    assert FIRST.split(" — ", 1)[1] in story and SECOND_FIXED in story and "ratified" not in story
    assert "رابط" in story or reader.locator("a.source-link").count() == 1
    shoot(reader, "article")
    for where in ("/", newsroom.url, "/search/?q=بيلاروس"):
        reader.goto(f"{base}{where}")
        assert reader.get_by_role("link", name=HEADLINE).count() >= 1, where
    shoot(reader, "search")
    for feed in ("/feeds/rss/", "/feeds/atom/"):
        assert HEADLINE in reader.request.get(f"{base}{feed}").text(), feed
    details = {
        "slug": unquote(article.slug),
        "agency": article.agency.name if article.agency else None,
        "dateline": article.dateline_city,
        "standfirst": article.standfirst,
    }
    print("published:", details)  # noqa: T201 — what landed from the hand-off, for the report

    # The same story from the other agency: «ترجمة» warns and links to the article already made.
    twin = WireItem.objects.get(uri="urn:reuters:day-1")
    mona.goto(f"{base}/admin/desk/translate/{twin.pk}/")
    warning = mona.locator(".desk-already-on-desk")
    assert HEADLINE in warning.inner_text()
    assert (
        warning.get_by_role("link", name=HEADLINE).get_attribute("href")
        == f"/admin/desk/translation/{translation.pk}/"
    )
    shoot(mona, "already-on-desk")
    assert not Translation.objects.filter(item=twin).exists()

    # A second story: the editor overrides a flagged brand name with a written reason.
    other = _open_from_inbox(mona, base, "Smartphone sales rise in Russia")
    segments = {s.kind + str(s.position): s for s in other.segments.all()}
    texts = [
        "ارتفاع مبيعات الهواتف الذكية في روسيا",
        "أفاد تجار التجزئة بطلب قوي.",
        "موسكو (أ.ب) — ارتفعت مبيعات هاتف Galaxy بشدة في روسيا هذا العام، وفق ما قاله تجار التجزئة الأربعاء.",
        SECOND,
    ]
    for segment, text in zip(sorted(segments.values(), key=lambda s: s.position), texts, strict=True):
        mona.fill(f"#target-{segment.pk}", text)
    mona.locator('[data-code="untranslated"]').first.wait_for()
    _step(mona, "submit")
    sami.goto(f"{base}/admin/desk/translation/{other.pk}/")
    _step(sami, "approve")
    assert sami.locator("[data-review-action=approve]").count() == 0  # errors: only the override
    _step(sami, "override", REASON)
    shoot(sami, "override-published")
    assert ArticlePage.objects.get(pk=other.article_id).live
    assert PublishOverride.objects.get(article_id=other.article_id).reason == REASON
    assert WireItem.objects.count() == 3
    assert problems == []
