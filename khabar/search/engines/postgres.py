"""PostgreSQL: the GIN-indexed ``vector`` column, ``ts_rank_cd`` weighted headline over body, with recency.

Every row a query reads costs a heap visit, and building the GIN bitmap of a word found in half the
archive costs more than the whole rest of the query on a large archive. So:

1. The newest ``WALK`` stories are read in date order through the ``published_at`` index (a longer
   walk if they hold the pool but not ``COUNT_CAP`` matches). A common word has ``COUNT_CAP``
   matches among them: that is its count, and its newest matches are there.
2. Otherwise the GIN index alone counts (up to ``COUNT_CAP``) and finds the newest matches the page
   needs, if the walk did not: a rare word's at once, a common one's from the newest window of the
   archive's time span first (the ``published_at`` range ANDed with the GIN bitmap), sized by the
   share of the walk that matched and widened four times until a window holds enough. Plain index
   and sequential scans are switched off for this part: the planner guesses a phrase or two
   correlated words at a tenth of their real matches, and then sorts every match or walks
   ``published_at`` through thousands of stories.
3. ``ts_rank_cd`` scores the pool (or the page, by date) only.

Section and author filters are lexemes of the vector (``@s12``, ``@a7``; migration 0004), so they
narrow the GIN bitmap instead of being checked row by row.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from khabar.arabic.analyzer import Query

from ..models import SearchDocument, facet_tokens
from . import COUNT_CAP, HEADLINE_WEIGHT, POOL, Filters, Hit, Hits, date_bounds, recency_boost

# ts_rank_cd weights in the order {D, C, B, A}: body terms are weight D, headline terms A.
_WEIGHTS = f"{{{1.0 / HEADLINE_WEIGHT}, 0.0, 0.0, 1.0}}"
TSQUERY = "to_tsquery('simple'::regconfig, %s)"
TABLE = SearchDocument._meta.db_table
WALK = 2_000  # the newest stories a query reads first, in date order
# Relevance and age in days; the recency boost is applied in Python, as for SQLite (recency_boost).
RELEVANCE_AND_AGE = (
    f"ts_rank_cd('{_WEIGHTS}'::float4[], p.vector, {TSQUERY}),"
    " greatest(0.0, extract(epoch FROM (%s - p.published_at)) / 86400.0)"
)


def tsquery(query: Query) -> str:
    """to_tsquery syntax: terms joined by &, phrases by <-> (terms are letters and digits only)."""
    parts = [f"'{term}'" for term in query.terms]
    parts += ["(" + " <-> ".join(f"'{term}'" for term in phrase) + ")" for phrase in query.phrases]
    return " & ".join(parts)


def facet_tsquery(filters: Filters) -> str:
    """The section and author filters as lexemes of the ``vector`` (``@s12``, ``@a7``: the analyzer
    never makes a term with «@», so they cannot meet a word of the text)."""
    tokens = facet_tokens(filters.section_id, [filters.author_id])
    return " & ".join(f"'@{token}'" for token in tokens)


def date_sql(filters: Filters):
    """The date filter as conditions (each opened by AND) on ``d.published_at``, and parameters."""
    start, end = date_bounds(filters)
    where, params = "", []
    if start:
        where += " AND d.published_at >= %s"
        params.append(start)
    if end:
        where += " AND d.published_at < %s"
        params.append(end)
    return where, params


def _index_scans_back_on(cursor):
    cursor.execute(
        "SELECT set_config('enable_seqscan', 'on', true), set_config('enable_indexscan', 'on', true)"
    )


class PostgresEngine:
    name = "postgres"

    def search(self, query: Query, filters: Filters, sort: str, offset: int, limit: int) -> Hits:
        if not query:
            return Hits(0, [])
        text = tsquery(query)
        dates, date_params = date_sql(filters)
        facets = facet_tsquery(filters)

        def matching(alias):
            """The match condition on ``alias``, and its parameters."""
            condition = f"{alias}.vector @@ {TSQUERY}"
            if facets:
                return f"{condition} AND {alias}.vector @@ %s::tsquery", [text, facets]
            return condition, [text]

        by_date = sort == "date"
        need = offset + limit if by_date else POOL
        # The settings span() changes are local to the transaction: when this one is the outermost,
        # its end puts them back, and the query that would do it is saved.
        nested = connection.in_atomic_block
        with transaction.atomic(), connection.cursor() as cursor:
            # 1. The newest WALK stories, in date order: a common word's matches are among them. When
            # they hold the pool but not COUNT_CAP matches, a longer walk still costs less than the
            # GIN bitmap of such a word.
            walked = WALK
            newest = self.walk(cursor, matching("w"), dates, date_params, walked)
            if POOL <= len(newest) < COUNT_CAP:
                walked = min(WALK * COUNT_CAP * 5 // (4 * len(newest)), WALK * 5)
                newest = self.walk(cursor, matching("w"), dates, date_params, walked)
            if len(newest) >= COUNT_CAP:
                total = COUNT_CAP
            else:
                # 2. Otherwise the GIN index, and only the GIN index, counts and finds them.
                span = self.span(cursor, filters)
                condition, args = matching("d")
                matches, args = f"FROM {TABLE} d WHERE {condition}{dates}", [*args, *date_params]
                cursor.execute(f"SELECT d.article_id, d.published_at {matches} LIMIT {COUNT_CAP}", args)
                found = cursor.fetchall()
                total = len(found)
                if total < COUNT_CAP:  # a rare word: these are all its matches
                    newest = [pk for pk, _at in sorted(found, key=lambda row: (row[1], row[0]), reverse=True)]
                if len(newest) < min(need, total):  # a common word the walk found too little of
                    # Size the first window by the share of the walk that matched (at least
                    # COUNT_CAP of the whole archive do), so that it likely holds the page.
                    share = max(len(newest) / walked, COUNT_CAP / max(span.stories, COUNT_CAP))
                    first = 1.5 * need / (share * max(span.stories, 1))
                    newest = self.newest_matches(cursor, matches, args, span.windows(first), need)
                if nested:  # an outer transaction goes on
                    _index_scans_back_on(cursor)
            chosen = newest[offset : offset + limit] if by_date else newest[:POOL]
            scores = {}
            if chosen:
                cursor.execute(
                    f"SELECT p.article_id, {RELEVANCE_AND_AGE} FROM {TABLE} p WHERE p.article_id = ANY(%s)",
                    [text, timezone.now(), chosen],
                )
                scores = {
                    article_id: float(f"{relevance * recency_boost(float(age_days)):.6g}")
                    for article_id, relevance, age_days in cursor.fetchall()
                }
        if not by_date:
            chosen = sorted(chosen, key=lambda pk: (-scores[pk], -pk))[offset : offset + limit]
        return Hits(total, [Hit(pk, scores[pk]) for pk in chosen])

    @staticmethod
    def walk(cursor, condition: tuple[str, list], dates: str, date_params: list, rows: int) -> list[int]:
        """The matches among the newest ``rows`` stories (up to ``COUNT_CAP``), newest first."""
        match, match_params = condition
        cursor.execute(
            f"""SELECT w.article_id FROM (
                    SELECT d.article_id, d.published_at, d.vector FROM {TABLE} d WHERE TRUE{dates}
                    ORDER BY d.published_at DESC, d.article_id DESC LIMIT %s) w
                WHERE {match} ORDER BY w.published_at DESC, w.article_id DESC LIMIT {COUNT_CAP}""",
            [*date_params, rows, *match_params],
        )
        return [article_id for (article_id,) in cursor.fetchall()]

    @staticmethod
    def newest_matches(cursor, matches: str, args: list, windows: list, need: int) -> list[int]:
        """The ``need`` newest matches, from the newest window that holds that many."""
        for since in [*windows, None]:
            bound, bound_args = (" AND d.published_at >= %s", [since]) if since else ("", [])
            cursor.execute(
                f"SELECT d.article_id {matches}{bound} ORDER BY d.published_at DESC, d.article_id DESC LIMIT %s",
                [*args, *bound_args, need],
            )
            found = [article_id for (article_id,) in cursor.fetchall()]
            if len(found) >= need:
                break
        return found

    @staticmethod
    def span(cursor, filters: Filters) -> "Span":
        """The time span that ``filters`` leave open, and the number of stories (the planner's
        estimate, from the last ANALYZE).

        The same statement switches plain index scans off for the rest of the transaction: it is
        planned before it runs, so its own min and max still read the ``published_at`` index."""
        cursor.execute(
            f"""SELECT min(published_at), max(published_at),
                       (SELECT reltuples FROM pg_class WHERE oid = '{TABLE}'::regclass),
                       set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)
                FROM {TABLE}"""
        )
        oldest, newest, stories, *_settings = cursor.fetchone()
        start, end = date_bounds(filters)
        lower = max(oldest, start) if oldest and start else oldest
        upper = min(newest, end) if newest and end else newest
        return Span(lower, upper, max(int(stories or 0), 0))


@dataclass(frozen=True)
class Span:
    lower: dt.datetime | None
    upper: dt.datetime | None
    stories: int

    def windows(self, first: float) -> list[dt.datetime]:
        """Where the newest windows begin: ``first`` of the span, then four times wider each, while
        narrower than the whole span."""
        if not self.lower or self.upper <= self.lower:
            return []
        fractions = []
        while first < 1 and len(fractions) < 4:
            fractions.append(first)
            first *= 4
        return [self.upper - (self.upper - self.lower) * fraction for fraction in fractions]
