"""Periodic jobs run once per interval however many workers ask; dead workers' tasks are put back."""

import datetime as dt

import pytest
from django.db import OperationalError
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from khabar.worker import leases, periodic
from khabar.worker.models import WorkerHeartbeat
from khabar.worker.retry import until_done

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)


def test_of_many_workers_one_claims_each_run():
    assert periodic.claim("wire-poll", 30, NOW)
    assert [periodic.claim("wire-poll", 30, NOW) for _ in range(5)] == [False] * 5
    later = NOW + dt.timedelta(seconds=30)
    assert [periodic.claim("wire-poll", 30, later) for _ in range(3)] == [True, False, False]


def test_every_configured_job_is_enqueued_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    first = periodic.run_due(NOW)
    second = periodic.run_due(NOW)  # another worker, the same moment
    assert sorted(first) == sorted(settings.KHABAR_PERIODIC_TASKS) and second == []
    paths = sorted(DBTaskResult.objects.values_list("task_path", flat=True))
    assert paths == sorted(path for path, _ in settings.KHABAR_PERIODIC_TASKS.values())


def _running(worker_id, started):
    from tests.worker.jobs import hold

    result = hold.using(backend="default").enqueue("/nonexistent", worker_id)
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING, worker_ids=[worker_id], started_at=started
    )
    return str(result.id)


def test_tasks_of_a_dead_worker_are_put_back(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.KHABAR_WORKER_LEASE = 60
    now = timezone.now()
    long_ago = now - dt.timedelta(minutes=10)
    WorkerHeartbeat.objects.create(worker_id="alive", seen_at=now)
    WorkerHeartbeat.objects.create(worker_id="dead", seen_at=long_ago)
    alive = _running("alive", long_ago)
    dead = _running("dead", long_ago)
    vanished = _running("never-seen", long_ago)
    just_claimed = _running("starting", now)
    assert sorted(leases.requeue_orphans(now)) == sorted([str(dead), str(vanished)])
    statuses = {str(pk): status for pk, status in DBTaskResult.objects.values_list("pk", "status")}
    assert statuses[alive] == statuses[just_claimed] == TaskResultStatus.RUNNING
    assert statuses[dead] == statuses[vanished] == TaskResultStatus.READY
    assert leases.requeue_orphans(now) == []


def test_database_errors_are_retried_with_backoff():
    calls, pauses = [], []

    def flaky():
        calls.append(1)
        if len(calls) < 4:
            raise OperationalError("database is locked")
        return "saved"

    assert until_done(flaky, "test", sleep=pauses.append) == "saved"
    assert pauses == [0.5, 1.0, 2.0]
    with pytest.raises(OperationalError):
        until_done(
            lambda: (_ for _ in ()).throw(OperationalError("gone")), "test", attempts=2, sleep=pauses.append
        )


def test_old_finished_results_are_pruned(settings):
    from khabar.worker.tasks import prune_task_results
    from tests.worker.jobs import hold

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    old, recent, waiting = (
        str(hold.enqueue("/nonexistent", name).id) for name in ("old", "recent", "waiting")
    )
    now = timezone.now()
    DBTaskResult.objects.filter(pk=old).update(
        status=TaskResultStatus.SUCCESSFUL, finished_at=now - dt.timedelta(days=8)
    )
    DBTaskResult.objects.filter(pk=recent).update(
        status=TaskResultStatus.FAILED, finished_at=now - dt.timedelta(days=1)
    )
    assert prune_task_results.call() == 1
    assert {str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)} == {recent, waiting}
