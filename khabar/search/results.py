"""What a search returns to a reader, the API and the command line."""

from dataclasses import dataclass

from khabar.arabic.analyzer import Query, parse_query
from khabar.newsroom.models import ArticlePage

from .engines import Filters, get_engine

MAX_LIMIT = 100


@dataclass
class Result:
    article: ArticlePage
    score: float


@dataclass
class Results:
    query: Query
    total: int
    results: list[Result]


def search(
    text: str, filters: Filters | None = None, sort: str = "relevance", offset: int = 0, limit: int = 20
) -> Results:
    """Run ``text`` through the analyzer and the engine; load the articles of the hits in one query."""
    query = parse_query(text)
    hits = get_engine().search(query, filters or Filters(), sort, offset, limit)
    ids = [hit.article_id for hit in hits.hits]
    articles = (
        ArticlePage.objects.live().filter(pk__in=ids).select_related("section").in_bulk() if ids else {}
    )
    results = [Result(articles[hit.article_id], hit.score) for hit in hits.hits if hit.article_id in articles]
    return Results(query, hits.total, results)


def as_json(results: Results, request=None) -> dict:
    """The shape shared by ``/api/search`` and ``khabar search --json``."""
    return {
        "total": results.total,
        "results": [
            {
                "url": result.article.get_full_url(request),
                "headline": result.article.title,
                "published_at": result.article.first_published_at.isoformat(),
                "source_url": result.article.source_url,
                "score": result.score,
            }
            for result in results.results
        ],
    }
