"""RSS 2.0, Atom, sitemap.xml and the Google News sitemap: XML parses, required elements, date formats."""

import datetime as dt
import email.utils

import pytest
from django.test import override_settings
from django.utils import timezone
from lxml import etree

from khabar.newsroom.archive import archive_for
from khabar.newsroom.models import ArticlePage

pytestmark = pytest.mark.django_db

ROOT = "http://127.0.0.1:8000"
ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
# Hardened parser: no network, no entity expansion.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def xml(client, url, content_type):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith(content_type), response["Content-Type"]
    return etree.fromstring(response.content, PARSER)


def rfc822(value):
    parsed = email.utils.parsedate_to_datetime(value)
    assert parsed.tzinfo is not None
    return parsed


def w3c(value):
    parsed = dt.datetime.fromisoformat(value)
    assert parsed.tzinfo is not None, value
    return parsed


@pytest.fixture
def stories(make_article, make_author, author, second_section):
    writer = make_author("ليلى حداد", "layla")
    when = dt.datetime(2026, 11, 3, 14, 5, tzinfo=dt.UTC)
    return {
        "site": make_article("خبر سياسي", slug="a", topics=["روسيا"], published_at=when),
        "other": make_article(
            "خبر اقتصادي",
            slug="b",
            in_section=second_section,
            authors=[writer],
            published_at=when - dt.timedelta(hours=1),
        ),
        "house": make_article(
            "خبر الوكالة", slug="c", authors=[], agency_=None, published_at=when - dt.timedelta(hours=2)
        ),
    }


def feed_urls(stories):
    section = stories["site"].section_id
    return {
        "/feeds/{kind}/": ["خبر سياسي", "خبر اقتصادي", "خبر الوكالة"],
        f"/feeds/section/{section}/{{kind}}/": ["خبر سياسي", "خبر الوكالة"],
        "/feeds/author/layla/{kind}/": ["خبر اقتصادي"],
        "/feeds/topic/روسيا/{kind}/": ["خبر سياسي"],
    }


def test_rss_feeds(client, stories):
    for template, titles in feed_urls(stories).items():
        url = template.format(kind="rss")
        rss = xml(client, url, "application/rss+xml")
        assert rss.tag == "rss" and rss.get("version") == "2.0"
        channel = rss.find("channel")
        for required in ("title", "link", "description"):
            assert channel.findtext(required), (url, required)
        assert channel.findtext("language") == "ar"
        assert channel.findtext("link").startswith(ROOT + "/")
        assert channel.find(f"{ATOM}link").get("href").startswith(ROOT + "/feeds/")
        items = channel.findall("item")
        assert [item.findtext("title") for item in items] == titles, url
        for item in items:
            assert item.findtext("link").startswith(ROOT + "/") and item.findtext("guid") == item.findtext(
                "link"
            )
            rfc822(item.findtext("pubDate"))
        rfc822(channel.findtext("lastBuildDate"))
    first = xml(client, "/feeds/rss/", "application/rss+xml").find("channel/item")
    assert rfc822(first.findtext("pubDate")) == dt.datetime(2026, 11, 3, 14, 5, tzinfo=dt.UTC)
    assert first.findtext("category") == "روسيا"
    assert first.findtext("{http://purl.org/dc/elements/1.1/}creator") == "سارة المنصوري"


def test_atom_feeds(client, stories):
    for template, titles in feed_urls(stories).items():
        url = template.format(kind="atom")
        feed = xml(client, url, "application/atom+xml")
        assert feed.tag == f"{ATOM}feed"
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"
        for required in ("id", "title", "updated"):
            assert feed.findtext(f"{ATOM}{required}"), (url, required)
        w3c(feed.findtext(f"{ATOM}updated"))
        assert feed.find(f"{ATOM}link[@rel='self']").get("href") == ROOT + url.replace(
            "روسيا", "%D8%B1%D9%88%D8%B3%D9%8A%D8%A7"
        )
        entries = feed.findall(f"{ATOM}entry")
        assert [entry.findtext(f"{ATOM}title") for entry in entries] == titles, url
        for entry in entries:
            assert entry.findtext(f"{ATOM}id") and entry.findtext(f"{ATOM}author/{ATOM}name")
            assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith(ROOT + "/")
            w3c(entry.findtext(f"{ATOM}updated"))
            w3c(entry.findtext(f"{ATOM}published"))
    house = [
        e
        for e in xml(client, "/feeds/atom/", "application/atom+xml").findall(f"{ATOM}entry")
        if e.findtext(f"{ATOM}title") == "خبر الوكالة"
    ][0]
    assert house.findtext(f"{ATOM}author/{ATOM}name") == "خبر"


def test_feeds_of_unknown_things_are_404(client, stories):
    for url in ("/feeds/section/999999/rss/", "/feeds/author/nobody/atom/", "/feeds/topic/لا-شيء/rss/"):
        assert client.get(url).status_code == 404


def test_sitemap_index_lists_every_sitemap(client, stories):
    index = xml(client, "/sitemap.xml", "application/xml")
    assert index.tag == f"{SM}sitemapindex"
    locations = [s.findtext(f"{SM}loc") for s in index.findall(f"{SM}sitemap")]
    assert locations == [
        f"{ROOT}/sitemap-sections.xml",
        f"{ROOT}/sitemap-articles-2026-W45.xml",
        f"{ROOT}/sitemap-news.xml",
    ]
    for sitemap in index.findall(f"{SM}sitemap"):
        if sitemap.findtext(f"{SM}lastmod"):
            w3c(sitemap.findtext(f"{SM}lastmod"))


def test_section_and_article_sitemaps(client, stories):
    sections = xml(client, "/sitemap-sections.xml", "application/xml")
    assert [u.findtext(f"{SM}loc") for u in sections.findall(f"{SM}url")] == [
        f"{ROOT}/",
        f"{ROOT}/politics/",
        f"{ROOT}/economy/",
    ]
    articles = xml(client, "/sitemap-articles-2026-W45.xml", "application/xml")
    urls = {u.findtext(f"{SM}loc"): u.findtext(f"{SM}lastmod") for u in articles.findall(f"{SM}url")}
    assert urls == {
        f"{ROOT}{stories['site'].url}": "2026-11-03",
        f"{ROOT}{stories['other'].url}": "2026-11-03",
        f"{ROOT}{stories['house'].url}": "2026-11-03",
    }
    assert client.get("/sitemap-nothing.xml").status_code == 404


def listed(client, url):
    return [u.findtext(f"{SM}loc") for u in xml(client, url, "application/xml").findall(f"{SM}url")]


def article_sitemaps(client):
    index = xml(client, "/sitemap.xml", "application/xml")
    locations = [s.findtext(f"{SM}loc") for s in index.findall(f"{SM}sitemap")]
    return [location for location in locations if "articles" in location]


def test_article_sitemaps_are_one_per_week_from_the_oldest_story_to_the_newest(client, stories, make_article):
    """Each ISO week's file holds the stories first published in it; a week between without a story is
    an empty (valid) file; the single file and the monthly files of before redirect to the index."""
    old = make_article("خبر قديم", slug="old", published_at=dt.datetime(2026, 8, 20, 12, tzinfo=dt.UTC))
    assert article_sitemaps(client) == [f"{ROOT}/sitemap-articles-2026-W{week}.xml" for week in range(34, 46)]
    assert listed(client, "/sitemap-articles-2026-W34.xml") == [f"{ROOT}{old.url}"]
    assert listed(client, "/sitemap-articles-2026-W35.xml") == []
    assert len(listed(client, "/sitemap-articles-2026-W45.xml")) == 3
    for old_url in (
        "/sitemap-articles.xml",
        "/sitemap-articles.xml?p=2",
        "/sitemap-articles-2026-08.xml",
        "/sitemap-articles-2026-11.xml",
    ):
        response = client.get(old_url)
        assert response.status_code == 301 and response["Location"] == "/sitemap.xml", old_url


def test_article_sitemap_weeks_are_iso_weeks_of_the_site_time_zone(client, home, section, make_article):
    """A week runs from Monday 00:00 in the site's time zone; the ISO year of a week at the turn of the
    year is the year of its Thursday; the index crosses the turn of the year."""
    with override_settings(TIME_ZONE="Asia/Riyadh"):  # UTC+3
        sunday = make_article(
            "خبر الأحد", slug="sunday", published_at=dt.datetime(2026, 12, 27, 20, 59, tzinfo=dt.UTC)
        )
        monday = make_article(
            "خبر الاثنين", slug="monday", published_at=dt.datetime(2026, 12, 27, 21, tzinfo=dt.UTC)
        )
        new_year = make_article(
            "خبر العام", slug="new-year", published_at=dt.datetime(2027, 1, 4, 9, tzinfo=dt.UTC)
        )
        assert article_sitemaps(client) == [
            f"{ROOT}/sitemap-articles-2026-W52.xml",
            f"{ROOT}/sitemap-articles-2026-W53.xml",
            f"{ROOT}/sitemap-articles-2027-W01.xml",
        ]
        assert listed(client, "/sitemap-articles-2026-W52.xml") == [f"{ROOT}{sunday.url}"]
        assert listed(client, "/sitemap-articles-2026-W53.xml") == [f"{ROOT}{monday.url}"]
        assert listed(client, "/sitemap-articles-2027-W01.xml") == [f"{ROOT}{new_year.url}"]


@pytest.mark.parametrize(
    "url",
    [
        "/sitemap-articles-2026-W00.xml",
        "/sitemap-articles-2026-W54.xml",
        "/sitemap-articles-2025-W53.xml",  # 2025 has 52 ISO weeks
        "/sitemap-articles-2026-W5.xml",
        "/sitemap-articles-2026-13.xml",
    ],
)
def test_a_week_that_does_not_exist_is_the_arabic_not_found_page(client, home, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "الصفحة غير موجودة" in response.content.decode()


def test_news_sitemap_has_only_the_last_two_days(client, make_article):
    now = timezone.now()
    fresh = make_article("خبر اليوم", slug="today", published_at=now - dt.timedelta(hours=3))
    make_article("خبر قديم", slug="old", published_at=now - dt.timedelta(days=2, hours=1))
    for url in ("/news-sitemap.xml", "/sitemap-news.xml"):
        urlset = xml(client, url, "application/xml")
        assert urlset.tag == f"{SM}urlset"
        entries = urlset.findall(f"{SM}url")
        assert [u.findtext(f"{SM}loc") for u in entries] == [f"{ROOT}{fresh.url}"]
        news = entries[0].find(f"{NEWS}news")
        assert news.findtext(f"{NEWS}publication/{NEWS}name") == "خبر"
        assert news.findtext(f"{NEWS}publication/{NEWS}language") == "ar"
        assert news.findtext(f"{NEWS}title") == "خبر اليوم"
        published = news.findtext(f"{NEWS}publication_date")
        assert w3c(published) == fresh.first_published_at.replace(microsecond=0)


def test_news_sitemap_splits_at_1000_stories(client, section):
    """1,005 stories of the last hour: 1,000 in the first file, 5 on ?p=2, both listed by the index."""
    now = timezone.now()
    month = archive_for(section, now)
    for i in range(1005):
        month.add_child(instance=ArticlePage(title=f"خبر {i}", slug=f"bulk-{i}", live=True))
    half_an_hour_ago = now - dt.timedelta(minutes=30)
    ArticlePage.objects.update(
        first_published_at=half_an_hour_ago, published_at=half_an_hour_ago, last_published_at=half_an_hour_ago
    )
    first = xml(client, "/news-sitemap.xml", "application/xml").findall(f"{SM}url")
    second = xml(client, "/sitemap-news.xml?p=2", "application/xml").findall(f"{SM}url")
    assert len(first) == 1000 and len(second) == 5
    assert not {u.findtext(f"{SM}loc") for u in first} & {u.findtext(f"{SM}loc") for u in second}
    index = [
        s.findtext(f"{SM}loc") for s in xml(client, "/sitemap.xml", "application/xml").findall(f"{SM}sitemap")
    ]
    assert f"{ROOT}/sitemap-news.xml?p=2" in index
    assert client.get("/sitemap-news.xml?p=3").status_code == 404


def test_robots_txt_points_at_the_sitemaps(client, home):
    body = client.get("/robots.txt").content.decode()
    assert f"Sitemap: {ROOT}/sitemap.xml" in body and f"Sitemap: {ROOT}/news-sitemap.xml" in body
