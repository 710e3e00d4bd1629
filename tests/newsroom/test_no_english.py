"""No English on public pages: Latin script only as content, inside an element with its own `lang`."""

import datetime as dt
import json
import re

import lxml.html
import pytest
from django.utils import timezone

from khabar.newsroom.models import ArticleNote, HomePage, RelatedArticle, TopStory
from khabar.readership import counter
from khabar.readership.models import HourlyViews

pytestmark = pytest.mark.django_db

# Latin letters (not the × and ÷ signs that share their Unicode block).
LATIN = re.compile(r"[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]")
READER_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
# <title> cannot hold a `lang` element: a Latin word in a headline shows there as it must;
# the interface part of the title (" — خبر") is checked by the test of the page titles.
INVISIBLE = {"script", "style", "noscript", "template", "title"}


def own_language(element):
    """The `lang` the element declares or inherits from its ancestors ("ar" at the root)."""
    for node in [element, *element.iterancestors()]:
        if node.get("lang"):
            return node.get("lang").lower()
    return ""


def latin_interface_text(html):
    """Every piece of Latin-script text a reader sees or hears outside a non-Arabic `lang` element."""
    doc = lxml.html.fromstring(html)
    leaks = []

    def check(element, value, where):
        if value and LATIN.search(value) and own_language(element).split("-")[0] in ("ar", ""):
            leaks.append(f"{where} in <{element.tag} class={element.get('class')!r}>: {value.strip()[:80]!r}")

    # The <head> shows the reader nothing but the <title>; <link title> names feeds for feed readers.
    for element in doc.body.iter():
        if not isinstance(element.tag, str) or element.tag in INVISIBLE:
            continue
        check(element, element.text, "text")
        # An element's tail belongs to its parent.
        if element.getparent() is not None and element.getparent().tag not in INVISIBLE:
            check(element.getparent(), element.tail, "text")
        for attribute in READER_ATTRIBUTES:
            check(element, element.get(attribute), attribute)
        if element.tag == "button" or (
            element.tag == "input" and element.get("type") in ("submit", "button", "reset")
        ):
            check(element, element.get("value"), "value")
    return leaks


def test_the_checker_catches_english_and_accepts_marked_content():
    leaky = '<html lang="ar"><body><p>اقرأ More</p><img alt="Photo of author"><button aria-label="Close">×</button></body></html>'
    assert len(latin_interface_text(leaky)) == 3
    fine = '<html lang="ar"><body><p>قال <span lang="en">Joe Biden</span></p><a href="x" lang="und" dir="ltr">https://example.com</a><script>var a = "text";</script></body></html>'
    assert latin_interface_text(fine) == []


# The fillers' month has a second archive page whatever the day the test runs.
FILLERS_PUBLISHED = dt.datetime(2026, 11, 10, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def site_with_everything(
    make_article, make_author, make_image, every_block_body, second_section, newsroom_settings
):
    writer = make_author("ليلى حداد", "layla", role="محررة")
    writer.bio = "تكتب عن NATO والأسواق."
    writer.save()
    now = timezone.now()
    body = [
        (
            "paragraph",
            "<p>قال الأمين العام لحلف NATO إن <b>Jens Stoltenberg</b> سيزور <a href='https://example.com/a'>Kyiv</a> غدًا.</p>",
        ),
        *every_block_body,
        ("quote", {"quote": "We will stand together", "attribution": "Joe Biden"}),
        ("image", {"image": make_image(title="IMG_0001 English title"), "caption": "", "credit": "Reuters"}),
    ]
    for i in range(21):  # older than the article, and all in one month (a day before it may be last month)
        make_article(
            f"خبر {i}",
            slug=f"filler-{i}",
            topics=["روسيا"],
            authors=[writer],
            published_at=FILLERS_PUBLISHED - dt.timedelta(minutes=i),
        )
    economy_story = make_article("خبر اقتصادي", slug="eco", in_section=second_section)
    article = make_article(
        "الرئيس يلتقي وفد OPEC في Vienna",
        slug="every-block",
        authors=[writer],
        topics=["روسيا", "Ukraine"],
        body=body,
        published_at=now - dt.timedelta(hours=1),
    )
    article.source_title = "Russia ratifies treaty with Iran"
    # A lead image with a Latin caption and credit (content, marked) and an Arabic alt text.
    article.lead_image = make_image(title="DSC_0042 lead")
    article.lead_image_caption = "جنود من NATO في Kyiv"
    article.lead_image_credit = "Reuters"
    article.lead_image_alt = "جنود يقفون أمام مبنى"
    article.translator = "Mona Selim"  # credited under the byline: a Latin name is content
    # Every element of issue 11's front: the «عاجل» banner, notes, the side column, share links, leads.
    article.breaking_until = now + dt.timedelta(hours=1)
    article.notes = [
        ArticleNote(kind="correction", text="صُحّح اسم المدينة إلى Vienna."),
        ArticleNote(kind="update", text="أضيفت تفاصيل اللقاء."),
    ]
    article.save_revision().publish()
    home = HomePage.objects.get()
    home.lead_story = article
    home.top_stories = [TopStory(article_id=economy_story.pk, sort_order=0)]
    home.save_revision().publish()
    newsroom_settings.credit_translators = True
    newsroom_settings.save()
    RelatedArticle.objects.create(
        article=article, related=make_article("خبر Apple الجديد", slug="apple"), sort_order=0
    )
    # «الأكثر قراءة» beside every article and on the home page, with a Latin word in a headline.
    HourlyViews.objects.create(article=article, hour=counter.hour_of(now), views=3)
    counter.refresh(force=True)
    return article


def public_pages(article):
    when = article.first_published_at
    fillers = FILLERS_PUBLISHED
    return [
        "/",
        "/politics/",
        "/politics/?page=2",
        "/economy/",
        f"/politics/{when:%Y}/",
        f"/politics/{when:%Y}/{when:%m}/",
        f"/politics/{fillers:%Y}/{fillers:%m}/?page=2",
        article.url,
        "/authors/layla/",
        "/authors/layla/?page=2",
        "/topics/روسيا/",
        "/topics/روسيا/?page=2",
        "/topics/ukraine/",
        "/search/?q=روسيا",  # offers the topic page above the results
        "/search/?q=ليلى+حداد",  # and the author's
    ]


def test_no_latin_interface_text_on_any_public_page(client, site_with_everything):
    leaks = {}
    for url in public_pages(site_with_everything):
        response = client.get(url)
        assert response.status_code == 200, url
        if found := latin_interface_text(response.content.decode()):
            leaks[url] = found
    # The crawl met every element of the fronts, so it checked their text too.
    home_html = client.get("/").content.decode()
    article_html = client.get(site_with_everything.url).content.decode()
    for element in ('class="breaking"', 'class="lead-story"', 'class="cards top-cards"'):
        assert element in home_html, element
    for element in (
        'class="breaking"',
        'class="notes"',
        'class="share"',
        'class="side-latest"',
        "breaking-label",
    ):
        assert element in article_html, element
    manifest = json.loads(client.get("/manifest.webmanifest").content)
    if found := [
        manifest[key] for key in ("name", "short_name", "description") if LATIN.search(manifest[key])
    ]:
        leaks["manifest"] = found
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    if found := latin_interface_text(response.content.decode()):
        leaks["404"] = found
    assert leaks == {}


def test_latin_content_is_marked_with_its_own_language(client, site_with_everything):
    doc = lxml.html.fromstring(client.get(site_with_everything.url).content.decode())
    marked = {" ".join(e.text_content().split()) for e in doc.xpath("//*[@lang='und']")}
    for content in (
        "OPEC",
        "Vienna",
        "NATO",
        "Jens Stoltenberg",
        "Kyiv",
        "Mona Selim",
        "Ukraine",
        "Apple",
    ):
        assert content in marked, content
    assert "Russia ratifies treaty with Iran" not in doc.text_content()  # the agency's headline is not shown


def test_page_titles_add_only_arabic_to_the_content(client, site_with_everything):
    for url in public_pages(site_with_everything):
        title = lxml.html.fromstring(client.get(url).content.decode()).findtext(".//title")
        interface = title.replace(site_with_everything.title, "").replace("Ukraine", "")
        assert not LATIN.search(interface), (url, title)


def test_anonymous_readers_get_no_wagtail_userbar(client, site_with_everything):
    html = client.get(site_with_everything.url).content.decode()
    assert "wagtail-userbar" not in html and "/admin/" not in html


def test_no_latin_interface_text_on_the_error_and_refusal_pages(client, settings, make_article):
    """The Arabic 400 page (a body over the upload limit) and the bare rate-limit page of the comments."""
    article = make_article()
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    oversized = client.post(f"/comments/article/{article.pk}/post/", {"comment": "ك" * 2000})
    assert oversized.status_code == 400
    settings.COMMENTS_RATE_LIMITS = {"ip": (0, 600), "session": (100, 600)}
    refused = client.post(f"/comments/article/{article.pk}/post/", {"comment": "ك"})
    assert refused.status_code == 429
    for response in (oversized, refused):
        html = response.content.decode()
        assert '<html lang="ar" dir="rtl">' in html
        assert latin_interface_text(html) == []
