"""Home, section, archive, author and topic pages, their pagination, and the error pages."""

import datetime as dt

import lxml.html
import pytest
from django.test import RequestFactory
from django.utils import timezone

from khabar.core import errors
from khabar.newsroom.models import SectionPage

pytestmark = pytest.mark.django_db


def titles(html, selector=".card-title a"):
    return [a.text_content().strip() for a in lxml.html.fromstring(html).cssselect(selector)]


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def test_home_shows_the_lead_latest_and_a_block_per_section_without_repeats(
    client, make_article, second_section
):
    now = timezone.now()
    for i in range(10):
        make_article(f"سياسة {i}", published_at=now - dt.timedelta(hours=10 + i))
    for i in range(2):
        make_article(f"اقتصاد {i}", in_section=second_section, published_at=now - dt.timedelta(hours=i))
    doc = lxml.html.fromstring(get(client, "/"))

    assert [a.text_content() for a in doc.cssselect(".lead-story .card-title a")] == ["اقتصاد 0"]
    latest = [a.text_content() for a in doc.cssselect("section.latest .card-title a")]
    assert latest == ["اقتصاد 1", "سياسة 0", "سياسة 1", "سياسة 2", "سياسة 3", "سياسة 4"]
    blocks = {
        block.cssselect("h2 a")[0].text_content(): [
            a.text_content() for a in block.cssselect(".card-title a")
        ]
        for block in doc.cssselect("section.section-block")
    }
    # The economy section's stories are all above already: it gets no block.
    assert blocks == {"سياسة": ["سياسة 5", "سياسة 6", "سياسة 7", "سياسة 8"]}
    assert doc.cssselect("section.section-block h2 a")[0].get("href") == "/politics/"


def test_home_without_stories_says_so(client, home):
    assert "لا توجد أخبار منشورة بعد." in get(client, "/")


def test_section_lists_its_own_stories_newest_first_and_paginates(client, make_article, second_section):
    now = timezone.now()
    for i in range(23):
        make_article(f"خبر {i}", published_at=now - dt.timedelta(minutes=i), slug=f"s-{i}")
    make_article("خبر اقتصادي", in_section=second_section)

    first = get(client, "/politics/")
    assert titles(first) == [f"خبر {i}" for i in range(20)]
    pager = lxml.html.fromstring(first).cssselect("nav.pagination")[0]
    # The page's number, not "of N": counting a section's whole archive would cost as much as it holds.
    assert pager.cssselect(".current")[0].text_content() == "الصفحة 1"
    assert pager.cssselect("a[rel=next]")[0].get("href") == "?page=2"
    assert not pager.cssselect("a[rel=prev]")

    second = get(client, "/politics/?page=2")
    assert titles(second) == ["خبر 20", "خبر 21", "خبر 22"]
    pager = lxml.html.fromstring(second).cssselect("nav.pagination")[0]
    assert pager.cssselect("a[rel=prev]")[0].get("href") == "?page=1"
    assert not pager.cssselect("a[rel=next]")
    # Nonsense is the first page; a page past the end is the Arabic «not found» page.
    assert titles(get(client, "/politics/?page=abc")) == titles(first)
    assert titles(get(client, "/politics/?page=-3")) == titles(first)
    assert "الصفحة غير موجودة" in get(client, "/politics/?page=99", status=404)


def test_section_page_uses_arabic_indic_digits_in_pagination_when_set(
    client, make_article, newsroom_settings
):
    newsroom_settings.digits = "arabic-indic"
    newsroom_settings.save()
    for i in range(21):
        make_article(f"خبر {i}", slug=f"s-{i}")
    assert "الصفحة ١" in get(client, "/politics/")


def test_year_and_month_archives_list_only_their_period(client, make_article, section):
    make_article("خبر نوفمبر", published_at=dt.datetime(2026, 11, 3, 14, 5, tzinfo=dt.UTC))
    make_article("خبر أكتوبر", published_at=dt.datetime(2026, 10, 20, 9, 0, tzinfo=dt.UTC))
    make_article("خبر قديم", published_at=dt.datetime(2025, 1, 5, 9, 0, tzinfo=dt.UTC))

    year = get(client, "/politics/2026/")
    assert titles(year) == ["خبر نوفمبر", "خبر أكتوبر"]
    assert lxml.html.fromstring(year).cssselect("h1")[0].text_content().strip() == "أرشيف 2026"
    assert titles(get(client, "/politics/2026/11/")) == ["خبر نوفمبر"]
    assert titles(get(client, "/politics/2025/01/")) == ["خبر قديم"]
    get(client, "/politics/2024/", status=404)


def test_archive_paginates(client, make_article):
    when = timezone.now() - dt.timedelta(hours=1)
    for i in range(21):
        make_article(f"خبر {i}", slug=f"s-{i}", published_at=when - dt.timedelta(minutes=i))
    path = f"/politics/{when:%Y}/{when:%m}/"
    assert len(titles(get(client, path))) == 20
    assert titles(get(client, path + "?page=2")) == ["خبر 20"]


def test_author_page_shows_profile_and_their_stories_paginated(client, make_article, make_author, author):
    writer = make_author("ليلى حداد", "layla-haddad", role="محررة الاقتصاد")
    writer.bio = "تكتب عن الأسواق العربية."
    writer.save()
    for i in range(21):
        make_article(
            f"خبر ليلى {i}",
            slug=f"l-{i}",
            authors=[writer],
            published_at=timezone.now() - dt.timedelta(minutes=i),
        )
    make_article("خبر سارة", authors=[author])

    html = get(client, "/authors/layla-haddad/")
    doc = lxml.html.fromstring(html)
    assert doc.cssselect("h1")[0].text_content().strip() == "ليلى حداد"
    assert doc.cssselect(".author-portrait")[0].get("alt") == "صورة ليلى حداد"
    assert "محررة الاقتصاد" in html and "تكتب عن الأسواق العربية." in html
    assert titles(html) == [f"خبر ليلى {i}" for i in range(20)]
    assert titles(get(client, "/authors/layla-haddad/?page=2")) == ["خبر ليلى 20"]
    get(client, "/authors/nobody/", status=404)


def test_topic_page_lists_tagged_stories_paginated(client, make_article):
    for i in range(21):
        make_article(
            f"خبر روسيا {i}",
            slug=f"r-{i}",
            topics=["روسيا"],
            published_at=timezone.now() - dt.timedelta(minutes=i),
        )
    make_article("خبر آخر", topics=["مصر"])

    html = get(client, "/topics/روسيا/")
    assert lxml.html.fromstring(html).cssselect("h1")[0].text_content().strip() == "موضوع: روسيا"
    assert titles(html) == [f"خبر روسيا {i}" for i in range(20)]
    assert titles(get(client, "/topics/روسيا/?page=2")) == ["خبر روسيا 20"]
    get(client, "/topics/لا-يوجد/", status=404)


def test_unpublished_and_draft_stories_are_not_listed(client, make_article):
    kept = make_article("خبر منشور")
    hidden = make_article("خبر مسحوب", slug="hidden")
    hidden.unpublish()
    assert titles(get(client, "/politics/")) == [kept.title]
    get(client, hidden.url or "/politics/2026/11/hidden/", status=404)


def test_404_is_arabic_and_right_to_left(client, home):
    html = get(client, "/لا-توجد-صفحة/", status=404)
    doc = lxml.html.fromstring(html)
    assert doc.get("lang") == "ar" and doc.get("dir") == "rtl"
    assert doc.cssselect("h1")[0].text_content() == "الصفحة غير موجودة"
    assert 'rel="canonical"' not in html


def test_404_handler_is_wired():
    from khabar import urls

    assert urls.handler404 == "khabar.core.errors.page_not_found"
    assert urls.handler500 == "khabar.core.errors.server_error"


# No django_db mark: pytest-django fails this test if the handler touches the database.
@pytest.mark.django_db(False)
def test_500_handler_renders_arabic_without_the_database():
    response = errors.server_error(RequestFactory().get("/politics/"))
    assert response.status_code == 500
    doc = lxml.html.fromstring(response.content.decode())
    assert doc.get("lang") == "ar" and doc.get("dir") == "rtl"
    assert doc.cssselect("h1")[0].text_content() == "حدث خطأ غير متوقع"


def test_500_from_a_failing_view_is_arabic(client, home, monkeypatch):
    def explode(self, request, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(SectionPage, "get_context", explode)
    home.add_child(instance=SectionPage(title="رياضة", slug="sport"))
    client.raise_request_exception = False
    response = client.get("/sport/")
    assert response.status_code == 500
    assert "حدث خطأ غير متوقع" in response.content.decode()
    assert "boom" not in response.content.decode()
