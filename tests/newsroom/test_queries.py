"""Query counts of uncached page views stay flat however much a page shows.

Each view is measured after a first render (renditions created, Wagtail's site root paths
cached), with the page cache invalidated for the page, as a reader meets it after a change.
"""

import datetime as dt

import pytest
from django.utils import timezone

from khabar.core.pagecache import invalidate
from khabar.newsroom.models import RelatedArticle, SectionPage

pytestmark = pytest.mark.django_db

# With nothing kept in the cache (core.pagecache.kept) for what the page shows; the page cache's read of
# a stale entry's versions makes 12, the most of any page. The view-restriction check and the site cost
# none; the related stories and the side column's newest are one query, and the editors' choices one.
ARTICLE_MAX_QUERIES = 11
LISTING_MAX_QUERIES = 12


def uncached_view(client, url, tag):
    assert client.get(url).status_code == 200
    invalidate(tag)


def story_with(make_article, make_author, every_block_body, n, prefix):
    authors = [make_author(f"كاتب {prefix}{i}", f"{prefix}-writer-{i}") for i in range(n)]
    related = [make_article(f"خبر {prefix}{i}", slug=f"{prefix}-rel-{i}") for i in range(n)]
    article = make_article(
        f"الخبر {prefix}",
        slug=f"{prefix}-main",
        authors=authors,
        topics=[f"موضوع {prefix}{i}" for i in range(n)],
        body=every_block_body,
    )
    for order, other in enumerate(related):
        RelatedArticle.objects.create(article=article, related=other, sort_order=order)
    return article


@pytest.mark.parametrize("n", [1, 8])
def test_article_page_queries_do_not_grow_with_authors_topics_and_related(
    client, make_article, make_author, every_block_body, django_assert_max_num_queries, n
):
    article = story_with(make_article, make_author, every_block_body, n, f"n{n}")
    uncached_view(client, article.url, f"page:{article.pk}")
    with django_assert_max_num_queries(ARTICLE_MAX_QUERIES):
        response = client.get(article.url)
    html = response.content.decode()
    assert html.count('class="author-photo"') == n
    assert html.count('<a rel="author"') == n
    assert html.count("/topics/") == n
    assert html.count('class="card"') == min(n, 4)


def test_article_queries_are_the_same_for_one_and_eight(
    client, make_article, make_author, every_block_body, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for n in (1, 8):
        article = story_with(make_article, make_author, every_block_body, n, f"m{n}")
        uncached_view(client, article.url, f"page:{article.pk}")
        with CaptureQueriesContext(connection) as queries:
            client.get(article.url)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


@pytest.mark.parametrize("sections", [1, 6])
def test_home_page_queries_do_not_grow_with_sections(
    client, home, make_article, django_assert_max_num_queries, sections
):
    for s in range(sections):
        target = home.add_child(instance=SectionPage(title=f"قسم {s}", slug=f"section-{s}"))
        # Enough that every section has stories left after the lead and the latest.
        for i in range(9):
            make_article(f"خبر {s}-{i}", in_section=target, slug=f"s{s}-{i}")
    uncached_view(client, "/", "listing")
    with django_assert_max_num_queries(LISTING_MAX_QUERIES):
        html = client.get("/").content.decode()
    assert html.count('class="section-block"') == sections


@pytest.mark.parametrize("n", [2, 20])
def test_listing_queries_do_not_grow_with_stories(
    client, make_article, make_author, django_assert_max_num_queries, n
):
    writer = make_author("ليلى حداد", "layla")
    when = timezone.now() - dt.timedelta(hours=1)
    for i in range(n):
        make_article(f"خبر {i}", slug=f"s-{i}", authors=[writer], topics=["روسيا"], published_at=when)
    for url in (
        "/politics/",
        f"/politics/{when:%Y}/",
        f"/politics/{when:%Y}/{when:%m}/",
        "/authors/layla/",
        "/topics/روسيا/",
    ):
        uncached_view(client, url, "listing")
        with django_assert_max_num_queries(LISTING_MAX_QUERIES):
            html = client.get(url).content.decode()
        assert html.count('class="card"') == n, url
