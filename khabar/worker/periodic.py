"""Periodic jobs (wire polling, scheduled publishing, desk alerts), run once per interval by whichever worker
gets there first.

Every worker checks ``KHABAR_PERIODIC_TASKS`` on each turn of its loop. A job is claimed by moving its
``PeriodicRun.next_run_at`` forward with a conditional UPDATE (``WHERE next_run_at = <the value read>``):
of any number of workers, one wins and enqueues the job's task. The schedule lives in the workers' loop,
not in a chain of tasks that re-enqueue themselves, so no crash or kill can end it for good.
"""

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import PeriodicRun


def jobs() -> dict[str, tuple[str, float]]:
    """name → (the task's dotted path, interval in seconds)."""
    return settings.KHABAR_PERIODIC_TASKS


def claim(name: str, interval: float, now=None) -> bool:
    """True when this caller won ``name``'s run due now (and moved the next one an interval ahead)."""
    now = now or timezone.now()
    following = now + dt.timedelta(seconds=interval)
    current = PeriodicRun.objects.filter(name=name).values_list("next_run_at", flat=True).first()
    if current is None:
        try:
            with transaction.atomic():
                PeriodicRun.objects.create(name=name, next_run_at=following)
            return True
        except IntegrityError:
            return False
    if current > now:
        return False
    return bool(PeriodicRun.objects.filter(name=name, next_run_at=current).update(next_run_at=following))


def run_due(now=None) -> list[str]:
    """Enqueue every job that is due and that this worker claimed; their names."""
    started = []
    for name, (path, interval) in jobs().items():
        if claim(name, interval, now):
            import_string(path).enqueue()
            started.append(name)
    return started
