"""Search engines behind one small interface.

An engine answers ``search(query, filters, sort, offset, limit) -> Hits`` from the search documents
(``khabar.search.models.SearchDocument``). ``fts5`` is the embedded default (SQLite), ``postgres``
serves PostgreSQL; ``get_engine`` picks the one for the database in use.

Ranking blends text relevance with recency: a story's relevance is multiplied by
``1 + RECENCY_DAYS / (RECENCY_DAYS + age in days)``, so a story from today counts twice an equally
relevant one from long ago, and the boost has halved after ``RECENCY_DAYS``. Headline terms weigh
``HEADLINE_WEIGHT`` times body terms.

Scale: a common word matches most of a large archive, and scoring every match is linear in the
archive. So relevance is computed over the ``POOL`` most recent matches (the index walks stories
newest first: FTS5's rowid is the publication order, PostgreSQL reads the ``published_at`` index or
the GIN index), so relevance pages stop after ``POOL`` results (ts_rank_cd reads each story's whole
tsvector, so a query's cost grows with the pool; bench/search.py measures it). Sorting by date is exact
and pages up to ``COUNT_CAP``. ``total`` counts matches up to ``COUNT_CAP``.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from django.db import connection

from khabar.arabic.analyzer import Query

RECENCY_DAYS = 30
HEADLINE_WEIGHT = 5.0
SORTS = ("relevance", "date")
POOL = 250
COUNT_CAP = 1_000  # as deep as a reader can page (50 × 20): "more than 1,000" is enough


@dataclass(frozen=True)
class Filters:
    section_id: int | None = None
    author_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None  # inclusive


@dataclass(frozen=True)
class Hit:
    article_id: int
    score: float


@dataclass(frozen=True)
class Hits:
    total: int
    hits: list[Hit]


class Engine(Protocol):
    def search(self, query: Query, filters: Filters, sort: str, offset: int, limit: int) -> Hits: ...


def get_engine() -> Engine:
    if connection.vendor == "postgresql":
        from .postgres import PostgresEngine

        return PostgresEngine()
    from .fts5 import Fts5Engine

    return Fts5Engine()


def recency_boost(age_days: float) -> float:
    """The recency factor of a story ``age_days`` old (see the module docstring)."""
    return 1.0 + RECENCY_DAYS / (RECENCY_DAYS + age_days)


def date_bounds(filters: Filters):
    """Filter dates as aware datetimes: [from 00:00, day after ``date_to`` 00:00)."""
    from django.utils import timezone

    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(filters.date_from, dt.time(), tz) if filters.date_from else None
    end = (
        dt.datetime.combine(filters.date_to + dt.timedelta(days=1), dt.time(), tz)
        if filters.date_to and filters.date_to < dt.date.max
        else None
    )
    return start, end
