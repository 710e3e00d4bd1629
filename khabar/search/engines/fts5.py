"""SQLite FTS5: ``bm25()`` weighted headline over body, blended with recency.

The FTS5 rowid is the document's ``doc_key`` (publication order), so ``ORDER BY rowid DESC`` with a
LIMIT walks the index newest first and stops: the date sort and the relevance pool cost what they
return, not what matches.
"""

from django.db import connection
from django.utils import timezone

from khabar.arabic.analyzer import Query

from . import COUNT_CAP, HEADLINE_WEIGHT, POOL, RECENCY_DAYS, Filters, Hit, Hits, filter_sql

JOIN = "search_fts JOIN search_index_searchdocument d ON d.doc_key = search_fts.rowid"


def match_expression(query: Query) -> str:
    """FTS5 MATCH syntax: each term and phrase quoted (terms are letters and digits only)."""
    parts = [f'"{term}"' for term in query.terms]
    parts += ['"' + " ".join(phrase) + '"' for phrase in query.phrases]
    return " AND ".join(parts)


class Fts5Engine:
    name = "fts5"

    def search(self, query: Query, filters: Filters, sort: str, offset: int, limit: int) -> Hits:
        if not query:
            return Hits(0, [])
        match = match_expression(query)
        where, params = filter_sql(filters)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        score = (
            f"-rel * (1.0 + {RECENCY_DAYS}.0 / ({RECENCY_DAYS}.0"
            " + max(0.0, julianday(%s) - julianday(published_at))))"
        )
        newest = f"""SELECT d.article_id AS id, d.published_at AS published_at,
                         bm25(search_fts, {HEADLINE_WEIGHT}, 1.0) AS rel
                  FROM {JOIN} WHERE search_fts MATCH %s{where} ORDER BY search_fts.rowid DESC"""
        if sort == "date":
            sql = f"SELECT id, {score} FROM ({newest} LIMIT %s OFFSET %s)"
            args = [now, match, *params, limit, offset]
        else:
            sql = f"""WITH pool AS MATERIALIZED ({newest} LIMIT {POOL})
                      SELECT id, {score} AS score FROM pool ORDER BY score DESC, id DESC LIMIT %s OFFSET %s"""
            args = [match, *params, now, limit, offset]
        with connection.cursor() as cursor:
            cursor.execute(sql, args)
            hits = [Hit(article_id, float(f"{score:.6g}")) for article_id, score in cursor.fetchall()]
            # Fewer hits than asked for on the first page: they are all the matches.
            if offset == 0 and len(hits) < (limit if sort == "date" else min(limit, POOL)):
                total = len(hits)
            else:
                source = JOIN if where else "search_fts"
                cursor.execute(
                    f"SELECT count(*) FROM (SELECT 1 FROM {source} WHERE search_fts MATCH %s{where} LIMIT {COUNT_CAP})",
                    [match, *params],
                )
                total = cursor.fetchone()[0]
        return Hits(total, hits)
