"""Degrade, never fail: with the cache's Redis not answering, the site works without it.

A real Redis client against a closed port (nothing listens on it), no mocks.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache, caches
from django.urls import reverse

from khabar.comments import captcha, ratelimit
from khabar.comments.models import ReaderComment
from khabar.core.cache_backends import CacheUnavailable, ResilientRedisCache
from khabar.core.pagecache import HEADER
from tests.comments.conftest import post, solve

pytestmark = pytest.mark.django_db


def test_the_cache_is_really_unreachable(dead_cache):
    assert isinstance(caches["default"], ResilientRedisCache)
    assert cache.get("anything", "fallback") == "fallback"
    with pytest.raises(CacheUnavailable):
        cache.add("claim", 1)


def test_pages_are_served_uncached(client, dead_cache, make_article):
    story = make_article("قمة طارئة في القاهرة")
    for url in ("/", "/politics/", story.url, "/feeds/rss/", "/sitemap.xml"):
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == 200, url
            assert response.get(HEADER) != "hit", url
    assert "قمة طارئة في القاهرة" in client.get(story.url).content.decode()
    # The most-read beacon is not counted (a repeat cannot be told apart), and does not fail.
    assert client.post(reverse("readership:beacon", args=[story.pk])).status_code < 500


def test_admin_login_and_dashboard_work(client, dead_cache):
    get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-secret-9")
    response = client.post(
        reverse("wagtailadmin_login"), {"username": "editor", "password": "a-long-secret-9"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/pages/").status_code == 200


def test_comment_posting_refuses_politely_in_arabic(client, dead_cache, make_article):
    article = make_article()
    response, _ = post(client, article)
    html = response.content.decode()
    assert response.status_code == 503
    assert "لا يمكن استقبال التعليقات الآن بسبب عطل مؤقت" in html
    assert not ReaderComment.objects.exists()
    # Without the script, the same refusal as a whole Arabic page.
    plain = client.post(reverse("comments:post", args=[article.pk]), {"comment": "تعليق"})
    assert plain.status_code == 503 and '<html lang="ar" dir="rtl">' in plain.content.decode()


def test_rate_limit_fails_closed(rf, dead_cache):
    request = rf.post("/")
    request.session = type("Session", (), {"session_key": "abc"})()
    with pytest.raises(CacheUnavailable):
        ratelimit.allow(request, "post")


def test_the_replay_guard_does_not_depend_on_the_cache(client, dead_cache):
    payload = solve(client)
    captcha.spend(payload)  # spent solutions are kept in the database
    with pytest.raises(captcha.Refused) as refused:
        captcha.spend(payload)
    assert refused.value.reason == "replayed"
