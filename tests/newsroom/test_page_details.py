"""What readers notice: archive titles in words, the description, the current section, sharing, the icons."""

import datetime as dt
import json
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return lxml.html.fromstring(response.content.decode())


@pytest.fixture
def story(make_article):
    return make_article(
        "البرلمان يقر الموازنة", slug="budget", published_at=dt.datetime(2026, 11, 3, 12, tzinfo=dt.UTC)
    )


def test_archive_titles_read_in_words(client, story):
    month = page(client, "/politics/2026/11/")
    assert month.cssselect("h1")[0].text_content().strip() == "أرشيف نوفمبر 2026"
    assert month.findtext(".//title").startswith("أرشيف نوفمبر 2026")
    assert page(client, "/politics/2026/").cssselect("h1")[0].text_content().strip() == "أرشيف 2026"


def test_archive_titles_follow_the_digit_setting(client, story, newsroom_settings):
    newsroom_settings.digits = "arabic-indic"
    newsroom_settings.save()
    assert page(client, "/politics/2026/11/").cssselect("h1")[0].text_content().strip() == "أرشيف نوفمبر ٢٠٢٦"


def test_meta_description_is_the_standfirst_then_the_intro(client, story):
    description = page(client, story.url).cssselect('meta[name="description"]')[0].get("content")
    assert description == story.standfirst
    assert (
        page(client, "/politics/").cssselect('meta[name="description"]')[0].get("content") == "أخبار السياسة"
    )


def test_the_current_section_is_highlighted(client, story, second_section):
    for url in (story.url, "/politics/", "/politics/2026/11/"):
        current = page(client, url).cssselect(".sections a[aria-current]")
        assert [a.text for a in current] == ["سياسة"], url
    assert page(client, "/politics/").cssselect(".sections a[aria-current]")[0].get("aria-current") == "page"
    assert page(client, "/").cssselect(".sections a[aria-current]") == []


def test_share_links_are_plain_links_to_the_article(client, story):
    doc = page(client, story.url)
    links = {a.text: a.get("href") for a in doc.cssselect(".share a")}
    assert set(links) == {"واتساب", "تيليغرام", "إكس", "فيسبوك", "البريد الإلكتروني", "نسخ الرابط"}
    full_url = story.full_url
    assert links["نسخ الرابط"] == full_url
    assert parse_qs(urlsplit(links["فيسبوك"]).query)["u"] == [full_url]
    assert parse_qs(urlsplit(links["تيليغرام"]).query) == {"url": [full_url], "text": [story.title]}
    assert parse_qs(urlsplit(links["إكس"]).query)["url"] == [full_url]
    assert parse_qs(urlsplit(links["واتساب"]).query)["text"] == [f"{story.title} {full_url}"]
    assert links["البريد الإلكتروني"].startswith("mailto:?")
    # The only script is the site's own, and the phone's share button waits for it (hidden).
    scripts = [s.get("src") for s in doc.cssselect("script[src]")]
    assert scripts and all(src.startswith("/static/") for src in scripts)
    assert doc.cssselect(".share-native")[0].get("hidden") is not None


def test_the_article_has_a_side_column_of_latest_stories(client, story, make_article):
    others = [make_article(f"خبر {i}", slug=f"o{i}") for i in range(10)]
    doc = page(client, story.url)
    side = [a.get("href") for a in doc.cssselect(".side-latest a")]
    assert len(side) == 5 and story.url not in side
    related = {a.get("href") for a in doc.cssselect(".related a")}
    assert not related & set(side)
    assert set(side) <= {o.url for o in others}


def test_favicon_and_web_app_manifest(client, home):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert client.get(response["Location"]).status_code == 200
    doc = page(client, "/")
    assert doc.cssselect('link[rel="manifest"]')[0].get("href") == "/manifest.webmanifest"
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["short_name"] == "خبر" and manifest["lang"] == "ar" and manifest["dir"] == "rtl"
    assert "أخبار العالم بالعربية" in manifest["name"]
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon
