"""The task worker on RQ (``TASKS_BACKEND=django_tasks_rq.RQBackend``), with the database worker's guarantees.

``khabar rq_worker`` runs these classes (settings ``RQ``):

- ``Worker`` runs tasks in its own process, like ``khabar db_worker`` (no fork per task: Django's database
  connections are never shared with a child). A heartbeat thread keeps the running task's entry in RQ's
  started-job registry fresh for ``KHABAR_WORKER_LEASE`` seconds; once a worker dies (``kill -9``, a lost
  machine) its entry expires and RQ's own registry cleanup, which this worker runs every lease, puts the
  task back on its queue, because every job is created with retries (``Queue``).
- ``Job`` retries a task that meets a database error (locked, connection lost, server restarted) with the
  database worker's backoff, at most ``TASK_DB_ATTEMPTS`` runs; any other failure is final, as on the
  database backend: the retries are kept for dead workers.
- Periodic jobs (``KHABAR_PERIODIC_TASKS``) are claimed in the database from every worker's loop, as in
  ``khabar db_worker`` (``khabar.worker.periodic``), so they run once per interval however many RQ workers
  there are; a database error there is logged and retried on a later turn, never the end of the worker.
"""

import logging
import threading
import time

from django.db import DatabaseError, close_old_connections
from django_rq.queues import DjangoRQ
from django_tasks_rq.backend import Job as TaskJob
from rq import Retry
from rq.worker import SimpleWorker

from . import leases, periodic
from .retry import pauses, reset_connections, until_done

logger = logging.getLogger("khabar.worker")
TASK_DB_ATTEMPTS = 5
# Runs of a task whose worker died before it is failed for good (a task that kills its worker every time).
DEAD_WORKER_RERUNS = 4


class Queue(DjangoRQ):
    """Every job may be rerun after its worker's death (``Job`` keeps the reruns for that case only)."""

    def create_job(self, *args, retry=None, **kwargs):
        return super().create_job(*args, retry=retry or Retry(max=DEAD_WORKER_RERUNS), **kwargs)

    def acquire_maintenance_lock(self):
        # RQ holds the registry-cleaning lock for 15 minutes: a worker killed while cleaning would stop every
        # other worker from rerunning dead workers' tasks for that long. One lease is plenty for a cleanup.
        lock = max(int(leases.lease().total_seconds()), 1)
        return bool(self.connection.set(self.registry_cleaning_key, 1, nx=True, ex=lock))


class Job(TaskJob):
    def _execute(self):
        close_old_connections()
        try:
            return until_done(super()._execute, f"task {self.id}", attempts=TASK_DB_ATTEMPTS)
        except BaseException:
            # A task's own failure (or the last database error) is final: no rerun.
            self.retries_left = 0
            raise
        finally:
            close_old_connections()


class Worker(SimpleWorker):
    """RQ's in-process worker with a lease, periodic jobs and a loop that turns every second."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("maintenance_interval", leases.lease().total_seconds())
        super().__init__(*args, **kwargs)
        self._periodic_backoff = pauses()
        self._periodic_after = 0.0

    def get_heartbeat_ttl(self, job, working_time=0.0):
        return max(int(leases.lease().total_seconds()), 1)

    def execute_job(self, job, queue):
        done = threading.Event()
        heart = threading.Thread(target=self._beat, args=(job, done), daemon=True, name="heartbeat")
        heart.start()
        try:
            super().execute_job(job, queue)
        finally:
            done.set()
            heart.join(timeout=5)

    def _beat(self, job, done):
        """While ``job`` runs: keep its started-registry entry (and this worker) alive for another lease."""
        ttl = self.get_heartbeat_ttl(job)
        while not done.wait(max(ttl / 6, 0.2)):
            try:
                with self.connection.pipeline() as pipeline:
                    self.heartbeat(ttl + 60, pipeline=pipeline)
                    for execution in list(self.executions.values()):
                        execution.heartbeat(job.started_job_registry, ttl, pipeline=pipeline)
                    pipeline.execute()
            except Exception as error:  # a lost Redis: the next beat tries again
                logger.warning("worker %s: heartbeat failed (%s)", self.name, error)

    def dequeue_job_and_maintain_ttl(self, timeout, max_idle_time=None):
        """Wait for a job one second at a time, running the periodic jobs that fall due between waits."""
        if timeout is None:  # burst mode: no waiting
            self._run_periodic()
            return super().dequeue_job_and_maintain_ttl(timeout, max_idle_time)
        started = time.monotonic()
        while True:
            self._run_periodic()
            result = super().dequeue_job_and_maintain_ttl(1, 1)
            if result is not None or self._stop_requested:
                return result
            if max_idle_time is not None and time.monotonic() - started >= max_idle_time:
                return None

    def _run_periodic(self):
        if time.monotonic() < self._periodic_after:
            return
        try:
            close_old_connections()
            for name in periodic.run_due():
                logger.info("worker %s: periodic job %s enqueued", self.name, name)
            self._periodic_backoff = pauses()
        except DatabaseError as error:
            pause = next(self._periodic_backoff)
            logger.warning("worker %s: database error (%s), retrying in %.1f s", self.name, error, pause)
            reset_connections()
            self._periodic_after = time.monotonic() + pause
        except Exception:
            logger.exception("worker %s: periodic jobs failed", self.name)
