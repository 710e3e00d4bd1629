"""Polling against a local HTTP server that serves feeds, changes them, errors, stalls and redirects."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.utils import timezone

from khabar.wire.fetch import FetchError, fetch
from khabar.wire.models import Payload, Source, WireItem, WireLog
from khabar.wire.polling import claim_due_sources, poll_source_now
from khabar.wire.tasks import poll_due_sources

FIXTURES = Path(__file__).parent / "fixtures"


class Wire:
    """What the fake agency server serves, and what it was asked.

    A stalled route answers nothing and a trickling one never finishes until the test ends (``released``),
    so only the poller's read timeout or deadline can end those requests, however loaded the machine.
    """

    def __init__(self):
        self.routes = {}
        self.requests = []
        self.released = threading.Event()

    def wait_for_requests(self, count):
        """Wait until the server has seen ``count`` requests (a client that timed out may be read late)."""
        deadline = time.monotonic() + 30
        while len(self.requests) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        return len(self.requests)


@pytest.fixture
def server():
    wire = Wire()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            wire.requests.append((self.path, dict(self.headers)))
            route = wire.routes.get(self.path.split("?")[0], ("status", 404))
            kind, value = route[0], route[1]
            if kind == "feed":
                body, etag = value, route[2] if len(route) > 2 else ""
                if etag and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                if etag:
                    self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            elif kind == "redirect":
                self.send_response(302)
                self.send_header("Location", value)
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif kind == "stall":
                wire.released.wait()
            elif kind == "trickle":
                self.send_response(200)
                self.end_headers()
                try:
                    while not wire.released.wait(value):  # a byte every ``value`` seconds, never the end
                        self.wfile.write(b" ")
                        self.wfile.flush()
                except OSError:
                    pass  # the poller gave up and closed the connection
            else:
                self.send_response(value)
                self.send_header("Content-Length", "5")
                self.end_headers()
                self.wfile.write(b"error")

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    wire.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield wire
    wire.released.set()
    httpd.shutdown()


@pytest.fixture(autouse=True)
def fast_http(settings):
    # Answered requests keep the production timeouts (20 s to read, 60 s in all): a loaded machine is
    # slow, never wrong. Tests of a stalled or trickling source shorten the one limit that must end it.
    settings.KHABAR_WIRE_FETCH_RETRIES = 1
    settings.KHABAR_WIRE_FETCH_BACKOFF = 0.01
    settings.KHABAR_WIRE_ALLOWED_HOSTS = ["127.0.0.1"]  # the fake agency server


def make_source(server, path, kind=Source.Kind.RSS, **extra):
    return Source.objects.create(name=path, slug=path.strip("/").replace("/", "-") or "root", kind=kind,
                                 url=server.base + path, poll_interval=60, **extra)  # fmt: skip


def fixture(name):
    return (FIXTURES / name).read_bytes()


@pytest.mark.django_db
def test_feed_polled_then_not_modified_then_changed(server):
    server.routes["/ar.xml"] = ("feed", fixture("ar_rss_windows1256.xml"), '"v1"')
    source = make_source(server, "/ar.xml")
    assert poll_source_now(source).startswith("ok: 1 payloads, 2 new")
    assert WireItem.objects.filter(source=source).count() == 2
    assert source.etag == '"v1"' and source.last_success_at and source.consecutive_failures == 0
    assert source.next_poll_at > timezone.now()

    assert poll_source_now(source).startswith("ok: 0 payloads")
    assert server.requests[-1][1]["If-None-Match"] == '"v1"'
    assert Payload.objects.count() == 1  # a 304 stores nothing

    changed = fixture("ar_rss_windows1256.xml").replace("ارتفاع".encode("cp1256"), "تراجع".encode("cp1256"))
    server.routes["/ar.xml"] = ("feed", changed, '"v2"')
    assert "1 updated" in poll_source_now(source)
    assert WireItem.objects.get(uri="https://ar.example.net/#news-2").headline.startswith("تراجع")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "route, message",
    [
        (("status", 503), "HTTP 503"),
        (("status", 404), "HTTP 404"),
        (("stall", None), "ReadTimeoutError"),
        (("trickle", 0.1), "timeout: the transfer took longer than 1.5 s"),
        (("feed", b"<rss version='2.0'>" + b"x" * 5000 + b"</rss>"), "over the 1000 byte cap"),
        (("redirect", "/loop"), "too many redirects"),
        (
            ("feed", b"<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><rss/>"),
            "entity declarations are refused",
        ),
    ],
)
def test_broken_sources_record_a_clear_error_and_back_off(server, settings, route, message):
    settings.KHABAR_WIRE_MAX_PAYLOAD_BYTES = 1000
    if route[0] == "stall":
        settings.KHABAR_WIRE_READ_TIMEOUT = 0.5  # the server answers nothing: only this can end the wait
    if route[0] == "trickle":
        settings.KHABAR_WIRE_FETCH_DEADLINE = 1.5  # a byte every 0.1 s forever: only the deadline ends it
    server.routes["/loop"] = route
    source = make_source(server, "/loop")
    outcome = poll_source_now(source)
    assert outcome.startswith("failed") and message in outcome
    # A bounded number of attempts, each ended by a limit: retried once (KHABAR_WIRE_FETCH_RETRIES = 1)
    # after a server error or a read timeout, followed five redirects, never retried past a deadline.
    attempts = {"status": 2 if route[1] == 503 else 1, "stall": 2, "redirect": 6}.get(route[0], 1)
    assert server.wait_for_requests(attempts) == attempts
    source.refresh_from_db()
    assert source.consecutive_failures == 1 and message in source.last_error and source.last_error_at
    assert source.next_poll_at >= timezone.now() + timezone.timedelta(seconds=110)  # 60 s × 2¹
    assert WireLog.objects.filter(source=source, message__contains=message).exists()
    poll_source_now(source)
    source.refresh_from_db()
    assert source.consecutive_failures == 2


@pytest.mark.django_db
def test_unparseable_response_is_stored_before_it_fails(server):
    server.routes["/bad.json"] = ("feed", b'{"uri": "x", "headline": ')
    source = make_source(server, "/bad.json", kind=Source.Kind.NINJS)
    assert "malformed JSON" in poll_source_now(source)
    assert bytes(Payload.objects.get(source=source).data) == b'{"uri": "x", "headline": '


@pytest.mark.django_db
def test_one_broken_source_does_not_stop_the_others(server, settings):
    # One read timeout for both sources: the stalled one never answers, the good one has 5 s to.
    settings.KHABAR_WIRE_READ_TIMEOUT = 5
    settings.KHABAR_WIRE_FETCH_RETRIES = 0
    server.routes["/stall"] = ("stall", None)
    server.routes["/good.json"] = ("feed", fixture("ar_ninjs2_list.json"))
    broken = make_source(server, "/stall")
    good = make_source(server, "/good.json", kind=Source.Kind.NINJS)
    assert {s.pk for s in claim_due_sources()} == {broken.pk, good.pk}
    Source.objects.update(next_poll_at=None)
    assert poll_due_sources.enqueue().return_value == 2  # immediate backend in tests: tasks run inline
    broken.refresh_from_db()
    good.refresh_from_db()
    assert broken.consecutive_failures == 1 and good.consecutive_failures == 0
    assert WireItem.objects.filter(source=good).count() == 2
    assert claim_due_sources() == []  # both rescheduled into the future


@pytest.mark.django_db
def test_claimed_source_is_not_polled_twice(server):
    make_source(server, "/x")
    assert len(claim_due_sources()) == 1
    assert claim_due_sources() == []


@pytest.mark.django_db
def test_ap_media_follows_next_page_with_api_key(server):
    first = json.loads(fixture("ap_media_feed.json"))
    first["data"]["next_page"] = server.base + "/ap/next"
    second = {"data": {"items": [{"item": {"uri": "http://api.ap.org/media/v/content/ccc333", "version": 1,
              "headline": "Second page", "type": "text"}}], "next_page": server.base + "/ap/next"}}  # fmt: skip
    server.routes["/ap/feed"] = ("feed", json.dumps(first).encode())
    server.routes["/ap/next"] = ("feed", json.dumps(second).encode())
    source = make_source(server, "/ap/feed", kind=Source.Kind.AP_MEDIA, credentials="secret-key")
    assert poll_source_now(source).startswith("ok: 2 payloads, 2 new")
    assert [r[1].get("x-api-key") for r in server.requests] == ["secret-key", "secret-key"]
    assert source.cursor_url == server.base + "/ap/next"
    poll_source_now(source)
    assert server.requests[-1][0] == "/ap/next"


@pytest.mark.django_db
def test_drop_folder(tmp_path, settings):
    settings.KHABAR_WIRE_DROP_ROOT = str(tmp_path)
    (tmp_path / "a.xml").write_bytes(fixture("ar_newsml_item_nitf.xml"))
    (tmp_path / "b.xml").write_bytes(fixture("broken_truncated_newsml.xml"))
    source = Source.objects.create(name="drop", slug="drop", kind=Source.Kind.FOLDER, folder=str(tmp_path))
    outcome = poll_source_now(source)
    assert outcome.startswith("failed") and "malformed XML" in outcome
    assert (tmp_path / "done" / "a.xml").exists() and (tmp_path / "failed" / "b.xml").exists()
    assert WireItem.objects.filter(source=source).count() == 1
    assert Payload.objects.filter(source=source).count() == 2


def test_fetch_refuses_non_http(server):
    with pytest.raises(FetchError):
        fetch("file:///etc/passwd")


@pytest.mark.django_db
def test_schedule_enqueues_the_loop_once_on_the_database_backend(settings, run):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert run("wire", "schedule")[1].strip() == "scheduled"
    assert run("wire", "schedule")[1].strip() == "already scheduled"
    assert DBTaskResult.objects.ready().filter(task_path="khabar.wire.tasks.poll_due_sources").count() == 1


@pytest.mark.django_db
def test_wire_poll_command_and_health_in_the_admin(server, run, admin_client, django_assert_max_num_queries):
    from django.urls import reverse

    server.routes["/good.json"] = ("feed", fixture("ar_ninjs2_list.json"))
    server.routes["/down"] = ("status", 404)
    make_source(server, "/good.json", kind=Source.Kind.NINJS)
    make_source(server, "/down")
    code, out, err = run("wire", "poll")
    assert code == 0 and "good.json: ok: 1 payloads, 2 new" in out and "down: failed: HTTP 404" in out
    for n in range(3):
        Source.objects.create(name=f"idle {n}", slug=f"idle-{n}", url="http://127.0.0.1:9/")
    with django_assert_max_num_queries(30):
        page = admin_client.get(reverse("wire_source:index")).content.decode()
    assert "HTTP 404" in page and "/good.json" in page
