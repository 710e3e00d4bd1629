"""SQLite FTS5: ``bm25()`` weighted headline over body, blended with recency in one statement."""

from django.db import connection
from django.utils import timezone

from khabar.arabic.analyzer import Query
from khabar.newsroom.models import ArticleAuthor

from . import HEADLINE_WEIGHT, RECENCY_DAYS, Filters, Hit, Hits, date_bounds


def match_expression(query: Query) -> str:
    """FTS5 MATCH syntax: each term and phrase quoted (terms are letters and digits only)."""
    parts = [f'"{term}"' for term in query.terms]
    parts += ['"' + " ".join(phrase) + '"' for phrase in query.phrases]
    return " AND ".join(parts)


class Fts5Engine:
    name = "fts5"

    def _where(self, query, filters):
        ops = connection.ops
        where, params = ["search_fts MATCH %s"], [match_expression(query)]
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
            params.append(ops.adapt_datetimefield_value(start))
        if end:
            where.append("d.published_at < %s")
            params.append(ops.adapt_datetimefield_value(end))
        return " AND ".join(where), params

    def search(self, query: Query, filters: Filters, sort: str, offset: int, limit: int) -> Hits:
        if not query:
            return Hits(0, [])
        where, params = self._where(query, filters)
        join = "search_fts JOIN search_index_searchdocument d ON d.article_id = search_fts.rowid"
        order = (
            "d.published_at DESC, d.article_id DESC" if sort == "date" else "score DESC, d.article_id DESC"
        )
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        sql = f"""
            SELECT d.article_id,
                   -bm25(search_fts, {HEADLINE_WEIGHT}, 1.0)
                   * (1.0 + {RECENCY_DAYS}.0 / ({RECENCY_DAYS}.0 + max(0.0, julianday(%s) - julianday(d.published_at))))
                   AS score
            FROM {join} WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s"""
        with connection.cursor() as cursor:
            cursor.execute(sql, [now, *params, limit, offset])
            hits = [Hit(article_id, float(f"{score:.6g}")) for article_id, score in cursor.fetchall()]
            if offset == 0 and len(hits) < limit:
                total = len(hits)
            else:
                cursor.execute(f"SELECT count(*) FROM {join} WHERE {where}", params)
                total = cursor.fetchone()[0]
        return Hits(total, hits)
