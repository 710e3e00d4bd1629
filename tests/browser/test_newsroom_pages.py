"""The public newsroom in Debian's Chromium at 390 px (phone) and 1366 px (desktop).

Right-to-left layout, dateline and source link on show, no horizontal overflow on a phone, the side
column and grids on a desktop, no request leaving 127.0.0.1, no English interface text, no layout
shift (CLS under 0.1, from a PerformanceObserver in the page) and an accessibility pass: axe-core
(from node_modules) with no serious or critical violation, heading order, alt text, visible focus,
body-text contrast. Screenshots go to var/screenshots/ for a human to look at.
"""

import datetime as dt
import io
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images.models import Image

from khabar.newsroom.models import (
    ArticleAuthor,
    ArticleNote,
    ArticlePage,
    Author,
    HomePage,
    SectionPage,
    TopStory,
)

from ..newsroom.test_no_english import latin_interface_text
from .conftest import SHOTS

WIDTHS = {"phone": 390, "desktop": 1366}
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# Installed before the page's own scripts: every layout shift from the first paint on is counted.
CLS_OBSERVER = """
window.__cls = 0;
window.__shifts = [];
window.__countShift = entry => {
  if (entry.hadRecentInput) return;
  window.__cls += entry.value;
  window.__shifts.push([entry.value.toFixed(3), Math.round(entry.startTime), ...(entry.sources || []).slice(0, 2).map(s =>
    (s.node ? (s.node.className || s.node.nodeName) + ' ' + (s.node.textContent || '').trim().slice(0, 20) : '') +
    ` ${Math.round(s.previousRect.y)}→${Math.round(s.currentRect.y)} h${Math.round(s.previousRect.height)}→${Math.round(s.currentRect.height)}`)]);
};
window.__clsObserver = new PerformanceObserver(list => list.getEntries().forEach(window.__countShift));
window.__clsObserver.observe({type: 'layout-shift', buffered: true});
"""
# Scroll through the page so lazy images load, wait for every image and font, then read the sum.
SETTLED_CLS = """async () => {
  for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight) {
    window.scrollTo(0, y);
    await new Promise(requestAnimationFrame);
  }
  await Promise.all([...document.images].map(img => img.complete ? null :
    new Promise(done => { img.addEventListener('load', done); img.addEventListener('error', done); })));
  await document.fonts.ready;
  await new Promise(requestAnimationFrame);
  window.__clsObserver.takeRecords().forEach(window.__countShift);
  window.scrollTo(0, 0);
  return [window.__cls, window.__shifts];
}"""
AXE_RUN = """() => axe.run(document, {resultTypes: ['violations']}).then(result => result.violations
  .filter(v => v.impact === 'serious' || v.impact === 'critical')
  .map(v => [v.id, v.impact, v.nodes.slice(0, 3).map(n => n.target.join(' '))]))"""

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def picture(title, size, colour):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name="photo.png"))


@pytest.fixture
def newsroom(settings, tmp_path, home, section, make_article):
    settings.MEDIA_ROOT = tmp_path / "media"
    economy = home.add_child(instance=SectionPage(title="اقتصاد", slug="economy", intro="الأسواق والطاقة"))
    writer = Author.objects.create(
        name="ليلى حداد",
        slug="layla",
        role="محررة الشؤون الدولية",
        bio="تغطي الشؤون الروسية والأوروبية منذ عشر سنوات.",
        photo=picture("portrait", (200, 200), (90, 110, 140)),
    )
    colleague = Author.objects.create(
        name="سارة المنصوري", slug="sara", photo=picture("p2", (200, 200), (140, 90, 60))
    )
    now = timezone.now()
    for i in range(6):
        make_article(
            f"خبر سياسي رقم {i + 1} عن تطورات المفاوضات في المنطقة",
            slug=f"politics-{i}",
            authors=[writer],
            published_at=now - dt.timedelta(hours=3 + i),
        )
        make_article(
            f"أسعار النفط تتراجع للمرة {i + 1} هذا الأسبوع",
            slug=f"economy-{i}",
            in_section=economy,
            authors=[],
            published_at=now - dt.timedelta(hours=4 + i),
        )
    article = make_article(
        "مجلس الاتحاد الروسي يصادق على معاهدة التعاون العسكري مع إيران",
        slug="treaty",
        authors=[writer, colleague],
        topics=["روسيا", "إيران"],
        published_at=now - dt.timedelta(hours=1),
        body=[
            (
                "paragraph",
                "<p>صادق مجلس الاتحاد الروسي يوم الأربعاء على معاهدة للتعاون العسكري مع إيران.</p>",
            ),
            ("subheading", "ردود فعل دولية"),
            ("quote", {"quote": "هذه خطوة تاريخية في علاقات البلدين.", "attribution": "وزير الخارجية"}),
            (
                "image",
                {
                    "image": picture("session", (1200, 700), (70, 90, 80)),
                    "caption": "جلسة المجلس",
                    "credit": "أ.ب",
                },
            ),
            ("embed", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
            ("paragraph", "<p>وقال مسؤولون إن الخطوة تأتي في إطار تعزيز العلاقات بين البلدين.</p>"),
        ],
    )
    ArticleAuthor.objects.filter(article=article).count()
    # The front as an editor leaves it: a lead, top stories, a breaking story and a correction.
    article = ArticlePage.objects.get(pk=article.pk)
    article.breaking_until = now + dt.timedelta(hours=2)
    article.notes = [ArticleNote(kind="correction", text="صُحّح تاريخ جلسة التصديق.")]
    article.save_revision().publish()
    home = HomePage.objects.get()
    home.lead_story = article
    home.top_stories = [
        TopStory(article=story, sort_order=i)
        for i, story in enumerate(
            ArticlePage.objects.filter(slug__in=["economy-2", "politics-3", "economy-4"])
        )
    ]
    home.save_revision().publish()
    return {
        "home": "/",
        "section": "/politics/",
        "article": article.url,
        "topic": "/topics/روسيا/",
        "author": "/authors/layla/",
    }


HEADING_ORDER = """() => {
  const levels = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1]);
  return levels;
}"""

CONTRAST = """() => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const background = el => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const worst = [];
  for (const el of document.querySelectorAll('main p, main a, main li, main figcaption, main time, main span, .masthead a, .masthead span, .site-footer p, .site-footer a')) {
    if (!el.textContent.trim() || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || el.closest('.visually-hidden')) continue;
    const [a, b] = [lum(rgb(style.color).slice(0, 3)), lum(background(el))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    worst.push([ratio, el.className || el.tagName, el.textContent.trim().slice(0, 30)]);
  }
  return worst.sort((x, y) => x[0] - y[0]).slice(0, 3);
}"""


def open_page(browser, live_server, path, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="ar")
    context.add_init_script(CLS_OBSERVER)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    base = live_server.url.replace("//localhost:", "//127.0.0.1:")
    response = page.goto(base + path, wait_until="networkidle")
    assert response.status == 200, path
    return context, page, requests


@pytest.mark.parametrize("device", WIDTHS)
@pytest.mark.parametrize("kind", ["home", "section", "article", "topic", "author"])
def test_public_pages_in_chromium(browser, live_server, newsroom, kind, device):
    width = WIDTHS[device]
    context, page, requests = open_page(browser, live_server, newsroom[kind], width)
    try:
        cls, shifts = page.evaluate(SETTLED_CLS)
        assert cls < 0.1, shifts
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"newsroom-{kind}-{device}.png"), full_page=True)

        page.evaluate(AXE.read_text())
        assert page.evaluate(AXE_RUN) == []
        assert latin_interface_text(page.content()) == []
        # The «عاجل» banner is on every page.
        assert page.locator(".breaking a").first.is_visible()

        # Nothing but the site itself.
        assert requests and {urlsplit(url).hostname for url in requests} == {"127.0.0.1"}, requests
        # The Arabic web font and the stylesheet come from the site.
        assert any(url.endswith(".woff2") for url in requests) and any(
            url.endswith("site.css") for url in requests
        )

        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        assert page.evaluate("document.documentElement.lang") == "ar"
        # Right-to-left: the first heading a reader sees hugs the right edge of the content.
        anchor = page.locator(".brand" if kind == "home" else "main h1").first
        box = anchor.bounding_box()
        container = page.locator("main").bounding_box()
        assert container["x"] + container["width"] - (box["x"] + box["width"]) < 20, (box, container)
        if device == "phone":
            assert width - (box["x"] + box["width"]) <= 20, box
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            assert page.evaluate("document.body.scrollWidth") <= width

        if device == "desktop" and kind == "article":
            # The side column stands beside the story (to its left, right to left), not below it.
            story, aside = page.locator(".story").bounding_box(), page.locator(".side-column").bounding_box()
            assert aside["x"] + aside["width"] <= story["x"] and aside["y"] < story["y"] + story["height"]
        if device == "desktop" and kind in ("section", "author"):
            # Listings are a grid: three cards share the first row.
            tops = page.evaluate(
                "[...document.querySelectorAll('.cards > .card')].slice(0, 3).map(c => c.getBoundingClientRect().top)"
            )
            assert len(tops) == 3 and len(set(tops)) == 1, tops
        if kind in ("section", "article"):
            current = page.locator(".sections a[aria-current]")
            assert current.count() == 1 and current.inner_text().strip() == "سياسة"
        if kind == "article":
            assert page.locator(".notes .note-label").inner_text() == "تصحيح"
            share = page.locator(".share a")
            assert share.count() == 6 and share.first.is_visible()
            dateline = page.locator(".story-body .dateline")
            assert dateline.is_visible() and dateline.inner_text().strip() == "موسكو (أ.ب) —"
            source = page.locator("a.source-link")
            assert source.is_visible() and source.inner_text().strip() == "رابط المصدر"
            assert page.locator(".byline img").count() == 2

        # Accessibility: headings in order, alt text, visible focus, contrast.
        levels = page.evaluate(HEADING_ORDER)
        assert levels[0] == 1 and levels.count(1) == 1, levels
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
        assert page.evaluate("[...document.images].filter(i => !i.hasAttribute('alt')).length") == 0
        worst = page.evaluate(CONTRAST)
        assert worst and worst[0][0] >= 4.5, worst

        page.keyboard.press("Tab")  # the skip link comes first and becomes visible
        skip = page.evaluate(
            "(() => { const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();"
            " return [e.className, s.outlineStyle, parseFloat(s.outlineWidth), r.top >= 0]; })()"
        )
        assert skip[0] == "skip-link" and skip[1] != "none" and skip[2] >= 2 and skip[3], skip
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return [document.activeElement.tagName, s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
        )
        assert focused[0] == "A" and focused[1] != "none" and focused[2] >= 2, focused
        if kind == "article":
            page.screenshot(path=str(SHOTS / f"newsroom-{kind}-{device}-focus.png"))
    finally:
        context.close()
