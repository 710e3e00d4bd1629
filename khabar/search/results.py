"""What a search returns to a reader, the API and the command line.

Results are plain rows, not page objects: building 20 Wagtail pages (modelcluster, StreamField)
cost more than the search itself, and a result needs only a few columns and its URL.
"""

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from wagtail.models import Site

from khabar.arabic.analyzer import Query, parse_query
from khabar.newsroom.models import ArticlePage, public_pages

from .engines import Filters, get_engine
from .index import body_blocks

MAX_LIMIT = 100
_COLUMNS = (
    "pk",
    "title",
    "url_path",
    "first_published_at",
    "source_url",
    "standfirst",
    "dateline_city",
    "section__title",
)


@dataclass
class Result:
    pk: int
    headline: str
    path: str
    url: str
    published_at: dt.datetime
    source_url: str
    standfirst: str
    dateline_city: str
    section_title: str | None
    score: float
    body_json: str | None = None


@dataclass
class Results:
    query: Query
    total: int
    results: list[Result]


def page_location(url_path: str, root_paths) -> tuple[str, str]:
    """(path, full URL) of a page from its ``url_path``, as Wagtail's ``Page.get_url_parts`` does."""
    for root in root_paths:
        if url_path.startswith(root.root_path):
            path = reverse("wagtail_serve", args=(url_path[len(root.root_path) :],))
            return path, root.root_url + path
    return "", ""


def search(
    text: str,
    filters: Filters | None = None,
    sort: str = "relevance",
    offset: int = 0,
    limit: int = 20,
    with_text: bool = False,
) -> Results:
    """Run ``text`` through the analyzer and the engine; load the rows of the hits in one query
    (with ``body_json``, the body as stored, when ``with_text``: the results page shows excerpts)."""
    query = parse_query(text)
    hits = get_engine().search(query, filters or Filters(), sort, offset, limit)
    rows = {}
    if hits.hits:
        pages = public_pages(ArticlePage.objects.live()).filter(pk__in=[hit.article_id for hit in hits.hits])
        columns = _COLUMNS + ("body_json",) if with_text else _COLUMNS
        rows = {row["pk"]: row for row in (body_blocks(pages) if with_text else pages).values(*columns)}
    root_paths = Site.get_site_root_paths() if rows else []
    results = []
    for hit in hits.hits:
        if row := rows.get(hit.article_id):
            path, url = page_location(row["url_path"], root_paths)
            results.append(
                Result(
                    pk=row["pk"],
                    headline=row["title"],
                    path=path,
                    url=url,
                    published_at=row["first_published_at"],
                    source_url=row["source_url"],
                    standfirst=row["standfirst"],
                    dateline_city=row["dateline_city"],
                    section_title=row["section__title"],
                    score=hit.score,
                    body_json=row.get("body_json"),
                )
            )
    return Results(query, hits.total, results)


def as_json(results: Results) -> dict:
    """The shape shared by ``/api/search`` and ``khabar search --json``."""
    return {
        "total": results.total,
        "results": [
            {
                "url": result.url,
                "headline": result.headline,
                "published_at": result.published_at.isoformat(),
                "source_url": result.source_url,
                "score": result.score,
            }
            for result in results.results
        ],
    }
