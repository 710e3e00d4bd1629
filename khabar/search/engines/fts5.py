"""SQLite FTS5: the index finds the matches newest first; relevance is scored over a bounded pool.

The FTS5 rowid is the document's ``doc_key`` (publication order), so ``ORDER BY rowid DESC`` with a
LIMIT walks the index newest first and stops: the date sort and the relevance pool cost what they
return, not what matches. Filters are part of that walk too: section and author ids are tokens of
the ``facets`` column (``facets: "s12"``), and a date range is a range of rowids.

Relevance is not FTS5's ``bm25()``: to weigh a term by its rarity, ``bm25()`` first counts every
document that matches each term or phrase of the query, which for a phrase means reading the
positions of every story holding its words (4.5 s at 200,000 stories for a phrase in most of them).
The pool of the newest matches is scored here instead, from the analysed headline and body, with
BM25F's term-frequency part: a headline occurrence weighs ``HEADLINE_WEIGHT`` body occurrences,
term counts saturate, and long bodies are normalised by the pool's average length. Every term must
match (AND), so corpus-wide rarity would only reweight terms that all documents of the pool hold;
PostgreSQL's ``ts_rank_cd`` does without it too.
"""

from django.db import connection
from django.utils import timezone

from khabar.arabic.analyzer import Query

from ..models import ID_BITS, SearchDocument, facet_tokens
from . import COUNT_CAP, HEADLINE_WEIGHT, POOL, Filters, Hit, Hits, date_bounds, recency_boost

K1, B = 1.2, 0.75  # BM25's usual term-saturation and length-normalisation constants
TABLE = SearchDocument._meta.db_table


NO_FILTERS = Filters()


def match_expression(query: Query, filters: Filters = NO_FILTERS) -> str:
    """FTS5 MATCH syntax: each term and phrase quoted (terms are letters and digits only), and the
    section and author filters as ``facets`` tokens."""
    parts = [f'"{term}"' for term in query.terms]
    parts += ['"' + " ".join(phrase) + '"' for phrase in query.phrases]
    parts += [f'facets : "{token}"' for token in facet_tokens(filters.section_id, [filters.author_id])]
    return " AND ".join(parts)


def rowid_range(filters: Filters) -> tuple[str, list[int]]:
    """The date filter as conditions on the rowid, the publication second shifted by ``ID_BITS``."""
    start, end = date_bounds(filters)
    where, params = "", []
    if start:
        where += " AND search_fts.rowid >= %s"
        params.append(int(start.timestamp()) << ID_BITS)
    if end:
        where += " AND search_fts.rowid < %s"
        params.append(int(end.timestamp()) << ID_BITS)
    return where, params


def occurrences(text: str, needles: list[str]) -> list[int]:
    """How often each space-separated needle occurs as whole terms in ``text`` (analysed, one space
    between terms)."""
    padded = f" {text} "
    return [padded.count(f" {needle} ") for needle in needles]


def score(rows, query: Query) -> dict[int, float]:
    """BM25F term-frequency score of each ``(article_id, age in days, headline, body)`` row, with
    recency: see the module docstring."""
    needles = list(query.terms) + [" ".join(phrase) for phrase in query.phrases]
    lengths = [body.count(" ") + 1 for _id, _at, _headline, body in rows]
    average = sum(lengths) / len(lengths) if lengths else 1.0
    scores = {}
    for (article_id, age_days, headline, body), length in zip(rows, lengths, strict=True):
        norm = 1 - B + B * length / average
        relevance = 0.0
        for in_headline, in_body in zip(
            occurrences(headline, needles), occurrences(body, needles), strict=True
        ):
            tf = HEADLINE_WEIGHT * in_headline + in_body / norm
            relevance += tf * (K1 + 1) / (tf + K1)
        scores[article_id] = relevance * recency_boost(age_days)
    return scores


class Fts5Engine:
    name = "fts5"

    def search(self, query: Query, filters: Filters, sort: str, offset: int, limit: int) -> Hits:
        if not query:
            return Hits(0, [])
        match = match_expression(query, filters)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        dates, params = rowid_range(filters)
        newest = f"SELECT rowid FROM search_fts WHERE search_fts MATCH %s{dates} ORDER BY rowid DESC"
        if sort == "date":
            window, args = f"{newest} LIMIT %s OFFSET %s", [match, *params, limit, offset]
        else:
            window, args = f"{newest} LIMIT {POOL}", [match, *params]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT d.article_id, max(0.0, julianday(%s) - julianday(d.published_at)), d.headline, d.body "
                f"FROM ({window}) w JOIN {TABLE} d ON d.doc_key = w.rowid ORDER BY w.rowid DESC",
                [now, *args],
            )
            rows = cursor.fetchall()
            # Fewer rows than the window could hold: they are all the matches.
            all_found = offset == 0 and len(rows) < limit if sort == "date" else len(rows) < POOL
            if all_found:
                total = len(rows)
            else:
                cursor.execute(
                    f"SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH %s{dates} LIMIT {COUNT_CAP})",
                    [match, *params],
                )
                total = cursor.fetchone()[0]
        scores = score(rows, query)
        ids = [row[0] for row in rows]
        if sort != "date":
            ids = sorted(ids, key=lambda pk: (-scores[pk], -pk))[offset : offset + limit]
        return Hits(total, [Hit(pk, float(f"{scores[pk]:.6g}")) for pk in ids])
