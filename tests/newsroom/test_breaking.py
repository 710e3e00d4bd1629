"""Breaking news: a banner on every page from publication until the story's expiry, through the page cache."""

import datetime as dt

import lxml.html
import pytest
from django.utils import timezone
from lxml import etree

from khabar.core.pagecache import HEADER

pytestmark = pytest.mark.django_db

PAGES = ["/", "/politics/", "/authors/sara-almansouri/", "/topics/روسيا/"]


def banner(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    doc = lxml.html.fromstring(response.content.decode())
    return [a.text_content() for a in doc.cssselect(".breaking a")], response.get(HEADER)


def mark_breaking(article, until):
    article.breaking_until = until
    article.save_revision().publish()


@pytest.fixture
def stories(make_article):
    return [make_article(f"خبر {i}", slug=f"s{i}", topics=["روسيا"]) for i in range(3)]


def test_the_banner_appears_on_cached_pages_as_soon_as_the_story_is_published(client, stories):
    urls = [*PAGES, stories[1].url]
    for url in urls:
        assert banner(client, url)[0] == []
    assert banner(client, "/")[1] == "hit"  # cached without a banner

    mark_breaking(stories[0], timezone.now() + dt.timedelta(hours=2))
    for url in urls:
        assert banner(client, url)[0] == [stories[0].title], url
    # The story's own page says «عاجل» beside its section.
    doc = lxml.html.fromstring(client.get(stories[0].url).content.decode())
    assert doc.cssselect(".kicker .breaking-label")[0].text == "عاجل"


def test_unmarking_or_unpublishing_takes_the_banner_down(client, stories):
    mark_breaking(stories[0], timezone.now() + dt.timedelta(hours=2))
    mark_breaking(stories[1], timezone.now() + dt.timedelta(hours=1))
    assert sorted(banner(client, "/")[0]) == [stories[0].title, stories[1].title]
    assert banner(client, "/")[1] == "hit"

    mark_breaking(stories[0], None)
    assert banner(client, "/")[0] == [stories[1].title]
    stories[1].unpublish()
    assert banner(client, "/")[0] == []


def test_the_banner_goes_at_the_expiry_although_the_page_was_cached(client, stories, monkeypatch, settings):
    if "locmem" not in settings.CACHES["default"]["BACKEND"]:
        # The test moves the cache's clock, which only the local-memory cache reads from Python; Redis
        # expires the same entry by its TTL, which page_lifetime caps at the expiry like here.
        pytest.skip("moves the local-memory cache's clock")
    settings.PAGE_CACHE_SECONDS = 600
    start = timezone.now()
    mark_breaking(stories[0], start + dt.timedelta(seconds=60))
    assert banner(client, "/")[0] == [stories[0].title]
    assert banner(client, "/")[1] == "hit"

    # Two minutes later (well within the page cache's ten): the clocks of the site and the cache move.
    import time as real_time

    from django.core.cache.backends import locmem

    later = real_time.time() + 120
    monkeypatch.setattr(locmem, "time", type("Clock", (), {"time": staticmethod(lambda: later)}))
    monkeypatch.setattr(timezone, "now", lambda: start + dt.timedelta(seconds=120))
    titles, cached = banner(client, "/")
    assert titles == [] and cached == "miss"


def test_feeds_mark_breaking_stories(client, stories):
    mark_breaking(stories[2], timezone.now() + dt.timedelta(hours=1))
    rss = etree.fromstring(client.get("/feeds/rss/").content)
    categories = {
        item.findtext("title"): [c.text for c in item.findall("category")] for item in rss.iter("item")
    }
    assert categories[stories[2].title][0] == "عاجل"
    assert "عاجل" not in categories[stories[0].title]
    atom = etree.fromstring(client.get("/feeds/atom/").content)
    ns = "{http://www.w3.org/2005/Atom}"
    terms = {
        entry.findtext(f"{ns}title"): [c.get("term") for c in entry.findall(f"{ns}category")]
        for entry in atom.iter(f"{ns}entry")
    }
    assert "عاجل" in terms[stories[2].title] and "عاجل" not in terms[stories[1].title]


def test_pages_that_are_not_cached_stay_uncached_with_the_banner(client, stories, admin_user):
    mark_breaking(stories[0], timezone.now() + dt.timedelta(hours=1))
    client.force_login(admin_user)
    response = client.get("/")
    assert HEADER not in response and "عاجل" in response.content.decode()
