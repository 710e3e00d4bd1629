"""The query plans of every public page type: no query reads the whole page tree or the story table.

Each page is rendered with the page cache invalidated, every SELECT it ran is explained again, and
the plan is checked for a full read of ``wagtailcore_page`` or ``newsroom_articlepage`` (or of an
index of theirs): on SQLite a ``SCAN`` of them in ``EXPLAIN QUERY PLAN``; on PostgreSQL a ``Seq Scan``
with sequential scans switched off, so a plan keeps one only when no index can answer the query (a
test table of a few rows would otherwise be read whole, rightly). Such a read costs what the archive
holds on every view (the section navigation, view restrictions and the private-page filter did).

The one full walk allowed is the newest-first walk of ``article_published_idx`` with a ``LIMIT``
(the latest stories, the feeds), which stops after the rows it returns.
"""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from khabar.core import edge
from khabar.core.pagecache import invalidate
from khabar.newsroom.models import RelatedArticle

pytestmark = pytest.mark.django_db

BIG_TABLES = r"wagtailcore_page|newsroom_articlepage|sqlite_autoindex_wagtailcore_page_1|article_\w+_idx"
NEWEST_FIRST = "article_published_idx"


def full_reads(sql):
    """The lines of the plan of ``sql`` that read a big table (or its index) whole."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            lines = [str(row[-1]) for row in cursor.fetchall()]
            return [
                line
                for line in lines
                if line.startswith("SCAN")
                and re.search(rf"\b({BIG_TABLES})\b", line)
                and NEWEST_FIRST not in line
            ]
        cursor.execute("SET enable_seqscan = off")
        try:
            cursor.execute(f"EXPLAIN {sql}")
            lines = [row[0] for row in cursor.fetchall()]
        finally:
            cursor.execute("RESET enable_seqscan")
        return [
            line
            for line in lines
            if re.search(r"Seq Scan on (wagtailcore_page|newsroom_articlepage)\b", line)
        ]


def sorts(sql):
    """The lines of the plan of ``sql`` that sort rows (rather than reading them in an index's order).

    On PostgreSQL sorting is switched off, so a plan keeps a sort only when no index gives the order.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            return [str(row[-1]) for row in cursor.fetchall() if "B-TREE FOR" in str(row[-1])]
        cursor.execute("SET enable_sort = off")
        try:
            cursor.execute(f"EXPLAIN {sql}")
            return [row[0] for row in cursor.fetchall() if re.search(r"\bSort\b", row[0])]
        finally:
            cursor.execute("RESET enable_sort")


@pytest.fixture
def site(home, section, second_section, make_article, make_author):
    writer = make_author("ليلى حداد", "layla")
    when = timezone.now() - dt.timedelta(hours=1)
    stories = [
        make_article(
            f"خبر {i}",
            slug=f"s-{i}",
            in_section=second_section if i % 6 == 0 else section,
            authors=[writer],
            topics=["روسيا"],
            published_at=when - dt.timedelta(minutes=i),
        )
        for i in range(30)
    ]
    RelatedArticle.objects.create(article=stories[1], related=stories[5], sort_order=0)
    return {"when": when, "article": stories[1], "section": section}


def public_urls(site):
    when, section = site["when"], site["section"]
    return [
        "/",
        "/politics/",
        "/politics/?page=2",
        f"/politics/{when:%Y}/",
        f"/politics/{when:%Y}/{when:%m}/",
        "/authors/layla/",
        "/topics/روسيا/",
        site["article"].url,
        "/feeds/rss/",
        "/feeds/atom/",
        f"/feeds/section/{section.pk}/rss/",
        "/feeds/author/layla/rss/",
        "/feeds/topic/روسيا/rss/",
        "/sitemap.xml",
        "/sitemap-sections.xml",
        f"/sitemap-articles-{timezone.localtime(when):%G-W%V}.xml",
        "/news-sitemap.xml",
        "/search/?q=خبر",
    ]


def test_no_public_page_reads_the_whole_page_tree_or_story_table(client, site):
    for url in public_urls(site):
        assert client.get(url).status_code == 200, url
        invalidate("settings", "listing", "breaking", "most-read", f"page:{site['article'].pk}")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        for query in queries.captured_queries:
            sql = query["sql"]
            if sql.startswith("SELECT"):
                assert not full_reads(sql), (url, sql, full_reads(sql))


@pytest.mark.parametrize(
    "url, link_table",
    [
        ("/authors/layla/", "newsroom_articleauthor"),
        ("/feeds/author/layla/rss/", "newsroom_articleauthor"),
        ("/topics/روسيا/", "newsroom_articletag"),
        ("/feeds/topic/روسيا/rss/", "newsroom_articletag"),
    ],
)
def test_author_and_topic_listings_read_their_link_index_in_order(client, site, url, link_table):
    """The newest of an author's or topic's stories are a range of (author|tag, published_at) on the
    link rows, not a sort of every story the author wrote or the topic holds."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    listing = [
        q["sql"]
        for q in queries.captured_queries
        if f'ORDER BY "{link_table}"."published_at" DESC' in q["sql"]
    ]
    assert listing, url
    for sql in listing:
        assert not sorts(sql), (url, sorts(sql))


def test_a_week_of_the_article_sitemap_is_a_range_of_the_published_index_in_order(client, site):
    """A week's file reads its stories as a range of the ``published_at`` index in the index's order: no
    sort of the week's stories, no walk from the newest story back."""
    url = f"/sitemap-articles-{timezone.localtime(site['when']):%G-W%V}.xml"
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    listing = [
        q["sql"]
        for q in queries.captured_queries
        if '"newsroom_articlepage"."published_at" >=' in q["sql"] and "ORDER BY" in q["sql"]
    ]
    assert listing, url
    for sql in listing:
        assert not sorts(sql), (url, sorts(sql))
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
                plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
                assert "INDEX article_published_idx (published_at>? AND published_at<?)" in plan, plan
            else:
                cursor.execute(f"EXPLAIN {sql}")
                plan = "\n".join(row[0] for row in cursor.fetchall())
                assert re.search(r"Index Cond: .*published_at >= .*published_at < ", plan), plan


def test_the_sort_check_sees_a_sort(home, section, make_article):
    """The check itself: stories ordered by a column without an index are sorted."""
    from khabar.newsroom.models import ArticlePage

    make_article("خبر")
    queryset = ArticlePage.objects.order_by("translator").values("pk")[:5]
    with CaptureQueriesContext(connection) as queries:
        list(queryset)
    assert sorts(queries.captured_queries[0]["sql"])


def test_the_plan_check_sees_a_full_read(home, section, make_article):
    """The check itself: stories filtered on a column without an index are read whole."""
    from khabar.newsroom.models import ArticlePage

    make_article("خبر")
    # No ORDER BY: PostgreSQL would otherwise walk an index in order, which is a full read too.
    queryset = ArticlePage.objects.filter(translator="أحد").order_by().values("pk")
    with CaptureQueriesContext(connection) as queries:
        list(queryset)
    assert full_reads(queries.captured_queries[0]["sql"])


def test_every_public_page_type_has_a_bounded_query_count(client, site, django_assert_max_num_queries):
    """At most 12 queries a page, with the page cache invalidated by a change to what the page shows;
    tests/newsroom/test_queries.py checks they do not grow with what a page shows.

    A change of the masthead ("settings": a section or the home page published) is left out: the site,
    its settings and sections are then read again once, by whichever page comes first."""
    from tests.newsroom.test_queries import ARTICLE_MAX_QUERIES, LISTING_MAX_QUERIES

    for url in public_urls(site):
        tags = set(client.get(url)[edge.KEY_HEADER].split()) - {"settings"}
        assert tags, url
        invalidate(*tags)
        bound = ARTICLE_MAX_QUERIES if url == site["article"].url else LISTING_MAX_QUERIES
        # Plus the page cache's one read of the stale entry's tag versions before it renders again
        # (tests/newsroom/test_queries.py counts the render alone, with nothing cached).
        bound += 1
        with django_assert_max_num_queries(bound, info=url):
            assert client.get(url).status_code == 200, url
