"""A PostgreSQL restart under a running site and worker: both recover without being restarted, and no reader's
comment is lost.

The machine's shared PostgreSQL is never touched: the test makes a throw-away cluster of its own (initdb and
pg_ctl from /usr/lib/postgresql/*/bin, its own port and folder, run as the ``postgres`` user when the test
runs as root), points ``khabar serve`` and ``khabar db_worker`` at it and restarts it with ``pg_ctl -m fast``.
Skipped when the PostgreSQL server binaries are not installed."""

import glob
import json
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import altcha
import lxml.html
import pytest
import requests

from tests.postgres import admin
from tests.worker import processes

ROOT = Path(__file__).resolve().parents[2]
KHABAR = Path(sys.executable).with_name("khabar")
CAP = 180  # seconds: start-up on a loaded machine; only a broken site comes near it
BINARIES = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
NOT_SAVED = "تعذّر حفظ تعليقك الآن"


def wait_for(condition, what, cap=CAP):
    return processes.wait_for(condition, what, cap=cap)


class Postgres:
    """A PostgreSQL cluster in a temporary folder, on its own port."""

    def __init__(self):
        self.bin = Path(BINARIES[-1]).parent
        self.folder = Path(tempfile.mkdtemp(prefix="khabar-pg-"))
        self.data, self.log = self.folder / "data", self.folder / "server.log"
        self.port = processes.free_port()
        self.user = None
        if os.geteuid() == 0:  # initdb refuses to run as root
            self.user = pwd.getpwnam("postgres")
            os.chown(self.folder, self.user.pw_uid, self.user.pw_gid)
        self.run("initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
        self.pg_ctl("start")

    def run(self, tool, *args):
        command = [str(self.bin / tool), *map(str, args)]
        if self.user:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=True, capture_output=True, text=True, cwd=self.folder)

    def pg_ctl(self, action, *extra):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        return self.run(
            "pg_ctl", action, "-D", self.data, "-l", self.log, "-w", "-t", "120", "-o", options, *extra
        )

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}"

    def destroy(self):
        try:
            self.run("pg_ctl", "stop", "-D", self.data, "-m", "immediate", "-w")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def postgres():
    if not BINARIES:
        pytest.skip("the PostgreSQL server binaries (/usr/lib/postgresql/*/bin) are not installed")
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no postgres user to run initdb as")
    server = Postgres()
    yield server
    server.destroy()


class Site:
    def __init__(self, folder, database):
        self.folder = folder
        self.port = processes.free_port()
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(folder),
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "tests.core.quick_comments_settings",
            "KHABAR_VAR_DIR": str(folder / "var"),
            "SECRET_KEY": secrets.token_urlsafe(40),
            "DATABASE_URL": database,
            "CACHE_URL": "locmemcache://",
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "ALLOWED_HOSTS": "127.0.0.1",
            "KHABAR_BASE_URL": f"http://127.0.0.1:{self.port}",
            "KHABAR_STARTER_GLOSSARY": "false",
            "LOG_LEVEL": "WARNING",
        }
        self.processes = []

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def khabar(self, *args):
        return subprocess.run(
            [str(KHABAR), *args], env=self.env, cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout

    def shell(self, code):
        return self.khabar("shell", "-c", code).strip().splitlines()[-1]

    def start(self, name, *args):
        log = open(self.folder / f"{name}.log", "w")  # noqa: SIM115
        process = subprocess.Popen(
            [str(KHABAR), *args], env=self.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
        )
        process.log = Path(log.name)
        self.processes.append(process)
        return process

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


@pytest.fixture
def site(postgres, tmp_path):
    admin(postgres.url, "CREATE DATABASE khabar")
    made = Site(tmp_path, f"{postgres.url}/khabar")
    made.khabar("migrate", "--noinput", "-v0")
    made.khabar("collectstatic", "--noinput", "-v0")
    made.khabar("load-demo")
    made.web = made.start("web", "serve", "--bind", f"127.0.0.1:{made.port}", "--workers", "1")
    made.worker = made.start("worker", "db_worker", "--no-startup-delay", "--interval", "0.2", "--no-reload")
    wait_for(lambda: _status(f"{made.base}/robots.txt") == 200, "khabar serve")
    yield made
    made.stop()


def _status(url):
    try:
        return requests.get(url, timeout=30, allow_redirects=False).status_code
    except requests.RequestException:
        return None


class Reader:
    """A reader's browser: the comment form fragment (session and CSRF cookies), a solved check, a post."""

    def __init__(self, site, article):
        self.site, self.article = site, article
        self.session = requests.Session()

    def fill(self, text):
        fragment = self.session.get(
            f"{self.site.base}/comments/article/{self.article}/form/",
            headers={"X-Requested-With": "fetch"},
            timeout=60,
        )
        assert fragment.status_code == 200, fragment.text[:500]
        form = lxml.html.fromstring(fragment.text)
        data = {
            i.get("name"): i.get("value") or "" for i in form.xpath("//form[@class='comment-form']//input")
        }
        challenge = altcha.Challenge.from_dict(
            self.session.get(f"{self.site.base}/comments/altcha/challenge/").json()
        )
        data["altcha"] = altcha.Payload(challenge, altcha.solve_challenge(challenge)).to_base64()
        data.update({"name": "قارئ", "email": "", "comment": text})
        return data

    def post(self, data):
        return self.session.post(
            f"{self.site.base}/comments/article/{self.article}/post/",
            data=data,
            headers={"X-Requested-With": "fetch", "Referer": self.site.base + "/"},
            timeout=60,
        )


def _comments(site, text):
    return int(
        site.shell(
            f"from khabar.comments.models import ReaderComment\nprint(ReaderComment.objects.filter(comment={text!r}).count())"
        )
    )


def test_the_site_and_the_worker_outlive_a_postgresql_restart(postgres, site):
    article = json.loads(
        site.shell(
            "import json\nfrom khabar.newsroom.models import ArticlePage\n"
            "a = ArticlePage.objects.live().order_by('-pk').first()\nprint(json.dumps([a.pk, a.url]))"
        )
    )
    pk, path = article
    assert _status(site.base + path) == 200
    reader = Reader(site, pk)
    text = "تعليق كُتب والخادم يُعاد تشغيله"
    comment = reader.fill(text)

    # A task that is running while the database goes away, and records its result after.
    task = site.shell(
        f"from tests.worker.jobs import hold\nprint(hold.enqueue({str(site.folder)!r}, 'restart').id)"
    )
    wait_for(lambda: "start" in _lines(site.folder / "restart.log"), "the worker to start the task")

    # Readers keep asking for pages all through the restart.
    answers, stop = [], threading.Event()

    def traffic():
        while not stop.is_set():
            answers.append(_status(site.base + path))

    reading = threading.Thread(target=traffic, daemon=True)
    reading.start()
    try:
        postgres.pg_ctl("stop", "-m", "fast")
        # The comment posted while the server is down: refused in Arabic, the reader's check kept.
        refused = reader.post(comment)
        assert refused.status_code == 503, refused.text[:1000]
        assert NOT_SAVED in refused.text and refused.headers.get("X-Comment-Check") == "kept"
        (site.folder / "release").touch()  # the task finishes its work while the database is away
        wait_for(lambda: "done" in _lines(site.folder / "restart.log"), "the task to finish its work")
        postgres.pg_ctl("start")
        # Pages come back, from the same processes.
        wait_for(lambda: _status(site.base + path) == 200, "pages after the restart")
    finally:
        stop.set()
        reading.join(timeout=60)
    assert answers  # readers were served (or refused) throughout; the wait above saw pages come back

    # The reader sends the same comment again, with the same solved check: saved once.
    saved = reader.post(comment)
    assert saved.status_code == 201, saved.text[:1000]
    assert _comments(site, text) == 1

    # The worker, never restarted, recorded the task it was running and goes on with new ones.
    status = (
        "from django_tasks_db.models import DBTaskResult\nprint(DBTaskResult.objects.get(pk={!r}).status)"
    )
    wait_for(lambda: site.shell(status.format(task)) == "SUCCESSFUL", "the running task's result")
    after = site.shell(
        f"from tests.worker.jobs import hold\nprint(hold.enqueue({str(site.folder)!r}, 'after').id)"
    )
    wait_for(lambda: site.shell(status.format(after)) == "SUCCESSFUL", "a task queued after the restart")
    assert site.worker.poll() is None and site.web.poll() is None
    assert _lines(site.folder / "restart.log") == ["start", "done"]


def _lines(path):
    return path.read_text().split() if path.exists() else []
