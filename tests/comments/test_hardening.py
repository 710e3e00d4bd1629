"""What a hostile client tried: hiding comments with cookie-less reports, nested and oversized payloads,
floods of refused posts, and a locked database between the check and the save."""

import base64
import sqlite3

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from khabar.comments.models import ReaderComment, SpentChallenge, Status
from khabar.core.errors import CSRF_REFUSED

from .conftest import form_fields, post, solve

pytestmark = pytest.mark.django_db


def approved(article, text):
    comment = ReaderComment(
        content_object=article, article=article, site_id=1, user_name="قارئ", comment=text
    )
    comment.status = Status.APPROVED
    comment.save()
    return comment


def test_reports_count_addresses_not_sessions(make_article, policy):
    policy.reports_to_hide = 3
    policy.save()
    comment = approved(make_article(), "تعليق مقبول")
    url = reverse("comments:report", args=[comment.pk])
    for _ in range(5):  # a fresh client each time: no cookies, a new session every request
        Client(REMOTE_ADDR="10.0.0.1").post(url, {"reason": "abusive"})
    comment.refresh_from_db()
    assert (comment.status, comment.report_count) == (Status.APPROVED, 1)
    # One IPv6 client owns its whole /64: rotating the low bits is still one reader.
    for suffix in ("1", "2", "3"):
        Client(REMOTE_ADDR=f"2001:db8:1:2::{suffix}").post(url, {"reason": "spam"})
    comment.refresh_from_db()
    assert comment.report_count == 2
    Client(REMOTE_ADDR="10.0.0.3").post(url, {"reason": "spam"})
    comment.refresh_from_db()
    assert comment.status == Status.REPORTED


@pytest.mark.parametrize("depth", [100_000, 3_000])
def test_a_deeply_nested_altcha_payload_is_a_400(client, make_article, policy, depth):
    nested = base64.b64encode(b'{"challenge": ' + b"[" * depth + b"]" * depth + b"}").decode()
    response, _ = post(client, make_article(), altcha_payload=nested)
    assert response.status_code == 400
    assert "تعذّر قراءة التحقق" in response.content.decode()


def test_an_oversized_post_gets_an_arabic_400_page(client, make_article, policy):
    article = make_article()
    data = form_fields(client, article)
    data.update(name="قارئ", comment="ك" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 2 + 1000), altcha="x")
    for headers in ({}, {"HTTP_X_REQUESTED_WITH": "fetch"}):
        response = client.post(reverse("comments:post", args=[article.pk]), data, **headers)
        html = response.content.decode()
        assert response.status_code == 400
        assert "Bad Request" not in html and "تعذّر قبول هذا الطلب" in html
        assert "ككككك" not in html
    assert not ReaderComment.objects.exists()
    assert (
        '<html lang="ar" dir="rtl">'
        in client.post(reverse("comments:post", args=[article.pk]), data).content.decode()
    )


def test_a_too_long_comment_is_refused_without_echoing_it(client, make_article, policy):
    text = "نص طويل " * 500
    assert len(text) > settings.COMMENT_MAX_LENGTH
    response, _ = post(client, make_article(), comment=text)
    html = response.content.decode()
    assert response.status_code == 400
    assert f"التعليق أطول من {settings.COMMENT_MAX_LENGTH} حرف." in html
    assert "نص طويل نص طويل" not in html
    assert not ReaderComment.objects.exists()


def test_a_rate_limited_post_touches_neither_database_nor_session(client, make_article, policy, settings,
                                                                  django_assert_num_queries):  # fmt: skip
    settings.COMMENTS_RATE_LIMITS = {"ip": (1, 600), "session": (100, 600)}
    article = make_article()
    assert post(client, article)[0].status_code == 201
    flood = Client(REMOTE_ADDR="127.0.0.1", enforce_csrf_checks=True)  # no token, no cookie
    with django_assert_num_queries(0):
        response = flood.post(reverse("comments:post", args=[article.pk]), {"comment": "x"})
    assert response.status_code == 429 and "نرجو الانتظار" in response.content.decode()
    assert "sessionid" not in response.cookies


def test_csrf_is_still_checked_after_the_rate_limit_and_refused_in_arabic(make_article, policy):
    article = make_article()
    browser = Client(enforce_csrf_checks=True)
    data = form_fields(browser, article)
    data.update(name="قارئ", comment="تعليق", altcha=solve(browser))
    del data["csrfmiddlewaretoken"]
    url = reverse("comments:post", args=[article.pk])
    page = browser.post(url, data)
    assert page.status_code == 403 and '<html lang="ar" dir="rtl"' in page.content.decode()
    assert CSRF_REFUSED in page.content.decode() and "CSRF" not in page.content.decode()
    fragment = browser.post(url, data, HTTP_X_REQUESTED_WITH="fetch")
    assert fragment.status_code == 403 and fragment.content.decode().startswith('<p class="comment-message')
    assert CSRF_REFUSED in fragment.content.decode()
    assert not SpentChallenge.objects.exists()
    assert not ReaderComment.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_locked_database_loses_neither_the_comment_nor_the_check(client, make_article, policy):
    if connection.vendor != "sqlite":
        pytest.skip("holds a SQLite write lock from a second connection")
    article = make_article()
    data = form_fields(client, article)
    data.update(name="قارئ", email="", comment="تعليق وقت الزحام", altcha=solve(client))
    url = reverse("comments:post", args=[article.pk])
    database = connection.settings_dict["NAME"]
    holder = sqlite3.connect(database, uri=database.startswith("file:"), timeout=0, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO comments_spentchallenge (digest, expires_at) VALUES ('held', '2000-01-01')")
    try:
        response = client.post(url, data, HTTP_X_REQUESTED_WITH="fetch")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert response.status_code == 503
    assert "لم يُحتسب التحقق" in response.content.decode()
    assert not ReaderComment.objects.exists() and not SpentChallenge.objects.exists()
    again = client.post(url, data, HTTP_X_REQUESTED_WITH="fetch")  # the same solved check
    assert again.status_code == 201
    assert ReaderComment.objects.get().comment == "تعليق وقت الزحام"
    assert SpentChallenge.objects.count() == 1


def test_a_rate_limited_report_costs_no_query(make_article, policy, settings, django_assert_num_queries):
    settings.COMMENTS_RATE_LIMITS = {"ip": (0, 600), "session": (100, 600)}
    comment = approved(make_article(), "تعليق")
    with django_assert_num_queries(0):
        response = Client(REMOTE_ADDR="10.0.0.8").post(
            reverse("comments:report", args=[comment.pk]), {"reason": "spam"}
        )
    assert response.status_code == 429
    comment.refresh_from_db()
    assert comment.report_count == 0
