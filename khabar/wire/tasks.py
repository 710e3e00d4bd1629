"""Polling on the task worker (django-tasks; ``khabar db_worker`` runs the tasks).

``poll_due_sources`` enqueues one ``poll_source`` task per due source, so a slow
or broken source never holds up the others. The workers enqueue it every
KHABAR_WIRE_TICK seconds (``KHABAR_PERIODIC_TASKS``, khabar/worker/periodic.py);
``khabar wire schedule`` enqueues one poll now when none is waiting. Each source is
claimed with a lease before polling, so overlapping polls do no harm.
"""

from django_tasks import task

from .models import Source
from .polling import claim_due_sources, poll_source_now


@task()
def poll_source(source_id: int) -> str:
    source = Source.objects.filter(pk=source_id).first()
    return poll_source_now(source) if source else "gone"


@task()
def poll_due_sources() -> int:
    sources = claim_due_sources()
    for source in sources:
        poll_source.enqueue(source.pk)
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
