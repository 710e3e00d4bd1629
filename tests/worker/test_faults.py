"""Fault tests on real ``khabar db_worker`` processes: a worker killed mid-task (on SQLite, or on
PostgreSQL when DATABASE_URL says so), and a SQLite write lock held while a worker records its result. Every wait is on something the processes write
(a log line, a row), with a generous cap so a stuck worker fails the test instead of hanging it."""

import os
import secrets
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
KHABAR = Path(sys.executable).with_name("khabar")
CAP = 120  # seconds: only a broken worker comes near it


def wait_for(condition, what):
    deadline = time.monotonic() + CAP
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.1)
    raise AssertionError(f"gave up waiting for {what}")


def _postgres_server():
    """The PostgreSQL server of the test run (DATABASE_URL), or None on SQLite."""
    url = os.environ.get("DATABASE_URL", "")
    return url.rsplit("/", 1)[0] if url.startswith(("postgres://", "postgresql://")) else None


def _admin(server, statement):
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(statement)


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """A migrated database to copy from: a SQLite file, or on PostgreSQL a template database."""
    folder = tmp_path_factory.mktemp("worker-db")
    server = _postgres_server()
    if server:
        name = f"khabar_faults_{secrets.token_hex(4)}"
        _admin(server, f"CREATE DATABASE {name}")
        database = f"{server}/{name}"
    else:
        database = folder / "khabar.sqlite3"
    subprocess.run(
        [str(KHABAR), "migrate", "--noinput"],
        env=_environment(folder, database),
        check=True,
        capture_output=True,
    )
    yield database
    if server:
        _admin(server, f"DROP DATABASE IF EXISTS {name}")


def _environment(folder, database, **extra):
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(folder),
        "PYTHONPATH": str(REPO),
        "KHABAR_VAR_DIR": str(folder / "var"),
        "SECRET_KEY": secrets.token_urlsafe(40),
        "DATABASE_URL": str(database) if str(database).startswith("postgres") else f"sqlite:///{database}",
        "CACHE_URL": "locmemcache://",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


class Site:
    def __init__(self, folder, database, **extra):
        self.folder, self.database = folder, database
        self.env = _environment(folder, database, **extra)
        self.workers = []

    def enqueue(self, name):
        code = f"from tests.worker.jobs import hold; print(hold.enqueue({str(self.folder)!r}, {name!r}).id)"
        result = subprocess.run(
            [str(KHABAR), "shell", "-c", code], env=self.env, check=True, capture_output=True, text=True
        )
        return result.stdout.strip().splitlines()[-1].replace("-", "")

    def worker(self):
        log = open(self.folder / f"worker-{len(self.workers)}.log", "w")  # noqa: SIM115
        process = subprocess.Popen(
            [str(KHABAR), "db_worker", "--no-startup-delay", "--interval", "0.2", "--no-reload"],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        process.log = Path(log.name)
        self.workers.append(process)
        return process

    def lines(self, name):
        path = self.folder / f"{name}.log"
        return path.read_text().split() if path.exists() else []

    def status(self, task_id):
        query = "SELECT status FROM django_tasks_database_dbtaskresult WHERE replace(id::text, '-', '') = %s"
        if str(self.database).startswith("postgres"):
            import psycopg

            with psycopg.connect(str(self.database)) as db:
                row = db.execute(query, (task_id,)).fetchone()
        else:
            with sqlite3.connect(self.database) as db:
                row = db.execute(query.replace("::text", "").replace("%s", "?"), (task_id,)).fetchone()
        return row[0] if row else None

    def stop(self):
        for process in self.workers:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()


@pytest.fixture
def site(migrated, tmp_path):
    server = _postgres_server()
    if server:
        name = f"khabar_faults_{secrets.token_hex(4)}"
        _admin(server, f"CREATE DATABASE {name} TEMPLATE {str(migrated).rsplit('/', 1)[1]}")
        database = f"{server}/{name}"
    else:
        database = tmp_path / "khabar.sqlite3"
        shutil.copy(migrated, database)
    made = Site(tmp_path, database, KHABAR_WORKER_LEASE="2", SQLITE_TIMEOUT="1")
    yield made
    made.stop()
    if server:
        _admin(server, f"DROP DATABASE IF EXISTS {name}")


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
    if _postgres_server():
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
