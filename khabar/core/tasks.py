"""Edge purges run in the task worker: a publish never waits for an edge cache."""

import datetime as dt
import logging

from django.utils import timezone
from django_tasks import task

from . import edge

logger = logging.getLogger(__name__)


@task()
def purge_edge(url: str, tags: list[str], attempt: int = 1) -> int:
    """Purge ``tags`` at the edge ``url``; on failure queue another attempt, 2, 4, 8 … s later."""
    try:
        edge.purge(url, tags)
    except edge.PurgeFailed as error:
        if attempt >= edge.MAX_ATTEMPTS:
            logger.error("Edge purge abandoned after %s attempts: %s", attempt, error)
            raise
        logger.warning("Edge purge failed (attempt %s), retrying: %s", attempt, error)
        retry = purge_edge
        if retry.get_backend().supports_defer:
            retry = retry.using(run_after=timezone.now() + dt.timedelta(seconds=2**attempt))
        retry.enqueue(url, tags, attempt + 1)
    return len(tags)
