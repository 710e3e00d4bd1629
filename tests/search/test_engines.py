"""Both engines (whichever database the suite runs on) behind the one interface, on real data."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from khabar.newsroom.models import Author, SectionPage
from khabar.search.engines import Filters
from khabar.search.index import reindex
from khabar.search.models import SearchDocument
from khabar.search.results import search

pytestmark = pytest.mark.django_db


def titles(text, **kwargs):
    return [r.headline for r in search(text, **kwargs).results]


def test_reader_spellings_find_printed_spellings(story):
    story("الأمم المتّحدة تدعو إلى هدنة", "وقال مسؤولون في إسرائيل إنّ المُعاهَدة مُهمّة.")
    story("أخبار الرياضة", "فاز الفريق بالمباراة.")
    for query in ["الامم المتحده", "اسرائيل", "مهمه", "مسئولون", "هدنه"]:
        assert titles(query) == ["الأمم المتّحدة تدعو إلى هدنة"], query


def test_every_word_must_match(story):
    story("وزير الخارجية يزور موسكو", "زيارة رسمية.")
    story("وزير الدفاع يزور كييف", "زيارة رسمية.")
    assert titles("وزير الخارجية") == ["وزير الخارجية يزور موسكو"]
    assert titles("وزير زيارة") == ["وزير الدفاع يزور كييف", "وزير الخارجية يزور موسكو"] or set(
        titles("وزير زيارة")
    ) == {"وزير الدفاع يزور كييف", "وزير الخارجية يزور موسكو"}


def test_headline_match_outranks_body_match(story):
    story("أسواق النفط تتراجع", "قال محللون إن البنك المركزي قد يرفع الفائدة.", days_ago=2)
    story("البنك المركزي يرفع الفائدة", "قرار متوقع.", days_ago=2)
    assert titles("البنك المركزي") == ["البنك المركزي يرفع الفائدة", "أسواق النفط تتراجع"]


def test_recency_breaks_ties_between_equally_relevant_stories(story):
    story("قمة المناخ تبدأ أعمالها", "افتتاح القمة.", days_ago=400)
    story("قمة المناخ تبدأ أعمالها اليوم", "افتتاح القمة.", days_ago=1)
    found = search("قمة المناخ").results
    assert [r.headline for r in found] == ["قمة المناخ تبدأ أعمالها اليوم", "قمة المناخ تبدأ أعمالها"]
    assert found[0].score > found[1].score > 0


def test_sort_by_date(story):
    story("الانتخابات الرئاسية: النتائج", "الانتخابات الرئاسية الانتخابات.", days_ago=10)
    story("تقرير", "جرت الانتخابات.", days_ago=1)
    assert titles("الانتخابات", sort="date") == ["تقرير", "الانتخابات الرئاسية: النتائج"]
    assert titles("الانتخابات", sort="relevance")[0] == "الانتخابات الرئاسية: النتائج"


def test_quoted_phrase_matches_only_the_phrase(story):
    story("اجتماع", "وصل وزير الخارجية الفرنسي إلى بيروت.")
    story("لقاء", "التقى الوزير بنظيره في الخارجية.")
    assert set(titles("وزير الخارجية")) == {"اجتماع", "لقاء"}
    assert titles("«وزير الخارجية»") == ["اجتماع"]
    assert titles('"الخارجية وزير"') == []


def test_stop_word_only_query_still_searches(story):
    story("من هو الرئيس المقبل؟", "تحليل.")
    story("تقرير اقتصادي", "نمو الاقتصاد.")
    assert titles("من هو") == ["من هو الرئيس المقبل؟"]


def test_filters_section_author_and_dates(story, home, author):
    sport = home.add_child(instance=SectionPage(title="رياضة", slug="sport"))
    other = Author.objects.create(name="خالد العتيبي", slug="khalid")
    story("الفريق يفوز بالكأس", "فوز.", in_section=sport, authors=[other], days_ago=3)
    story("الحكومة والكأس", "كأس.", days_ago=40)
    assert titles("الكاس", filters=Filters(section_id=sport.pk)) == ["الفريق يفوز بالكأس"]
    assert titles("الكاس", filters=Filters(author_id=author.pk)) == ["الحكومة والكأس"]
    today = timezone.localdate()
    assert titles("الكاس", filters=Filters(date_from=today - dt.timedelta(days=10))) == ["الفريق يفوز بالكأس"]
    assert titles("الكاس", filters=Filters(date_to=today - dt.timedelta(days=10))) == ["الحكومة والكأس"]
    recent = today - dt.timedelta(days=3)
    assert titles("الكاس", filters=Filters(date_from=recent, date_to=recent)) == ["الفريق يفوز بالكأس"]


def test_total_and_pages(story):
    for i in range(5):
        story(f"خبر عن الطاقة رقم {i}", "الطاقة.", days_ago=i + 1)
    first = search("الطاقه", limit=2)
    assert first.total == 5 and len(first.results) == 2
    last = search("الطاقه", offset=4, limit=2)
    assert last.total == 5 and len(last.results) == 1
    assert {r.pk for r in first.results}.isdisjoint(r.pk for r in last.results)


def test_unpublish_edit_and_delete_keep_the_index_in_step(story, django_capture_on_commit_callbacks):
    article = story("زلزال يضرب المنطقة", "أضرار كبيرة.")
    assert titles("زلزال") == ["زلزال يضرب المنطقة"]

    article.title = "فيضانات تضرب المنطقة"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert titles("زلزال") == [] and titles("فيضان") == ["فيضانات تضرب المنطقة"]

    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert titles("فيضان") == [] and not SearchDocument.objects.filter(article_id=article.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert titles("فيضان") == ["فيضانات تضرب المنطقة"]
    article.delete()
    assert titles("فيضان") == [] and not SearchDocument.objects.exists()


def test_drafts_are_not_indexed(story):
    article = story("خبر منشور", "نص.")
    article.title = "عنوان مسودة جديد"
    article.save_revision()  # saved, not published
    reindex([article.pk])
    assert titles("مسوده") == [] and titles("منشور") == ["خبر منشور"]


def test_empty_or_symbol_query_returns_nothing(story):
    story("خبر", "نص.")
    assert search("").total == 0 and search("؟!").results == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgres_plan_uses_the_gin_index(story):
    from khabar.arabic.analyzer import parse_query
    from khabar.search.engines.postgres import tsquery

    story("خبر", "نص.")
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")  # a two-row table would otherwise be scanned
        cursor.execute(
            "EXPLAIN SELECT article_id FROM search_index_searchdocument WHERE vector @@ to_tsquery('simple', %s)",
            [tsquery(parse_query("الأمم المتحدة"))],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
    assert "search_document_vector_gin" in plan


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_fts5_applies_filters_inside_the_index_newest_first(story, home, author):
    """Section, author and dates narrow the FTS5 match itself (facet tokens, rowid range), and the
    walk is newest first without a sort: a filter that rejects most matches costs what it returns."""
    from khabar.arabic.analyzer import parse_query
    from khabar.search.engines.fts5 import match_expression, rowid_range

    story("خبر", "نص.")
    filters = Filters(section_id=home.pk, author_id=author.pk, date_from=timezone.localdate())
    match = match_expression(parse_query("الأمم المتحدة"), filters)
    assert match.endswith(f'facets : "s{home.pk}" AND facets : "a{author.pk}"')
    dates, params = rowid_range(filters)
    with connection.cursor() as cursor:
        cursor.execute(
            f"EXPLAIN QUERY PLAN SELECT rowid FROM search_fts WHERE search_fts MATCH %s{dates} "
            "ORDER BY rowid DESC LIMIT 20",
            [match, *params],
        )
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "VIRTUAL TABLE INDEX" in plan and "TEMP B-TREE" not in plan, plan


def test_facets_follow_authors_and_sections(story, home, author):
    other = Author.objects.create(name="خالد العتيبي", slug="khalid")
    article = story("الفريق يفوز بالكأس", "فوز.", authors=[author, other])
    document = SearchDocument.objects.get(article_id=article.pk)
    assert document.facets == f"s{article.section_id} a{min(author.pk, other.pk)} a{max(author.pk, other.pk)}"
    assert titles("الكاس", filters=Filters(author_id=other.pk)) == ["الفريق يفوز بالكأس"]
    assert titles("الكاس", filters=Filters(section_id=home.pk)) == []  # the home page is no section


def test_phrase_counts_rank_headline_over_body(story):
    story("تقرير", "قال وزير الخارجية إن وزير الخارجية سيزور بيروت.", days_ago=3)
    story("وزير الخارجية في بيروت", "زيارة.", days_ago=3)
    story("بيروت", "وزير المالية والخارجية.", days_ago=3)
    found = search("«وزير الخارجية»").results
    assert [r.headline for r in found] == ["وزير الخارجية في بيروت", "تقرير"]
    assert found[0].score > found[1].score > 0


def test_date_sort_is_exact_and_relevance_pool_is_bounded(story, monkeypatch):
    from khabar.search import engines

    for days in (5, 1, 9, 3):
        story(f"تقرير الطاقة بعد {days} أيام", "الطاقة.", days_ago=days)
    assert [r.headline for r in search("الطاقة", sort="date").results] == [
        f"تقرير الطاقة بعد {days} أيام" for days in (1, 3, 5, 9)
    ]
    monkeypatch.setattr(engines.fts5 if connection.vendor == "sqlite" else engines.postgres, "POOL", 2)
    found = search("الطاقة")
    assert found.total == 4 and len(found.results) == 2  # the two newest are ranked, all four counted


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
@pytest.mark.parametrize("walk, cap", [(50, 7), (3, 4), (3, 50)], ids=["walk-counts", "windows", "rare"])
def test_postgres_paths_agree_with_the_plain_answer(story, monkeypatch, walk, cap):
    """Whichever path the engine takes (the date-order walk, GIN windows, all GIN matches at once),
    it returns the newest matches in order and the capped count."""
    from khabar.search.engines import postgres

    for days in (40, 2, 300, 9, 700, 5, 120, 1):
        story(f"تقرير الطاقة بعد {days} يوما", "الطاقة.", days_ago=days)
        story(f"خبر آخر بعد {days} يوما", "الرياضة.", days_ago=days)
    monkeypatch.setattr(postgres, "WALK", walk)
    monkeypatch.setattr(postgres, "COUNT_CAP", cap)
    monkeypatch.setattr(postgres, "POOL", 3)
    by_date = [f"تقرير الطاقة بعد {days} يوما" for days in (1, 2, 5, 9, 40, 120, 300, 700)]
    assert titles("الطاقة", sort="date", limit=3) == by_date[:3]
    assert titles("الطاقة", sort="date", offset=3, limit=3) == by_date[3:6]
    found = search("الطاقة", limit=10)
    assert found.total == min(cap, 8)
    assert sorted(r.headline for r in found.results) == sorted(by_date[:3])  # the pool: the newest three


def _index_scans():
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_indexscan'), current_setting('enable_seqscan')")
        return cursor.fetchone()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgres_gin_path_leaves_the_planner_settings_as_it_found_them(story, monkeypatch):
    """The GIN count switches index and sequential scans off for its transaction; a caller's
    transaction that goes on gets them back (the outermost case is left to the transaction's end,
    checked by the next test)."""
    from khabar.search.engines import postgres

    story("تقرير الطاقة", "الطاقة.")
    monkeypatch.setattr(postgres, "WALK", 0)  # straight to the GIN index
    assert search("الطاقة").total == 1
    assert _index_scans() == ("on", "on")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_postgres_gin_path_outside_a_transaction_leaves_the_connection_as_it_found_it(
    home, section, make_article, monkeypatch
):
    from khabar.search.engines import postgres
    from khabar.search.index import rebuild

    make_article("تقرير الطاقة", body=[("paragraph", "<p>الطاقة.</p>")])
    rebuild()
    monkeypatch.setattr(postgres, "WALK", 0)
    assert search("الطاقة").total == 1
    assert _index_scans() == ("on", "on")
