"""Search-engine and social markup: lang/dir, canonical links, OpenGraph, Twitter cards, JSON-LD NewsArticle."""

import datetime as dt
import json

import lxml.html
import pytest

pytestmark = pytest.mark.django_db

ROOT = "http://127.0.0.1:8000"  # the Wagtail Site's root URL, as the data migration sets it


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return lxml.html.fromstring(response.content.decode())


def meta(doc, key):
    found = doc.xpath(f"//meta[@property='{key}' or @name='{key}']/@content")
    return found[0] if found else None


def w3c_datetime(value):
    parsed = dt.datetime.fromisoformat(value)
    assert parsed.tzinfo is not None, value
    return parsed


def test_every_page_type_is_arabic_rtl_with_a_canonical_link(client, make_article, author):
    article = make_article(topics=["روسيا"])
    pages = {
        "/": f"{ROOT}/",
        "/politics/": f"{ROOT}/politics/",
        article.url: f"{ROOT}{article.url}",
        "/authors/sara-almansouri/": f"{ROOT}/authors/sara-almansouri/",
        "/topics/روسيا/": f"{ROOT}/topics/%D8%B1%D9%88%D8%B3%D9%8A%D8%A7/",
    }
    for url, canonical in pages.items():
        doc = head(client, url)
        assert (doc.get("lang"), doc.get("dir")) == ("ar", "rtl"), url
        assert doc.xpath("//link[@rel='canonical']/@href") == [canonical], url
        assert meta(doc, "og:locale") == "ar_AR"
        assert meta(doc, "og:title") and meta(doc, "twitter:card"), url


def test_a_change_of_the_site_reaches_pages_already_cached(client, make_article):
    from wagtail.models import Site

    article = make_article()
    for url in ("/", article.url):
        assert head(client, url).xpath("//link[@rel='canonical']/@href") == [f"{ROOT}{url}"]
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "news.example", 443
    site.save()
    for url in ("/", article.url):
        assert head(client, url).xpath("//link[@rel='canonical']/@href") == [f"https://news.example{url}"]


def test_paginated_listing_canonical_keeps_only_the_page_number(client, make_article):
    for i in range(21):
        make_article(f"خبر {i}", slug=f"s-{i}")
    doc = head(client, "/politics/?page=2&utm_source=x")
    assert doc.xpath("//link[@rel='canonical']/@href") == [f"{ROOT}/politics/?page=2"]


def test_article_opengraph_and_twitter_card(client, make_article, every_block_body):
    article = make_article(body=every_block_body)
    doc = head(client, article.url)
    assert meta(doc, "og:type") == "article"
    assert meta(doc, "og:title") == article.title
    assert meta(doc, "og:url") == f"{ROOT}{article.url}"
    assert meta(doc, "og:description") == article.standfirst
    assert meta(doc, "og:image").startswith(f"{ROOT}/media/images/") and "fill-1200x675" in meta(
        doc, "og:image"
    )
    assert meta(doc, "twitter:card") == "summary_large_image"
    assert meta(doc, "twitter:image") == meta(doc, "og:image")
    w3c_datetime(meta(doc, "article:published_time"))
    w3c_datetime(meta(doc, "article:modified_time"))


def test_article_without_image_shares_the_branded_default(client, make_article):
    doc = head(client, make_article().url)
    assert meta(doc, "og:image").startswith(f"{ROOT}/static/khabar/img/share-default")
    assert meta(doc, "twitter:image") == meta(doc, "og:image")
    assert (meta(doc, "og:image:width"), meta(doc, "og:image:height")) == ("1200", "630")


def json_ld(doc):
    blocks = doc.xpath("//script[@type='application/ld+json']/text()")
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_json_ld_news_article_is_complete(client, make_article, make_author, every_block_body):
    writers = [make_author("سارة المنصوري", "sara"), make_author("ليلى حداد", "layla")]
    article = make_article(
        authors=writers, body=every_block_body, published_at=dt.datetime(2026, 11, 3, 14, 5, tzinfo=dt.UTC)
    )
    type(article).objects.filter(pk=article.pk).update(
        last_published_at=dt.datetime(2026, 11, 3, 16, 0, tzinfo=dt.UTC)
    )
    data = json_ld(head(client, article.url))

    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == article.title and len(data["headline"]) <= 110
    assert data["inLanguage"] == "ar"
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": f"{ROOT}{article.url}"}
    assert w3c_datetime(data["datePublished"]) == dt.datetime(2026, 11, 3, 14, 5, tzinfo=dt.UTC)
    assert w3c_datetime(data["dateModified"]) == dt.datetime(2026, 11, 3, 16, 0, tzinfo=dt.UTC)
    assert data["author"] == [
        {"@type": "Person", "name": "سارة المنصوري", "url": f"{ROOT}/authors/sara/"},
        {"@type": "Person", "name": "ليلى حداد", "url": f"{ROOT}/authors/layla/"},
    ]
    assert data["publisher"] == {"@type": "Organization", "name": "خبر", "url": f"{ROOT}/"}
    assert len(data["image"]) == 1 and data["image"][0].startswith(f"{ROOT}/media/images/")
    assert data["articleSection"] == "سياسة"
    assert data["isBasedOn"] == "https://apnews.com/article/1"


def test_json_ld_house_byline_is_the_publisher(client, make_article):
    data = json_ld(head(client, make_article(authors=[], agency_=None).url))
    assert data["author"] == [{"@type": "Organization", "name": "خبر", "url": f"{ROOT}/"}]
    assert "image" not in data
    agency_copy = json_ld(head(client, make_article("خبر الوكالة", authors=[], slug="agency-copy").url))
    assert agency_copy["author"] == [{"@type": "Organization", "name": "أسوشيتد برس", "url": f"{ROOT}/"}]


def test_json_ld_cannot_break_out_of_its_script(client, make_article):
    article = make_article(title="عنوان </script><script>alert(1)</script>")
    html = client.get(article.url).content.decode()
    assert "</script><script>alert(1)" not in html
    assert json_ld(lxml.html.fromstring(html))["headline"] == article.title


def test_feeds_are_advertised_in_the_head(client, make_article, author):
    article = make_article(topics=["روسيا"])
    section = head(client, "/politics/")
    assert set(section.xpath("//link[@rel='alternate']/@href")) >= {
        "/feeds/rss/",
        "/feeds/atom/",
        f"/feeds/section/{article.section_id}/rss/",
        f"/feeds/section/{article.section_id}/atom/",
    }
    assert "/feeds/author/sara-almansouri/rss/" in head(client, "/authors/sara-almansouri/").xpath(
        "//link/@href"
    )
    assert "/feeds/topic/%D8%B1%D9%88%D8%B3%D9%8A%D8%A7/atom/" in head(client, "/topics/روسيا/").xpath(
        "//link/@href"
    )
