"""Fault tests on real ``khabar db_worker`` processes: a worker killed mid-task (on SQLite, or on
PostgreSQL when DATABASE_URL says so), and a SQLite write lock held while a worker records its result. Every wait is on something the processes write
(a log line, a row), with a generous cap so a stuck worker fails the test instead of hanging it."""

import signal
import sqlite3

import pytest

from tests.postgres import postgres_server

from .processes import wait_for


@pytest.fixture
def site(make_site):
    return make_site(KHABAR_WORKER_LEASE="2", SQLITE_TIMEOUT="1")


def test_a_task_whose_worker_was_killed_runs_again_once(site):
    task = site.enqueue("a")
    first = site.worker()
    wait_for(lambda: "start" in site.lines("a"), "the first worker to start the task")
    first.send_signal(signal.SIGKILL)
    first.wait()
    assert site.status(task) == "RUNNING"  # left behind by the dead worker
    (site.folder / "release").touch()
    site.worker()
    wait_for(lambda: site.status(task) == "SUCCESSFUL", "the task to complete on the second worker")
    assert site.lines("a") == ["start", "start", "done"]  # run again from the start, finished once


def test_a_held_sqlite_lock_does_not_kill_the_worker(site):
    if postgres_server():
        pytest.skip("a SQLite write lock")
    task = site.enqueue("b")
    worker = site.worker()
    wait_for(lambda: "start" in site.lines("b"), "the worker to start the task")
    holder = sqlite3.connect(site.database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # every writer now waits, then gets «database is locked»
    try:
        (site.folder / "release").touch()
        wait_for(lambda: "done" in site.lines("b"), "the task to finish its work")
        wait_for(lambda: "database is locked" in worker.log.read_text(), "the worker to meet the lock")
        assert worker.poll() is None
        assert site.status(task) == "RUNNING"
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    wait_for(lambda: site.status(task) == "SUCCESSFUL", "the result to be recorded once the lock is gone")
    after = site.enqueue("c")  # the same worker goes on with new work
    wait_for(lambda: site.status(after) == "SUCCESSFUL", "a task queued after the lock")
    assert worker.poll() is None
    assert site.lines("b") == ["start", "done"]
