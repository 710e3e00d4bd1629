"""The RQ backend (``django-tasks-rq``) on a real Redis with real ``khabar rq-worker`` processes: tasks run,
a task whose worker was killed with ``kill -9`` runs again once, periodic jobs run once per interval with two
workers. The database is SQLite, or PostgreSQL when DATABASE_URL says so (as in test_faults.py)."""

import pytest
import redis

from .processes import RQ_TEST_URL, wait_for


@pytest.fixture
def rq_site(make_site):
    connection = redis.Redis.from_url(RQ_TEST_URL, socket_connect_timeout=1)
    try:
        connection.ping()
    except redis.ConnectionError:
        pytest.skip(f"RQ tests need a Redis at {RQ_TEST_URL} (CI starts one)")
    connection.flushdb()  # this test's own database: no job of an earlier run is left to a new worker
    yield lambda **extra: make_site(
        TASKS_BACKEND="django_tasks_rq.RQBackend", RQ_URL=RQ_TEST_URL, KHABAR_WORKER_LEASE="2", **extra
    )
    connection.flushdb()


def test_a_task_enqueued_on_rq_runs_on_a_worker(rq_site):
    site = rq_site()
    (site.folder / "release").touch()
    task = site.enqueue("a")
    assert site.status(task) == "QUEUED"
    site.worker()
    wait_for(lambda: site.status(task) == "FINISHED", "the worker to run the task")
    assert site.lines("a") == ["start", "done"]


def test_a_task_whose_rq_worker_was_killed_runs_again_once(rq_site):
    site = rq_site()
    task = site.enqueue("a")
    first = site.worker()
    wait_for(lambda: "start" in site.lines("a"), "the first worker to start the task")
    site.kill(first)  # kill -9, with the scheduler it may have started
    assert site.status(task) == "STARTED"  # left behind by the dead worker
    (site.folder / "release").touch()
    site.worker()
    wait_for(lambda: site.status(task) == "FINISHED", "the task to complete on the second worker")
    assert site.lines("a") == ["start", "start", "done"]  # run again from the start, finished once


def test_periodic_jobs_run_once_per_interval_with_two_rq_workers(rq_site):
    site = rq_site(DJANGO_SETTINGS_MODULE="tests.worker.periodic_settings")
    ticks = site.folder / "var" / "ticks.log"
    site.worker()
    site.worker()
    runs = wait_for(
        lambda: ticks.exists() and len(lines := ticks.read_text().splitlines()) >= 4 and lines,
        "four runs of the periodic job",
    )
    site.stop()
    runs = [line.split() for line in ticks.read_text().splitlines()]
    assert len({task_id for task_id, _ in runs}) == len(runs)  # no run executed twice
    # Every run was claimed an interval (2 s) after the previous one: a run claimed by both workers
    # would show two enqueue times a few milliseconds apart.
    enqueued = sorted(float(at) for _, at in runs)
    assert all(later - earlier > 1 for earlier, later in zip(enqueued, enqueued[1:], strict=False)), enqueued
