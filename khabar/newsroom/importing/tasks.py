"""Deferred work after a bulk import, run by the task worker (``khabar db_worker``).

The import writes rows without Wagtail's save signals, so the indexes those
signals keep are filled here, a batch of ids at a time: Wagtail's search index
(the admin's page search) and its reference index (an author's or agency's
"usage" in the admin).
"""

from django_tasks import task
from wagtail.models import ReferenceIndex
from wagtail.search.index import insert_or_update_object

from ..models import ArticlePage


@task()
def index_imported_articles(page_ids):
    for article in ArticlePage.objects.filter(pk__in=page_ids):
        insert_or_update_object(article)
        ReferenceIndex.create_or_update_for_object(article)
