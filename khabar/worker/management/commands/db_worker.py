"""``khabar db_worker``: django-tasks-db's worker, made to survive.

- Database errors (a locked SQLite file, a lost connection, a restarted PostgreSQL) are retried with
  backoff wherever the worker touches the database: claiming, recording results, housekeeping. A task
  that fails on such an error is put back to run again later (at most ``TASK_DB_ATTEMPTS`` runs).
- A heartbeat thread keeps ``WorkerHeartbeat`` fresh; every worker puts back the RUNNING tasks of
  workers that stopped beating (``kill -9``, a lost machine), so they run again (``khabar.worker.leases``).
- Periodic jobs are claimed and enqueued from the loop itself (``khabar.worker.periodic``).
"""

import datetime as dt
import logging
import threading
import time
from functools import partial

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands import db_worker as upstream
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from khabar.worker import leases, periodic
from khabar.worker.retry import pauses, reset_connections, until_done

logger = logging.getLogger("khabar.worker")
TASK_DB_ATTEMPTS = 5


class SurvivingWorker(upstream.Worker):
    def run(self):
        logger.info("worker %s starting", self.worker_id)
        stop = threading.Event()
        heart = threading.Thread(target=self._beat, args=(stop,), daemon=True, name="heartbeat")
        heart.start()
        backoff = pauses()
        next_housekeeping = 0.0
        try:
            while self.running:
                try:
                    if time.monotonic() >= next_housekeeping:
                        self._housekeeping()
                        next_housekeeping = time.monotonic() + max(self.interval, 1)
                    task_result = self._claim()
                    backoff = pauses()
                except DatabaseError as error:
                    pause = next(backoff)
                    logger.warning(
                        "worker %s: database error (%s), retrying in %.1f s", self.worker_id, error, pause
                    )
                    reset_connections()
                    time.sleep(pause)
                    continue
                if task_result is not None:
                    self.run_task(task_result)
                elif self.batch:
                    return
                if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                    return
                if self.running and task_result is None:
                    time.sleep(self.interval)
        finally:
            stop.set()
            heart.join(timeout=5)
            try:
                leases.forget(self.worker_id)
            except DatabaseError:
                pass

    def _beat(self, stop):
        period = max(leases.lease().total_seconds() / 6, 0.2)
        while True:
            try:
                leases.beat(self.worker_id)
            except DatabaseError as error:
                logger.warning("worker %s: heartbeat failed (%s)", self.worker_id, error)
                reset_connections()
            if stop.wait(period):
                break
        connection.close()

    def _housekeeping(self):
        if requeued := leases.requeue_orphans():
            logger.warning(
                "worker %s: tasks of dead workers put back: %s", self.worker_id, ", ".join(requeued)
            )
        for name in periodic.run_due():
            logger.info("worker %s: periodic job %s enqueued", self.worker_id, name)

    def _claim(self):
        upstream.close_old_connections()
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            task_result = tasks.get_locked()
            if task_result is not None:
                task_result.claim(self.worker_id)
        return task_result

    def run_task(self, db_task_result):
        self.running_task = True
        try:
            task = db_task_result.task
            task_result = db_task_result.task_result
            backend = task.get_backend()
            self._signal(upstream.task_started, backend, task_result)
            try:
                if task.takes_context:
                    value = task.call(
                        upstream.TaskContext(task_result=task_result), *task_result.args, **task_result.kwargs
                    )
                else:
                    value = task.call(*task_result.args, **task_result.kwargs)
            except DatabaseError as error:
                if len(db_task_result.worker_ids) < TASK_DB_ATTEMPTS:
                    self._put_back(db_task_result, error)
                    return
                until_done(partial(db_task_result.set_failed, error), f"task {db_task_result.pk}")
            except BaseException as error:  # as upstream: a task's own failure is recorded, never fatal
                until_done(partial(db_task_result.set_failed, error), f"task {db_task_result.pk}")
            else:
                until_done(partial(db_task_result.set_successful, value), f"task {db_task_result.pk}")
            self._signal(upstream.task_finished, backend, db_task_result.task_result)
        except (ImportError, upstream.SuspiciousOperation) as error:
            until_done(partial(db_task_result.set_failed, error), f"task {db_task_result.pk}")
        finally:
            self.running_task = False
            self._run_tasks += 1

    def _put_back(self, db_task_result, error):
        pause = min(2 ** len(db_task_result.worker_ids), 60)
        logger.warning(
            "task %s met a database error (%s): runs again in %s s", db_task_result.pk, error, pause
        )
        reset_connections()
        until_done(
            lambda: DBTaskResult.objects.filter(pk=db_task_result.pk, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.READY,
                started_at=None,
                run_after=timezone.now() + dt.timedelta(seconds=pause),
            ),
            f"task {db_task_result.pk}",
        )

    def _signal(self, signal, backend, task_result):
        # Receivers (the desk's alerts after a poll) must not take the worker down with them.
        try:
            signal.send(sender=type(backend), task_result=task_result)
        except Exception:
            logger.exception("a receiver of %s failed", signal)
            reset_connections()


class Command(upstream.Command):
    help = "Run the task worker: database errors are retried, dead workers' tasks rerun, periodic jobs run"

    def handle(self, *args, **options):
        upstream.Worker = SurvivingWorker  # the upstream command builds its worker from this name
        if options.get("interval") is None:
            options["interval"] = settings.KHABAR_WORKER_INTERVAL
        return super().handle(*args, **options)
