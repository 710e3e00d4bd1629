"""deploy/local-cluster.sh on PostgreSQL and Redis: two web processes and two RQ workers; an editor publishes
through web process 1 (the admin, over HTTP) and readers of web process 2 see the change within 2 s.

The cluster gets a database of its own on the PostgreSQL server (DATABASE_URL's when it names one, else
127.0.0.1:5432) and Redis database 11 for its cache and queue; the test is skipped when either is missing."""

import json
import os
import secrets
import signal
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
import redis
import requests

from tests.postgres import admin, postgres_server
from tests.worker import processes

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "deploy" / "local-cluster.sh"
KHABAR = Path(sys.executable).with_name("khabar")
REDIS_URL = "redis://127.0.0.1:6379/11"
DEADLINE = 2.0  # seconds from the publish to readers of the other process seeing it
CAP = 180  # seconds for start-up and shut-down under a loaded machine: only a broken cluster comes near it
EDITOR, PASSWORD = "editor", "cluster-editor-pass-1"


def _answers(url):
    try:
        return requests.get(url, timeout=10, allow_redirects=False).status_code == 200
    except requests.RequestException:
        return False


def wait_for(condition, what, cap=CAP):
    return processes.wait_for(condition, what, cap=cap)


class Cluster:
    def __init__(self, env, ports):
        self.env, self.ports = env, ports
        self.process = None

    def url(self, index, path="/"):
        return f"http://127.0.0.1:{self.ports[index]}{path}"

    def khabar(self, *args):
        return subprocess.run(
            [str(KHABAR), *args], env=self.env, cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout

    def shell(self, code):
        return self.khabar("shell", "-c", code).strip().splitlines()[-1]


@pytest.fixture
def cluster(tmp_path):
    server = postgres_server(default="postgres://postgres@127.0.0.1:5432")
    try:
        admin(server, "SELECT 1")
    except psycopg.OperationalError:
        pytest.skip(f"the cluster test needs PostgreSQL at {server} (CI starts it)")
    cache = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        cache.ping()
    except redis.ConnectionError:
        pytest.skip(f"the cluster test needs Redis at {REDIS_URL} (CI starts it)")
    cache.flushdb()
    name = f"khabar_cluster_{secrets.token_hex(4)}"
    admin(server, f"CREATE DATABASE {name}")
    ports = [processes.free_port(), processes.free_port()]
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "PYTHONPATH": str(ROOT),
        "KHABAR": str(KHABAR),
        "KHABAR_VAR_DIR": str(tmp_path / "var"),
        "SECRET_KEY": secrets.token_urlsafe(40),
        "DATABASE_URL": f"{server}/{name}",
        "CACHE_URL": REDIS_URL,
        "RQ_URL": REDIS_URL,
        "TASKS_BACKEND": "django_tasks_rq.RQBackend",
        "ALLOWED_HOSTS": "127.0.0.1",
        "KHABAR_BASE_URL": f"http://127.0.0.1:{ports[0]}",
        "KHABAR_STARTER_GLOSSARY": "false",
        "WEB_WORKERS": "1",
        "LOG_LEVEL": "WARNING",
    }
    made = Cluster(env, ports)
    made.khabar("migrate", "--noinput", "-v0")
    made.khabar("load-demo")
    made.shell(
        "from django.contrib.auth import get_user_model\nfrom django.contrib.auth.models import Group\n"
        f"user = get_user_model().objects.create_user({EDITOR!r}, password={PASSWORD!r})\n"
        "user.groups.add(Group.objects.get(name='المحررون'))\nprint(user.pk)"
    )
    log = open(tmp_path / "cluster.log", "w")  # noqa: SIM115
    made.process = subprocess.Popen(
        ["bash", str(SCRIPT), *map(str, ports)],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        for index in (0, 1):
            wait_for(lambda index=index: _answers(made.url(index, "/robots.txt")), f"web process {index + 1}")
        yield made
    finally:
        if made.process.poll() is None:
            made.process.send_signal(signal.SIGTERM)
            try:
                made.process.wait(timeout=CAP)
            finally:
                try:
                    os.killpg(made.process.pid, signal.SIGKILL)  # anything left behind by a failed stop
                except ProcessLookupError:
                    pass
        log.close()
        admin(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        cache.flushdb()


def _article(cluster):
    """A live demo story and what its editing form needs."""
    return json.loads(
        cluster.shell(
            "import json\nfrom khabar.newsroom.models import ArticlePage\n"
            "a = ArticlePage.objects.live().order_by('-pk').first()\n"
            "print(json.dumps({'pk': a.pk, 'url': a.url, 'slug': a.slug, 'agency': a.agency_id,"
            " 'source_url': a.source_url, 'city': a.dateline_city, 'standfirst': a.standfirst,"
            " 'authors': [{'id': x.pk, 'author': x.author_id} for x in a.article_authors.all()]}))"
        )
    )


def _publish(session, base, article, title):
    """Log in as the editor and publish ``title`` through the page editor, as the browser would post it."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

    session.get(f"{base}/admin/login/", timeout=60)
    login = session.post(
        f"{base}/admin/login/",
        data={
            "username": EDITOR,
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
            "next": "/admin/",
        },
        headers={"Referer": f"{base}/admin/login/"},
        allow_redirects=False,
        timeout=60,
    )
    assert login.status_code == 302, login.text[:500]
    edit = f"{base}/admin/pages/{article['pk']}/edit/"
    assert session.get(edit, timeout=60).status_code == 200
    data = nested_form_data(
        {
            "title": title,
            "slug": article["slug"],
            "standfirst": article["standfirst"],
            "article_authors": inline_formset(article["authors"], initial=len(article["authors"])),
            "dateline_city": article["city"],
            "agency": article["agency"],
            "source_url": article["source_url"],
            "source_title": "",
            "body": streamfield([("paragraph", rich_text("<p>نص الخبر بعد التحديث.</p>"))]),
            "tags": "",
            "related_links": inline_formset([]),
            "notes": inline_formset([]),
            "comments": inline_formset([]),
            "comments_open": "on",
            "seo_title": "",
            "search_description": "",
            "action-publish": "publish",
        }
    )
    data["csrfmiddlewaretoken"] = session.cookies["csrftoken"]
    answer = session.post(edit, data=data, headers={"Referer": edit}, allow_redirects=False, timeout=60)
    assert answer.status_code == 302, answer.text[:2000]


def test_a_story_published_through_one_web_process_shows_on_the_other_within_2_s(cluster):
    article = _article(cluster)
    reader = cluster.url(1, article["url"])
    requests.get(reader, timeout=60)
    before = requests.get(reader, timeout=60)
    assert before.headers.get("X-Khabar-Cache") == "hit"  # web process 2 holds the page in the shared cache
    title = "عنوان نشره محرر عبر عملية الويب الأولى"
    assert title not in before.text
    _publish(requests.Session(), cluster.url(0, "").rstrip("/"), article, title)
    wait_for(lambda: title in requests.get(reader, timeout=60).text, "the headline on web 2", cap=DEADLINE)
    assert title in requests.get(cluster.url(1), timeout=60).text  # the front page too

    # Stopped as systemd or Ctrl-C would: every process of the cluster ends, and the script says so.
    cluster.process.send_signal(signal.SIGTERM)
    assert cluster.process.wait(timeout=CAP) == 0
    assert not any(_answers(cluster.url(index, "/robots.txt")) for index in (0, 1))
    group = ["pgrep", "-g", str(cluster.process.pid)]
    wait_for(
        lambda: subprocess.run(group, capture_output=True).returncode == 1, "every process to end", cap=60
    )
