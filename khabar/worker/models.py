"""What the task workers share through the database: who is alive, and when each periodic job is next due."""

from django.db import models


class WorkerHeartbeat(models.Model):
    """A running ``khabar db_worker`` process, seen at ``seen_at``; a task whose worker stops beating is rerun."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return self.worker_id


class PeriodicRun(models.Model):
    """The next time a periodic job is due; the worker that moves it forward enqueues the job."""

    name = models.CharField(max_length=100, primary_key=True)
    next_run_at = models.DateTimeField()

    def __str__(self):
        return self.name
