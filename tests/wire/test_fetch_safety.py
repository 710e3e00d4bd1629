"""The poller reaches no address inside the newsroom's network, keeps to one deadline and one size cap,
and reads drop folders only under their root.

Every connection these tests make goes to 127.0.0.1: names resolving elsewhere are answered by a
stubbed resolver, and a guard fails the test if anything tries to connect to another address.
"""

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from khabar.wire import addresses
from khabar.wire.fetch import FetchError, fetch
from khabar.wire.models import Payload, Source
from khabar.wire.polling import poll_source_now

FIXTURES = Path(__file__).parent / "fixtures"
PRIVATE_ANSWERS = ["10.0.0.1", "169.254.169.254", "::ffff:127.0.0.1", "127.0.0.1", "::1", "192.168.1.10",
                   "172.16.0.3", "100.64.0.1", "0.0.0.0", "fc00::1", "fe80::1", "224.0.0.1", "240.0.0.1",
                   "2002:7f00:1::1"]  # fmt: skip


@pytest.fixture(autouse=True)
def only_loopback(monkeypatch):
    """Fail the test if anything connects to an address other than 127.0.0.1 / ::1."""
    real = socket.create_connection
    connected = []

    def guarded(address, *args, **kwargs):
        assert address[0] in ("127.0.0.1", "::1"), f"connection attempted to {address}"
        connected.append(address)
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", guarded)
    return connected


@pytest.fixture
def dns(monkeypatch):
    """Stub the resolver's answers: ``dns["name.test"] = ["10.0.0.1"]``; every question is recorded."""
    answers, asked = {}, []
    real = addresses.resolve

    def resolve(host, port):
        asked.append(host)
        if host in answers:
            value = answers[host]
            return list(value() if callable(value) else value)
        return real(host, port)

    monkeypatch.setattr(addresses, "resolve", resolve)
    answers["asked"] = asked
    return answers


@pytest.fixture
def server():
    """A loopback server: routes path → (status, headers, body); records every request."""
    routes, requests = {}, []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            requests.append((self.path, dict(self.headers)))
            status, headers, body = routes.get(self.path, (404, {}, b"missing"))
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    httpd.routes, httpd.requests = routes, requests
    httpd.port = httpd.server_address[1]
    httpd.base = f"http://127.0.0.1:{httpd.port}"
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def quick(settings):
    settings.KHABAR_WIRE_FETCH_RETRIES = 0
    settings.KHABAR_WIRE_CONNECT_TIMEOUT = 2
    settings.KHABAR_WIRE_READ_TIMEOUT = 5
    settings.KHABAR_WIRE_FETCH_DEADLINE = 5
    settings.KHABAR_WIRE_ALLOWED_HOSTS = []


@pytest.mark.parametrize("address", PRIVATE_ANSWERS)
def test_a_name_resolving_inside_the_network_is_refused_before_any_connection(dns, only_loopback, address):
    dns["feed.example"] = [address]
    with pytest.raises(FetchError, match=f"refused: feed.example resolves to {address}"):
        fetch("http://feed.example/rss")
    assert only_loopback == []


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:4700::1", "8.8.8.8"])
def test_public_addresses_pass_the_check(address):
    assert addresses.is_public(address)


@pytest.mark.parametrize("address", PRIVATE_ANSWERS)
def test_private_addresses_fail_the_check(address):
    assert not addresses.is_public(address)


def test_one_private_answer_among_public_ones_is_enough_to_refuse(dns):
    dns["mixed.example"] = ["93.184.216.34", "10.0.0.1"]
    with pytest.raises(addresses.AddressRefused):
        addresses.checked_address("mixed.example", 80)


def test_literal_loopback_urls_are_refused_and_the_server_never_asked(server, only_loopback):
    server.routes["/admin/login/"] = (200, {}, b"secret login page")
    for url in (f"{server.base}/admin/login/", f"http://[::ffff:127.0.0.1]:{server.port}/admin/login/"):
        with pytest.raises(FetchError, match="refused"):
            fetch(url)
    assert server.requests == [] and only_loopback == []


def test_closed_and_open_private_ports_give_the_same_answer(server):
    # Nothing is connected to, so the message cannot tell an open port from a closed one.
    with pytest.raises(FetchError) as open_port:
        fetch(f"{server.base}/")
    with pytest.raises(FetchError) as closed_port:
        fetch("http://127.0.0.1:9/")
    assert str(open_port.value).split(",")[1:] == str(closed_port.value).split(",")[1:]


def test_the_allow_list_admits_a_host_by_address_or_name(server, settings, dns):
    server.routes["/feed"] = (200, {}, b"ok")
    settings.KHABAR_WIRE_ALLOWED_HOSTS = ["127.0.0.0/8"]
    assert fetch(f"{server.base}/feed").data == b"ok"
    settings.KHABAR_WIRE_ALLOWED_HOSTS = ["gateway.newsroom.test"]
    dns["gateway.newsroom.test"] = ["127.0.0.1"]
    assert fetch(f"http://gateway.newsroom.test:{server.port}/feed").data == b"ok"
    assert server.requests[-1][1]["Host"] == f"gateway.newsroom.test:{server.port}"


def test_the_connection_goes_to_the_address_that_was_checked(server, settings, dns, only_loopback):
    """DNS rebinding: the name answers a permitted address for the check, then a private one."""
    server.routes["/feed"] = (200, {}, b"ok")
    settings.KHABAR_WIRE_ALLOWED_HOSTS = ["127.0.0.1"]
    answers = iter([["127.0.0.1"]])
    dns["rebind.test"] = lambda: next(answers, ["10.0.0.1"])
    assert fetch(f"http://rebind.test:{server.port}/feed").data == b"ok"
    assert dns["asked"].count("rebind.test") == 1
    assert only_loopback == [("127.0.0.1", server.port)]


def test_every_redirect_is_checked_again(server, settings, dns, only_loopback):
    settings.KHABAR_WIRE_ALLOWED_HOSTS = ["127.0.0.1"]
    dns["metadata.test"] = ["169.254.169.254"]
    server.routes["/moved"] = (302, {"Location": "http://metadata.test/latest/meta-data/"}, b"")
    with pytest.raises(FetchError, match="refused: metadata.test resolves to 169.254.169.254"):
        fetch(f"{server.base}/moved")
    assert [r[0] for r in server.requests] == ["/moved"]
    assert all(address[0] == "127.0.0.1" for address in only_loopback)


@pytest.mark.django_db
def test_ap_next_page_inside_the_network_is_refused(server, settings, dns):
    settings.KHABAR_WIRE_ALLOWED_HOSTS = ["127.0.0.1"]
    dns["internal.test"] = ["10.0.0.1"]
    feed = json.loads((FIXTURES / "ap_media_feed.json").read_text())
    feed["data"]["next_page"] = "http://internal.test/ap/next"
    server.routes["/ap/feed"] = (200, {}, json.dumps(feed).encode())
    source = Source.objects.create(
        name="AP", slug="ap", kind=Source.Kind.AP_MEDIA, url=f"{server.base}/ap/feed", credentials="k"
    )
    outcome = poll_source_now(source)
    assert outcome.startswith("failed") and "refused: internal.test resolves to 10.0.0.1" in outcome
    assert [r[0] for r in server.requests] == ["/ap/feed"]


def test_the_deadline_cuts_a_server_trickling_its_headers(settings):
    """One header byte a second would take a minute; the 1.5 s deadline ends the fetch."""
    settings.KHABAR_WIRE_ALLOWED_HOSTS = ["127.0.0.1"]
    settings.KHABAR_WIRE_FETCH_DEADLINE = 1.5
    settings.KHABAR_WIRE_READ_TIMEOUT = 60  # far past the gap between bytes: only the deadline stops it
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop, sent, finished = threading.Event(), [], threading.Event()
    headers = b"HTTP/1.1 200 OK\r\nX-Slow: " + b"x" * 60 + b"\r\n\r\n"

    def trickle():
        connection, _ = listener.accept()
        with connection:
            for byte in headers:
                if stop.wait(1):
                    return
                try:
                    connection.sendall(bytes([byte]))
                except OSError:
                    return
                sent.append(byte)
        finished.set()

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    with pytest.raises(FetchError, match="timeout: the transfer took longer than 1.5 s"):
        fetch(f"http://127.0.0.1:{listener.getsockname()[1]}/")
    still_sending = not finished.is_set()
    stop.set()
    thread.join()
    listener.close()
    assert still_sending  # the server had not finished its headers when the fetch gave up
    assert len(sent) < len(headers) / 4  # cut while the headers were still arriving


def test_an_oversized_response_is_refused_while_reading(settings):
    """No Content-Length, a body past the cap: reading stops at the cap, nothing is kept."""
    settings.KHABAR_WIRE_ALLOWED_HOSTS = ["127.0.0.1"]
    settings.KHABAR_WIRE_MAX_PAYLOAD_BYTES = 10_000
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    written = []

    def flood():
        connection, _ = listener.accept()
        with connection:
            connection.sendall(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n")
            try:
                for _ in range(10_000):  # up to 80 MB
                    connection.sendall(b"x" * 8192)
                    written.append(8192)
            except OSError:
                pass

    thread = threading.Thread(target=flood, daemon=True)
    thread.start()
    with pytest.raises(FetchError, match="over the 10000 byte cap"):
        fetch(f"http://127.0.0.1:{listener.getsockname()[1]}/")
    thread.join()
    listener.close()
    assert sum(written) < 10_000_000


@pytest.mark.django_db
def test_oversized_dropped_and_ingested_files_are_refused_before_they_are_stored(tmp_path, settings, run):
    settings.KHABAR_WIRE_MAX_PAYLOAD_BYTES = 10_000
    settings.KHABAR_WIRE_DROP_ROOT = str(tmp_path)
    big = tmp_path / "big.xml"
    big.write_bytes(b"<rss>" + b"x" * 50_000 + b"</rss>")
    code, out, err = run("ingest", str(big), "--json")
    assert code == 2 and "over the 10000 byte cap" in out
    assert Payload.objects.count() == 0
    source = Source.objects.create(name="drop", slug="drop", kind=Source.Kind.FOLDER, folder=str(tmp_path))
    outcome = poll_source_now(source)
    assert outcome.startswith("failed") and "over the 10000 byte cap" in outcome
    assert Payload.objects.count() == 0 and (tmp_path / "failed" / "big.xml").exists()


@pytest.mark.django_db
def test_drop_folders_stay_under_their_root(tmp_path, settings):
    root = tmp_path / "drops"
    (root / "agency").mkdir(parents=True)
    (root / "agency" / "a.xml").write_bytes((FIXTURES / "ar_newsml_item_nitf.xml").read_bytes())
    (root / "agency" / "passwd.xml").symlink_to("/etc/passwd")
    settings.KHABAR_WIRE_DROP_ROOT = ""
    source = Source.objects.create(name="d", slug="d", kind=Source.Kind.FOLDER, folder=str(root / "agency"))
    assert "KHABAR_WIRE_DROP_ROOT" in poll_source_now(source)

    settings.KHABAR_WIRE_DROP_ROOT = str(root)
    for outside in ("/etc", str(root / ".." / ".."), str(settings.VAR_DIR)):
        Source.objects.filter(pk=source.pk).update(folder=outside, next_poll_at=None)
        source.refresh_from_db()
        assert poll_source_now(source).startswith("failed"), outside
    assert Payload.objects.count() == 0

    Source.objects.filter(pk=source.pk).update(folder=str(root / "agency"))
    source.refresh_from_db()
    assert poll_source_now(source).startswith("ok: 1 payloads")
    assert Payload.objects.get().origin.endswith("a.xml")  # the symbolic link is not followed
    assert (root / "agency" / "passwd.xml").is_symlink()

    settings.KHABAR_WIRE_DROP_ROOT = str(settings.VAR_DIR / "drops")
    assert "var/" in poll_source_now(source)


@pytest.mark.django_db
def test_the_source_form_refuses_a_folder_outside_the_root(admin_client, tmp_path, settings):
    settings.KHABAR_WIRE_DROP_ROOT = str(tmp_path)
    response = admin_client.post(
        _add_url(),
        {"name": "x", "slug": "x", "kind": "folder", "folder": "/etc", "poll_interval": 60, "language": "ar",
         "usage": "translate", "enabled": "on"},
    )  # fmt: skip
    assert response.status_code == 200 and not Source.objects.filter(slug="x").exists()
    assert str(tmp_path) in response.content.decode()  # «must lie under ROOT»
    response = admin_client.post(
        _add_url(),
        {"name": "y", "slug": "y", "kind": "rss", "url": "ftp://example.com/feed", "poll_interval": 60,
         "language": "ar", "usage": "translate", "enabled": "on"},
    )  # fmt: skip
    assert response.status_code == 200 and not Source.objects.filter(slug="y").exists()
    assert (
        "ftp://example.com/feed" in response.content.decode() and "error-message" in response.content.decode()
    )


def _add_url():
    from django.urls import reverse

    return reverse("wire_source:add")
