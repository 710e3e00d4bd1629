"""Real worker processes for the fault tests: a site's environment, its database, its workers and their logs.

Every wait is on something the processes write (a log line, a row, a job's status), with a generous cap so a
stuck worker fails the test instead of hanging it."""

import os
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
KHABAR = Path(sys.executable).with_name("khabar")
CAP = 120  # seconds: only a broken worker comes near it
# The Redis database of the RQ tests (flushed by them): CI's cache run uses 15.
RQ_TEST_URL = "redis://127.0.0.1:6379/12"


def wait_for(condition, what, cap=CAP):
    deadline = time.monotonic() + cap
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.1)
    raise AssertionError(f"gave up waiting for {what}")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(folder, database, **extra):
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
        "KHABAR_STARTER_GLOSSARY": "false",  # the workers' tests need no glossary; migrating is faster
        **extra,
    }


class Site:
    """A Khabar site on ``database`` whose workers are started by the test (``khabar db_worker`` or, with
    ``TASKS_BACKEND=django_tasks_rq.RQBackend``, ``khabar rq-worker``)."""

    def __init__(self, folder, database, **extra):
        self.folder, self.database = folder, database
        self.env = environment(folder, database, **extra)
        self.rq = self.env["TASKS_BACKEND"] == "django_tasks_rq.RQBackend"
        self.workers = []

    def khabar(self, *args):
        return subprocess.run(
            [str(KHABAR), *args], env=self.env, check=True, capture_output=True, text=True
        ).stdout

    def enqueue(self, name):
        code = f"from tests.worker.jobs import hold; print(hold.enqueue({str(self.folder)!r}, {name!r}).id)"
        return self.khabar("shell", "-c", code).strip().splitlines()[-1].replace("-", "")

    def worker(self):
        log = open(self.folder / f"worker-{len(self.workers)}.log", "w")  # noqa: SIM115
        if self.rq:
            command = [str(KHABAR), "rq-worker"]
        else:
            command = [str(KHABAR), "db_worker", "--no-startup-delay", "--interval", "0.2", "--no-reload"]
        # Its own process group: a kill takes the worker with any process it started (RQ's scheduler).
        process = subprocess.Popen(
            command, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        process.log = Path(log.name)
        self.workers.append(process)
        return process

    def kill(self, process):
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def lines(self, name):
        path = self.folder / f"{name}.log"
        return path.read_text().split() if path.exists() else []

    def status(self, task_id):
        """The task's status as the backend stores it: READY … SUCCESSFUL (RQ's own names on RQ)."""
        if self.rq:
            from redis import Redis
            from rq.exceptions import NoSuchJobError
            from rq.job import Job

            try:
                return Job.fetch(task_id, connection=Redis.from_url(self.env["RQ_URL"])).get_status().name
            except NoSuchJobError:
                return None
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
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
        for process in self.workers:
            # RQ's scheduler, a child of the worker, may outlive it by a moment.
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
