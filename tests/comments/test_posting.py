"""Posting a comment end to end through the public endpoints (ALTCHA, honeypot, fill time, rate limits, CSRF)."""

import base64
import json
import re

import lxml.html
import pytest
from django.test import Client
from django.urls import reverse

from khabar.comments.models import Decision, ReaderComment, Status

from .conftest import form_fields, post, solve

pytestmark = pytest.mark.django_db


def test_challenge_is_a_signed_v2_challenge_the_widget_accepts(client):
    response = client.get(reverse("comments:challenge"))
    assert response["Cache-Control"] == "no-store"
    challenge = response.json()
    params = challenge["parameters"]
    # The fields the altcha 3 widget checks before solving (isChallengeValid) and the worker uses.
    assert {"algorithm", "nonce", "salt", "keyPrefix", "cost", "keyLength", "expiresAt"} <= set(params)
    assert params["algorithm"] == "PBKDF2/SHA-256"
    assert len(challenge["signature"]) == 64
    assert "keySignature" in params  # server verifies with one HMAC, not a re-derivation


def test_solved_comment_waits_for_review_and_is_logged(client, make_article, policy):
    article = make_article()
    response, _data = post(client, article, comment="أول تعليق على الخبر")
    assert response.status_code == 201
    assert "سيظهر بعد مراجعته" in response.content.decode()
    comment = ReaderComment.objects.get()
    assert (comment.status, comment.article_id, comment.hold_reason) == (Status.PENDING, article.pk, "all")
    assert not comment.is_public
    decision = Decision.objects.get()
    assert decision.moderator is None and decision.to_status == Status.PENDING


def test_replayed_solution_is_refused(client, make_article, policy):
    article = make_article()
    first, data = post(client, article)
    assert first.status_code == 201
    data["comment"] = "تعليق آخر بالحل نفسه"
    again = client.post(reverse("comments:post", args=[article.pk]), data, HTTP_X_REQUESTED_WITH="fetch")
    assert again.status_code == 400
    assert "استُخدم هذا التحقق من قبل" in again.content.decode()
    assert ReaderComment.objects.count() == 1


@pytest.mark.parametrize(
    "payload, message",
    [
        ("", "أكمل التحقق"),
        ("not base64 at all", "تعذّر قراءة التحقق"),
        (base64.b64encode(b'{"challenge": 1}').decode(), "تعذّر قراءة التحقق"),
    ],
)
def test_missing_or_malformed_solution_is_refused(client, make_article, policy, payload, message):
    response, _ = post(client, make_article(), altcha_payload=payload)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ReaderComment.objects.exists()


def test_forged_solution_is_refused(client, make_article, policy):
    payload = json.loads(base64.b64decode(solve(client)))
    payload["challenge"]["parameters"]["cost"] = 1  # tampered after signing
    response, _ = post(
        client, make_article(), altcha_payload=base64.b64encode(json.dumps(payload).encode()).decode()
    )
    assert response.status_code == 400
    assert "لم ينجح التحقق" in response.content.decode()

    payload = json.loads(base64.b64decode(solve(client)))
    payload["solution"]["derivedKey"] = "00" * 32  # wrong answer
    response, _ = post(
        client, make_article(), altcha_payload=base64.b64encode(json.dumps(payload).encode()).decode()
    )
    assert response.status_code == 400
    assert not ReaderComment.objects.exists()


def test_expired_challenge_is_refused(client, make_article, policy, settings):
    settings.ALTCHA_EXPIRY_SECONDS = -5
    response, _ = post(client, make_article())
    assert response.status_code == 400
    assert "انتهت صلاحية التحقق" in response.content.decode()


def test_honeypot_and_minimum_fill_time(client, make_article, policy, settings):
    article = make_article()
    response, _ = post(client, article, honeypot="http://spam.example")
    assert response.status_code == 400
    assert "تعذّر قبول التعليق" in response.content.decode()

    settings.COMMENTS_MIN_FILL_SECONDS = 60
    response, _ = post(client, article)
    assert response.status_code == 400
    assert "بسرعة كبيرة" in response.content.decode()
    assert not ReaderComment.objects.exists()


def test_field_errors_come_back_in_arabic_with_the_input_kept(client, make_article, policy):
    response, _ = post(client, make_article(), name="", comment="   ", email="ليس بريدًا")
    html = response.content.decode()
    assert response.status_code == 400
    assert "هذا الحقل مطلوب." in html and "عنوان البريد الإلكتروني غير صحيح." in html
    assert "ليس بريدًا" in html
    assert not re.search("[A-Za-z]", lxml.html.fromstring(html).text_content())  # no English shown


def test_rate_limit_per_session_is_a_polite_message(client, make_article, policy, settings):
    settings.COMMENTS_RATE_LIMITS = {"ip": (100, 600), "session": (3, 600)}
    article = make_article()
    codes = [post(client, article, comment=f"تعليق رقم {i}")[0].status_code for i in range(3)]
    assert codes == [201, 201, 201]
    response, _ = post(client, article, comment="تعليق رابع")
    assert response.status_code == 429
    assert "نرجو الانتظار" in response.content.decode()
    # Another reader (new session) on another address is not affected.
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert post(other, article, comment="قارئ آخر")[0].status_code == 201


def test_rate_limit_per_address(make_article, policy, settings):
    settings.COMMENTS_RATE_LIMITS = {"ip": (2, 600), "session": (100, 600)}
    article = make_article()
    codes = [
        post(Client(REMOTE_ADDR="10.0.0.7"), article, comment=f"تعليق {i}")[0].status_code for i in range(3)
    ]
    assert codes == [201, 201, 429]


def test_plain_form_post_gets_an_arabic_page_not_an_error_page(client, make_article, policy):
    article = make_article()
    data = form_fields(client, article)
    data.update(name="قارئ", comment="بلا جافاسكربت", altcha="")
    response = client.post(reverse("comments:post", args=[article.pk]), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert '<html lang="ar" dir="rtl">' in html and "أكمل التحقق" in html and "العودة إلى الخبر" in html
    assert not ReaderComment.objects.exists()


def test_csrf_is_enforced_and_the_fragment_provides_the_token(make_article, policy):
    article = make_article()
    browser = Client(enforce_csrf_checks=True)
    data = form_fields(browser, article)
    assert data["csrfmiddlewaretoken"]
    data.update(name="قارئ", comment="تعليق", altcha=solve(browser))
    without = {k: v for k, v in data.items() if k != "csrfmiddlewaretoken"}
    assert browser.post(reverse("comments:post", args=[article.pk]), without).status_code == 403
    assert not ReaderComment.objects.exists()
    response = browser.post(reverse("comments:post", args=[article.pk]), data, HTTP_X_REQUESTED_WITH="fetch")
    assert response.status_code == 201
    assert ReaderComment.objects.get().comment == "تعليق"


def test_closed_comments(client, make_article, policy):
    article = make_article()
    article.comments_open = False
    article.save_revision().publish()
    fragment = client.get(reverse("comments:form", args=[article.pk]), HTTP_X_REQUESTED_WITH="fetch")
    assert "التعليقات مغلقة" in fragment.content.decode()
    response, _ = post(client, article)
    assert response.status_code == 403
    assert not ReaderComment.objects.exists()


def test_comments_close_after_the_policy_days(client, make_article, policy):
    import datetime as dt

    from django.utils import timezone

    policy.close_after_days = 3
    policy.save()
    old = make_article(published_at=timezone.now() - dt.timedelta(days=4))
    fresh = make_article(published_at=timezone.now() - dt.timedelta(days=2))
    assert post(client, old)[0].status_code == 403
    assert not ReaderComment.objects.exists()
    assert post(client, fresh)[0].status_code == 201
    assert list(ReaderComment.objects.values_list("article_id", flat=True)) == [fresh.pk]
