"""PostgreSQL: the GIN-indexed ``vector`` column, ``ts_rank_cd`` weighted headline over body, with recency.

The capped count runs first, through the GIN index; when a word is rare (fewer than ``COUNT_CAP``
matches) the page of results is read the same way, otherwise the newest matches are found by walking
the ``published_at`` index. ``ts_rank_cd`` runs only on the rows the inner query returns.
"""

from django.db import connection, transaction
from django.utils import timezone

from khabar.arabic.analyzer import Query

from . import COUNT_CAP, HEADLINE_WEIGHT, POOL, RECENCY_DAYS, Filters, Hit, Hits, date_bounds

# ts_rank_cd weights in the order {D, C, B, A}: body terms are weight D, headline terms A.
_WEIGHTS = f"{{{1.0 / HEADLINE_WEIGHT}, 0.0, 0.0, 1.0}}"
TSQUERY = "to_tsquery('simple'::regconfig, %s)"


def tsquery(query: Query) -> str:
    """to_tsquery syntax: terms joined by &, phrases by <-> (terms are letters and digits only)."""
    parts = [f"'{term}'" for term in query.terms]
    parts += ["(" + " <-> ".join(f"'{term}'" for term in phrase) + ")" for phrase in query.phrases]
    return " & ".join(parts)


def filter_sql(filters: Filters):
    """SQL conditions (each opened by AND) and their parameters for the search-document alias ``d``."""
    from khabar.newsroom.models import ArticleAuthor

    where, params = [], []
    if filters.section_id is not None:
        where.append("d.section_id = %s")
        params.append(filters.section_id)
    if filters.author_id is not None:
        table = ArticleAuthor._meta.db_table
        where.append(f"d.article_id IN (SELECT article_id FROM {table} WHERE author_id = %s)")
        params.append(filters.author_id)
    start, end = date_bounds(filters)
    if start:
        where.append("d.published_at >= %s")
        params.append(connection.ops.adapt_datetimefield_value(start))
    if end:
        where.append("d.published_at < %s")
        params.append(connection.ops.adapt_datetimefield_value(end))
    return "".join(f" AND {w}" for w in where), params


def _planner(cursor, index_scans: bool):
    """Allow or forbid sequential and plain index scans for the rest of the transaction (GIN bitmap
    scans stay allowed)."""
    value = "on" if index_scans else "off"
    cursor.execute(
        "SELECT set_config('enable_seqscan', %s, true), set_config('enable_indexscan', %s, true)",
        [value, value],
    )


class PostgresEngine:
    name = "postgres"

    def search(self, query: Query, filters: Filters, sort: str, offset: int, limit: int) -> Hits:
        if not query:
            return Hits(0, [])
        text = tsquery(query)
        where, params = filter_sql(filters)
        newest = f"""SELECT d.article_id, d.published_at, d.vector FROM search_index_searchdocument d
                     WHERE d.vector @@ {TSQUERY}{where} ORDER BY d.published_at DESC, d.article_id DESC"""
        score = (
            f"ts_rank_cd('{_WEIGHTS}'::float4[], p.vector, {TSQUERY})"
            f" * (1.0 + {RECENCY_DAYS}.0 / ({RECENCY_DAYS}.0"
            " + greatest(0.0, extract(epoch FROM (%s - p.published_at)) / 86400.0)))"
        )
        if sort == "date":
            sql = f"SELECT p.article_id, {score} FROM ({newest} LIMIT %s OFFSET %s) p ORDER BY p.published_at DESC, p.article_id DESC"
            args = [text, timezone.now(), text, *params, limit, offset]
        else:
            sql = f"""SELECT p.article_id, {score} AS score FROM ({newest} LIMIT {POOL}) p
                      ORDER BY score DESC, p.article_id DESC LIMIT %s OFFSET %s"""
            args = [text, timezone.now(), text, *params, limit, offset]
        count = f"""SELECT count(*) FROM (SELECT 1 FROM search_index_searchdocument d
                    WHERE d.vector @@ {TSQUERY}{where} LIMIT {COUNT_CAP}) s"""
        with transaction.atomic(), connection.cursor() as cursor:
            # Count through the GIN index first: it answers a rare or absent word at once, whereas
            # the planner's guess for a word it has no statistics for can send it down the
            # published_at index, reading the whole table to find nothing.
            _planner(cursor, index_scans=False)
            cursor.execute(count, [text, *params])
            total = cursor.fetchone()[0]
            common = total >= COUNT_CAP
            if common:
                # A common word: walking published_at newest first finds the pool quickly.
                _planner(cursor, index_scans=True)
            hits = []
            if total:
                cursor.execute(sql, args)
                hits = [Hit(article_id, float(f"{score:.6g}")) for article_id, score in cursor.fetchall()]
            if not common:
                _planner(cursor, index_scans=True)  # in case an outer transaction goes on
        return Hits(total, hits)
