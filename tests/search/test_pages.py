"""/search/, /api/search and `khabar search`: Arabic pages, one JSON shape, bounded queries."""

import json
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from khabar.newsroom.models import Author

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(story):
    old = story("الأمم المتّحدة تدعو إلى هدنة", "وقال مسؤولون في الأمم المتحدة إنّ الهدنة ضرورية.", days_ago=30)
    new = story("مجلس الأمن يناقش الهدنة", "ناقش المجلس مشروع قرار.", days_ago=1)
    story("أخبار الاقتصاد", "ارتفعت أسعار النفط.", days_ago=2)
    return old, new


def test_search_page_highlights_matches_in_arabic(client, stories):
    response = client.get("/search/", {"q": "الهدنه"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in html
    assert "<mark>هدنة</mark>" in html and "<mark>الهدنة</mark>" in html
    assert re.search("عدد النتائج: [2٢]<", html)
    assert html.index("مجلس الأمن يناقش") < html.index("الأمم المتّحدة تدعو")  # newer first at equal relevance
    assert "أخبار الاقتصاد" not in html


def test_search_page_escapes_the_query_and_the_text(client, stories):
    html = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html


def test_no_results_page_offers_suggestions(client, stories):
    html = client.get("/search/", {"q": "الهدنة بيتزا"}).content.decode()
    assert "لا توجد نتائج" in html
    assert "?q=%D8%A7%D9%84%D9%87%D8%AF%D9%86%D8%A9" in html  # «الهدنة» alone finds two
    html = client.get("/search/", {"q": "النفط", "date_to": "2000-01-01"}).content.decode()
    assert "لا توجد نتائج" in html and "ابحث في كل الأقسام والتواريخ" in html


def test_filters_sort_and_bad_input_on_the_page(client, stories, author):
    other = Author.objects.create(name="خالد", slug="khalid")
    html = client.get("/search/", {"q": "الهدنة", "author": other.pk}).content.decode()
    assert "لا توجد نتائج" in html
    html = client.get("/search/", {"q": "الهدنة", "sort": "date"}).content.decode()
    assert html.index("مجلس الأمن") < html.index("الأمم المتّحدة تدعو")
    response = client.get("/search/", {"q": "الهدنة", "date_from": "أمس", "section": "999999", "sort": "x"})
    html = response.content.decode()
    assert response.status_code == 200
    for error in ["تاريخ البداية غير صالح.", "هذا القسم غير موجود.", "ترتيب غير معروف."]:
        assert error in html
    html = client.get(
        "/search/", {"q": "الهدنة", "date_from": "2026-02-01", "date_to": "2026-01-01"}
    ).content.decode()
    assert "تاريخ النهاية قبل تاريخ البداية." in html


def test_pagination_keeps_the_query(client, story):
    for i in range(22):
        story(f"تقرير الطاقة {i}", "الطاقة.", days_ago=i + 1)
    html = client.get("/search/", {"q": "الطاقة", "sort": "date"}).content.decode()
    assert re.search("الصفحة [1١] من [2٢]<", html)
    link = re.search(r'rel="next" href="\?([^"]+)"', html).group(1).replace("&amp;", "&")
    assert "q=" in link and "sort=date" in link and link.endswith("page=2")
    html = client.get("/search/?" + link).content.decode()
    assert html.count('class="card search-result"') == 2


def test_public_page_has_no_english(client, stories):
    html = client.get("/search/", {"q": "الهدنة"}).content.decode()
    visible = re.sub(r"<[^>]+>|&\w+;|https?://\S+", " ", html)
    assert not re.search(r"\b(Search|Results|No results|Next|Previous|Page)\b", visible)


def test_api_returns_exactly_the_documented_shape(client, stories):
    old, new = stories
    response = client.get("/api/search", {"q": "الهدنه", "limit": 5})
    data = response.json()
    assert response["Content-Type"].startswith("application/json")
    assert set(data) == {"total", "results"} and data["total"] == 2
    assert [set(r) for r in data["results"]] == [
        {"url", "headline", "published_at", "source_url", "score"}
    ] * 2
    assert [r["headline"] for r in data["results"]] == [new.title, old.title]
    assert data["results"][0]["url"].endswith(new.url) and data["results"][0]["source_url"] == new.source_url
    assert data["results"][0]["score"] > data["results"][1]["score"] > 0
    assert client.get("/api/search", {"q": "الهدنه", "limit": 1}).json()["total"] == 2


@pytest.mark.parametrize("limit", ["0", "101", "abc"])
def test_api_rejects_bad_limits_in_arabic(client, limit):
    response = client.get("/api/search", {"q": "الهدنة", "limit": limit})
    assert response.status_code == 400 and "limit" in response.json()["error"]


def test_api_empty_query(client, stories):
    assert client.get("/api/search").json() == {"total": 0, "results": []}


def test_search_queries_are_bounded(client, stories, django_assert_max_num_queries):
    # Warm the site and settings caches, and the map of topic and author names: the first view
    # creates the site settings, which renews the listing tag the map is cached under.
    client.get("/search/", {"q": "الهدنة"})
    client.get("/search/", {"q": "الهدنة", "warm": 2})
    # PostgreSQL: a savepoint, the date-order walk, the span and planner settings, the GIN matches,
    # the settings back and the scores (engines/postgres.py); SQLite needs fewer. Every page also reads
    # the versions of the tags it shows (listing, settings, and since the breaking banner, breaking).
    with django_assert_max_num_queries(15):
        client.get("/search/", {"q": "الهدنة", "page": 1, "x": 1})
    # The API: the engine's queries, the results, and one read of its tags' versions (kept in the database
    # so that every process sees a change).
    with django_assert_max_num_queries(9):
        client.get("/api/search", {"q": "الهدنة", "x": 1})


def test_results_are_cached_until_the_next_publication(client, stories, story):
    assert client.get("/api/search", {"q": "النفط"}).json()["total"] == 1
    assert client.get("/api/search", {"q": "النفط"})["X-Khabar-Cache"] == "hit"
    story("النفط يرتفع", "أسعار النفط.")
    assert client.get("/api/search", {"q": "النفط"}).json()["total"] == 2


def test_masthead_has_the_search_form(client, stories):
    html = client.get("/").content.decode()
    assert 'action="/search/"' in html and 'role="search"' in html


def test_cli_json_is_the_api_json(client, stories):
    out = StringIO()
    call_command("search", "الهدنه", "--limit", "5", "--json", stdout=out)
    cli = json.loads(out.getvalue())
    api = client.get("/api/search", {"q": "الهدنه", "limit": 5}).json()
    assert [(r["headline"], r["score"], r["source_url"], r["published_at"]) for r in cli["results"]] == [
        (r["headline"], r["score"], r["source_url"], r["published_at"]) for r in api["results"]
    ]
    assert cli["total"] == api["total"] == 2
    assert [r["url"].split("/", 3)[3] for r in cli["results"]] == [
        r["url"].split("/", 3)[3] for r in api["results"]
    ]


def test_cli_text_output_and_bad_limit(stories):
    out = StringIO()
    call_command("search", "الهدنة", stdout=out)
    assert "2" in out.getvalue().splitlines()[0] and "مجلس الأمن يناقش الهدنة" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("search", "الهدنة", "--limit", "0")


def test_reindex_command_rebuilds_everything(stories):
    from khabar.search.models import SearchDocument

    SearchDocument.objects.all().delete()
    out, err = StringIO(), StringIO()
    call_command("search-reindex", stdout=out, stderr=err)
    assert SearchDocument.objects.count() == 3
    assert "3/3" in err.getvalue() and "3" in out.getvalue()
