"""The workers' own housekeeping job."""

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult


@task()
def prune_task_results() -> int:
    """Delete finished task results older than ``KHABAR_TASK_RESULTS_DAYS`` (periodic jobs add one a minute)."""
    cutoff = timezone.now() - dt.timedelta(days=settings.KHABAR_TASK_RESULTS_DAYS)
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    return deleted
