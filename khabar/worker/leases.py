"""Tasks whose worker died: every worker beats a heartbeat; a RUNNING task whose worker has not been seen
for ``KHABAR_WORKER_LEASE`` seconds goes back to READY and runs again (tasks are idempotent: indexing,
polling and alerts all write what they would write the first time)."""

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat


def lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.KHABAR_WORKER_LEASE)


def beat(worker_id: str) -> None:
    WorkerHeartbeat.objects.update_or_create(worker_id=worker_id, defaults={"seen_at": timezone.now()})


def forget(worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def requeue_orphans(now=None) -> list[str]:
    """Put back the RUNNING tasks of workers not seen within the lease; their ids."""
    now = now or timezone.now()
    alive = set(
        WorkerHeartbeat.objects.filter(seen_at__gte=now - lease()).values_list("worker_id", flat=True)
    )
    orphans = []
    for pk, worker_ids, started_at in DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING
    ).values_list("pk", "worker_ids", "started_at"):
        owner = worker_ids[-1] if worker_ids else None
        if owner in alive or (started_at and started_at > now - lease()):
            continue
        # Only if it is still the same run: a task that finished meanwhile is left alone.
        if DBTaskResult.objects.filter(pk=pk, status=TaskResultStatus.RUNNING, worker_ids=worker_ids).update(
            status=TaskResultStatus.READY, started_at=None
        ):
            orphans.append(str(pk))
    WorkerHeartbeat.objects.filter(seen_at__lt=now - 10 * lease()).delete()
    return orphans
