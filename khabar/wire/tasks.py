"""Polling on the task worker (django-tasks; ``khabar db_worker`` runs the tasks).

``poll_due_sources`` enqueues one ``poll_source`` task per due source, so a slow
or broken source never holds up the others, then re-enqueues itself to run again
after KHABAR_WIRE_TICK seconds. ``khabar wire schedule`` (run by ``make run``
before the worker starts) enqueues the first one when none is waiting; duplicate
loops are harmless because each source is claimed with a lease before polling.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from .models import Source
from .polling import claim_due_sources, poll_source_now


def tick() -> timedelta:
    return timedelta(seconds=getattr(settings, "KHABAR_WIRE_TICK", 30))


@task()
def poll_source(source_id: int) -> str:
    source = Source.objects.filter(pk=source_id).first()
    return poll_source_now(source) if source else "gone"


@task()
def poll_due_sources() -> int:
    sources = claim_due_sources()
    for source in sources:
        poll_source.enqueue(source.pk)
    if poll_due_sources.get_backend().supports_defer:
        poll_due_sources.using(run_after=timezone.now() + tick()).enqueue()
    return len(sources)


def ensure_scheduled() -> bool:
    """Enqueue the polling loop unless one is already waiting; True when enqueued."""
    backend = poll_due_sources.get_backend()
    if backend.supports_defer:
        try:
            from django_tasks_db.models import DBTaskResult
        except ImportError:
            DBTaskResult = None
        if (
            DBTaskResult is not None
            and DBTaskResult.objects.ready().filter(task_path=poll_due_sources.module_path).exists()
        ):
            return False
        poll_due_sources.enqueue()
        return True
    poll_due_sources.enqueue()
    return True
