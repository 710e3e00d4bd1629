"""PostgreSQL: the GIN-indexed ``vector`` column, ``ts_rank_cd`` weighted headline over body, with recency."""

from django.db import connection
from django.utils import timezone

from khabar.arabic.analyzer import Query
from khabar.newsroom.models import ArticleAuthor

from . import HEADLINE_WEIGHT, RECENCY_DAYS, Filters, Hit, Hits, date_bounds

# ts_rank_cd weights in the order {D, C, B, A}: body terms are weight D, headline terms A.
_WEIGHTS = f"{{{1.0 / HEADLINE_WEIGHT}, 0.0, 0.0, 1.0}}"


def tsquery(query: Query) -> str:
    """to_tsquery syntax: terms joined by &, phrases by <-> (terms are letters and digits only)."""
    parts = [f"'{term}'" for term in query.terms]
    parts += ["(" + " <-> ".join(f"'{term}'" for term in phrase) + ")" for phrase in query.phrases]
    return " & ".join(parts)


class PostgresEngine:
    name = "postgres"

    def _where(self, filters):
        where, params = ["d.vector @@ q.query"], []
        if filters.section_id is not None:
            where.append("d.section_id = %s")
            params.append(filters.section_id)
        if filters.author_id is not None:
            where.append(
                f"d.article_id IN (SELECT article_id FROM {ArticleAuthor._meta.db_table} WHERE author_id = %s)"
            )
            params.append(filters.author_id)
        start, end = date_bounds(filters)
        if start:
            where.append("d.published_at >= %s")
            params.append(start)
        if end:
            where.append("d.published_at < %s")
            params.append(end)
        return " AND ".join(where), params

    def search(self, query: Query, filters: Filters, sort: str, offset: int, limit: int) -> Hits:
        if not query:
            return Hits(0, [])
        where, params = self._where(filters)
        source = "search_index_searchdocument d, to_tsquery('simple', %s) q(query)"
        order = (
            "d.published_at DESC, d.article_id DESC" if sort == "date" else "score DESC, d.article_id DESC"
        )
        sql = f"""
            SELECT d.article_id,
                   ts_rank_cd('{_WEIGHTS}'::float4[], d.vector, q.query)
                   * (1.0 + {RECENCY_DAYS}.0 / ({RECENCY_DAYS}.0
                      + greatest(0.0, extract(epoch FROM (%s - d.published_at)) / 86400.0))) AS score
            FROM {source} WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s"""
        text = tsquery(query)
        with connection.cursor() as cursor:
            cursor.execute(sql, [timezone.now(), text, *params, limit, offset])
            hits = [Hit(article_id, float(f"{score:.6g}")) for article_id, score in cursor.fetchall()]
            if offset == 0 and len(hits) < limit:
                total = len(hits)
            else:
                cursor.execute(f"SELECT count(*) FROM {source} WHERE {where}", [text, *params])
                total = cursor.fetchone()[0]
        return Hits(total, hits)
