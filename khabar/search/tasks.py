"""Index updates run in the task worker (``khabar db_worker``), never in a reader's request."""

from django_tasks import task

from . import index


@task()
def reindex_articles(article_ids: list[int]) -> int:
    """Rebuild the search documents of ``article_ids`` (removes those no longer live)."""
    return index.reindex(article_ids)
