"""Posts from an address whose rate limit is spent are refused in front of Django (khabar/comments/early.py),
with the answer the comment view gives, counted as the view counts them; every other post still reaches it."""

import io
from urllib.parse import urlencode

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client
from django.urls import reverse

from khabar.comments.early import SpentAddressGuard
from khabar.comments.models import ReaderComment
from khabar.comments.views import CHECK_KEPT_HEADER, RATE_LIMITED

from .conftest import form_fields, solve

pytestmark = pytest.mark.django_db

FLOOD = {"name": "قارئ", "comment": "تعليق مرفوض", "altcha": "x"}  # no session, no token, no solved check


@pytest.fixture
def app(requests_started):
    """``khabar serve``'s comment guard over Django's handler; call it as a server calls the application."""
    return served(SpentAddressGuard(WSGIHandler()), requests_started)


def served(application, requests_started):
    def call(path, data, *, address="10.0.0.9", cookies=None, host="127.0.0.1", **headers):
        body = urlencode(data).encode()
        environ = {
            "REQUEST_METHOD": "POST",
            "SCRIPT_NAME": "",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": address,
            "HTTP_HOST": host,
            "CONTENT_TYPE": "application/x-www-form-urlencoded",
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": io.StringIO(),
            **{"HTTP_" + name.upper(): value for name, value in headers.items()},
        }
        if cookies:
            environ["HTTP_COOKIE"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        answer = {}

        def start_response(status, headers, exc_info=None):
            answer.update(status=int(status.split()[0]), headers=headers)

        before = len(requests_started)
        result = application(environ, start_response)
        answer["body"] = b"".join(result)
        if hasattr(result, "close"):
            result.close()
        answer["django"] = len(requests_started) > before  # Django's handler ran
        return answer

    return call


def test_a_flood_is_refused_in_front_of_django_once_its_address_is_spent(
    app, make_article, policy, settings, django_assert_num_queries
):
    settings.COMMENTS_RATE_LIMITS = {"ip": (2, 600), "session": (100, 600)}
    url = reverse("comments:post", args=[make_article().pk])
    # Within the limit, Django answers (the missing CSRF cookie): the guard counted nothing of its own.
    assert [(a["status"], a["django"]) for a in (app(url, FLOOD), app(url, FLOOD))] == [(403, True)] * 2
    by_django = app(url, FLOOD)
    assert (by_django["status"], by_django["django"]) == (429, True)
    with django_assert_num_queries(0):
        early = app(url, FLOOD)
    assert not early["django"]
    assert early == {**by_django, "django": False}  # status, headers (no Retry-After, as ever) and page
    page = early["body"].decode()
    assert '<html lang="ar" dir="rtl">' in page and RATE_LIMITED in page
    assert dict(early["headers"])[CHECK_KEPT_HEADER] == "kept"


def test_the_script_gets_its_fragment_and_another_address_is_not_refused(app, make_article, policy, settings):
    settings.COMMENTS_RATE_LIMITS = {"ip": (1, 600), "session": (100, 600)}
    url = reverse("comments:post", args=[make_article().pk])
    app(url, FLOOD)
    page = app(url, FLOOD)
    by_django, early = (app(url, FLOOD, x_requested_with="fetch") for _ in range(2))
    assert (by_django["django"], early["django"]) == (True, False)
    assert early == {**by_django, "django": False} and early["body"] != page["body"]
    assert RATE_LIMITED in early["body"].decode() and "<html" not in early["body"].decode()
    assert (
        app(url, FLOOD, address="10.0.0.10")["status"] == 403
    )  # Django's answer: that address has posts left


def test_a_host_django_refuses_still_gets_djangos_400(app, make_article, policy, settings):
    settings.COMMENTS_RATE_LIMITS = {"ip": (1, 600), "session": (100, 600)}
    url = reverse("comments:post", args=[make_article().pk])
    app(url, FLOOD), app(url, FLOOD), app(url, FLOOD)
    answer = app(url, FLOOD, host="elsewhere.example")
    assert (answer["status"], answer["django"]) == (400, True)


READER = "10.0.0.20"


@pytest.fixture
def reader(make_article, policy):
    """An article, a reader's filled form and solved check for it, and the cookies the form fragment set.
    Taken through Django's test client before ``app`` (list it first): the client reconnects the request
    signals to close_old_connections, which would close the test's connection on PostgreSQL."""
    article = make_article()
    client = Client(REMOTE_ADDR=READER)
    data = form_fields(client, article)
    data.update(name="قارئ", email="", comment="تعليق مفيد على الخبر", altcha=solve(client))
    return article, data, {name: morsel.value for name, morsel in client.cookies.items()}


def test_a_reader_with_a_valid_form_still_posts_during_a_flood(reader, app, settings):
    settings.COMMENTS_RATE_LIMITS = {"ip": (2, 600), "session": (100, 600)}
    article, data, cookies = reader
    url = reverse("comments:post", args=[article.pk])
    for _ in range(5):
        app(url, FLOOD)
    answer = app(url, data, address=READER, cookies=cookies, x_requested_with="fetch")
    assert (answer["status"], answer["django"]) == (201, True)
    assert ReaderComment.objects.get().comment == "تعليق مفيد على الخبر"


def test_refusals_in_front_of_django_count_against_the_session_as_the_view_does(reader, app, settings):
    settings.COMMENTS_RATE_LIMITS = {"ip": (1, 600), "session": (3, 600)}
    article, data, cookies = reader
    url = reverse("comments:post", args=[article.pk])
    del data["csrfmiddlewaretoken"]  # refused, but counted: the limits come first
    seen = [app(url, data, address=READER, cookies=cookies) for _ in range(3)]
    # 1: the address's only attempt (403, no token); 2: refused by the view; 3: refused in front of it.
    assert [(a["status"], a["django"]) for a in seen] == [(403, True), (429, True), (429, False)]
    # The session's three attempts are spent, wherever it goes now.
    moved = app(url, data, address="10.0.0.31", cookies=cookies)
    assert (moved["status"], moved["django"]) == (429, True)


def test_two_application_instances_share_the_address_count(requests_started, make_article, policy, settings):
    """As two server processes do, through the cache (Redis in production)."""
    settings.COMMENTS_RATE_LIMITS = {"ip": (2, 600), "session": (100, 600)}
    first, second = (served(SpentAddressGuard(WSGIHandler()), requests_started) for _ in range(2))
    url = reverse("comments:post", args=[make_article().pk])
    assert [first(url, FLOOD)["status"], second(url, FLOOD)["status"]] == [403, 403]
    answers = [second(url, FLOOD), second(url, FLOOD), first(url, FLOOD), first(url, FLOOD)]
    assert [(a["status"], a["django"]) for a in answers] == [
        (429, True),
        (429, False),
        (429, True),
        (429, False),
    ]


def test_khabar_serve_runs_the_guard():
    from khabar.core.pagecache import CachedPagesApp
    from khabar.wsgi import application

    assert isinstance(application, CachedPagesApp) and isinstance(application.application, SpentAddressGuard)


def test_a_cookie_naming_no_session_does_not_get_a_flood_past_the_guard(app, make_article, policy, settings):
    """Such a cookie is counted under the key it names, as the view counts it; Django's answer deletes it,
    the guard's sets no cookie."""
    settings.COMMENTS_RATE_LIMITS = {"ip": (1, 600), "session": (3, 600)}
    url = reverse("comments:post", args=[make_article().pk])
    forged = {settings.SESSION_COOKIE_NAME: "notasession12345"}
    seen = [app(url, FLOOD, cookies=forged) for _ in range(3)]
    assert [(a["status"], a["django"]) for a in seen] == [(403, True), (429, True), (429, False)]
    assert "Set-Cookie" in dict(seen[1]["headers"]) and "Set-Cookie" not in dict(seen[2]["headers"])
    assert seen[2]["body"] == seen[1]["body"]
    moved = app(url, FLOOD, address="10.0.0.40", cookies=forged)
    assert moved["status"] == 429  # its three attempts were counted, one of them in front of Django
