"""Agency stories from JSON lines into the newsroom, each batch handed to reader search."""

from khabar.newsroom.importing import ImportReport, import_lines
from khabar.search.index import enqueue_reindex


def import_articles(lines, **options) -> ImportReport:
    """``newsroom.importing.import_lines`` (same options), queueing each batch for search."""
    return import_lines(lines, on_batch=enqueue_reindex, **options)
