"""Search over what a story is about and who wrote it: topics, author names, the section; the
topic and author pages a query names; dates far outside the archive."""

import pytest
from django.core.management import call_command

from khabar.newsroom.models import Author
from khabar.search.results import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def tagged(story):
    # Neither the headline nor the body says «أوكرانيا»: only the topic does.
    return story("كييف تعلن خطة جديدة للطاقة", "أعلنت الحكومة خطة.", topics=["أوكرانيا", "الطاقة"])


def headlines(text, **filters):
    return [r.headline for r in search(text, **filters).results]


def test_a_topic_finds_the_stories_tagged_with_it(tagged, story):
    story("خبر آخر عن الاقتصاد", "ارتفعت الأسعار.")
    assert headlines("أوكرانيا") == [tagged.title]
    assert headlines("الاوكرانية") == [tagged.title]  # the adjective meets the country


def test_an_author_name_finds_their_stories(story, author):
    mine = story("تقرير عن الانتخابات", "جرت الانتخابات.")
    other = Author.objects.create(name="خالد العتيبي", slug="khaled")
    theirs = story("تقرير عن الموازنة", "نوقشت الموازنة.", authors=[other])
    assert headlines("سارة المنصوري") == [mine.title]
    assert headlines("العتيبي") == [theirs.title]


def test_the_section_name_finds_its_stories(story, home):
    from khabar.newsroom.models import SectionPage

    sport = home.add_child(instance=SectionPage(title="رياضة", slug="sport"))
    match = story("فوز كبير في النهائي", "انتهت المباراة.", in_section=sport)
    story("قرار حكومي جديد", "صدر القرار.")
    assert headlines("رياضة") == [match.title]


def test_renaming_an_author_reindexes_their_stories(story, author, django_capture_on_commit_callbacks):
    written = story("تقرير عن الموازنة", "نوقشت الموازنة.")
    with django_capture_on_commit_callbacks(execute=True):
        author.name = "ليلى حداد"
        author.save()
    assert headlines("حداد") == [written.title]
    assert headlines("المنصوري") == []


def test_the_search_page_offers_the_named_topic_first(client, tagged):
    html = client.get("/search/", {"q": "اوكرانيا"}).content.decode()
    assert 'class="search-named"' in html
    assert html.index('href="/topics/') < html.index('class="card search-result"')
    assert "موضوع:" in html and "<bdi>أوكرانيا</bdi>" in html


def test_a_reader_spelling_names_the_topic(client, story):
    story("زيارة رسمية", "التقى الوزيران.", topics=["إسرائيل"])
    html = client.get("/search/", {"q": "اسرائيل"}).content.decode()
    assert "<bdi>إسرائيل</bdi>" in html


def test_the_search_page_offers_an_author_by_name(client, story, author):
    story("تقرير عن الانتخابات", "جرت الانتخابات.")
    html = client.get("/search/", {"q": "سارة المنصوري"}).content.decode()
    assert "كاتب:" in html and f'href="/authors/{author.slug}/"' in html


def test_a_renamed_author_is_offered_by_the_new_name_at_once(client, story, author):
    story("تقرير عن الانتخابات", "جرت الانتخابات.")
    assert (
        f'href="/authors/{author.slug}/"' in client.get("/search/", {"q": "سارة المنصوري"}).content.decode()
    )
    author.name = "سارة منصور"
    author.save()
    html = client.get("/search/", {"q": "سارة منصور"}).content.decode()
    assert f'href="/authors/{author.slug}/"' in html
    assert f'<option value="{author.pk}">سارة منصور</option>' in html  # the form's menu too


def test_a_query_that_names_nothing_offers_no_page(client, tagged):
    html = client.get("/search/", {"q": "كييف"}).content.decode()
    assert 'class="search-named"' not in html


@pytest.mark.parametrize(
    "dates, found",
    [
        ({"date_to": "9999-12-31"}, 1),
        ({"date_from": "0001-01-01", "date_to": "9999-12-31"}, 1),
        ({"date_from": "9999-12-31"}, 0),
        ({"date_to": "0001-01-01"}, 0),
    ],
)
def test_dates_far_outside_the_archive_are_clamped_never_a_500(client, tagged, dates, found):
    page = client.get("/search/", {"q": "كييف", **dates})
    assert page.status_code == 200
    assert ('class="card search-result"' in page.content.decode()) == bool(found)
    api = client.get("/api/search", {"q": "كييف", **dates})
    assert api.status_code == 200 and api.json()["total"] == found


def test_the_api_takes_the_page_filters_and_refuses_bad_ones_in_arabic(client, tagged, story):
    story("كييف يرد", "رد كييف.", days_ago=40)
    assert client.get("/api/search", {"q": "كييف"}).json()["total"] == 2
    recent = client.get("/api/search", {"q": "كييف", "date_from": tagged.first_published_at.date()})
    assert recent.json()["total"] == 1
    bad = client.get("/api/search", {"q": "كييف", "date_to": "31-12-9999"})
    assert bad.status_code == 400 and bad.json()["error"] == "تاريخ النهاية غير صالح."


def test_command_line_search_finds_topics(tagged, capsys):
    call_command("search", "أوكرانيا")
    assert tagged.title in capsys.readouterr().out
