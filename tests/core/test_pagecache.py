"""What the page cache tells browsers and edge caches, and where it answers."""

import pytest
from django.contrib.auth import get_user_model

from khabar.core.edge import LOGGED_IN_COOKIE
from khabar.core.pagecache import HEADER, invalidate, tag_version

pytestmark = pytest.mark.django_db


def test_shared_pages_carry_their_tags_and_set_no_cookie(client, make_article, settings):
    story = make_article(topics=["روسيا"])
    for url in ("/", "/politics/", story.url, "/topics/روسيا/", "/feeds/rss/"):
        for state in ("miss", "hit"):
            response = client.get(url)
            assert response[HEADER] == state, url
            assert not response.cookies, url  # one page for everyone: no CSRF or session cookie
            assert f"page:{story.pk}" in response["xkey"].split() or url != story.url
            assert response["Cache-Control"] == (
                f"public, max-age=0, s-maxage={settings.PAGE_CACHE_SECONDS}, "
                "stale-while-revalidate=30, stale-if-error=86400"
            )
    assert {f"page:{story.pk}", f"section:{story.section_id}", "settings"} <= set(
        client.get(story.url)["xkey"].split()
    )


def test_pages_not_shared_are_not_marked_for_the_edge(client, make_article):
    story = make_article()
    missing = client.get("/politics/no-such-story/")
    assert (
        missing.status_code == 404
        and "xkey" not in missing
        and "public" not in missing.get("Cache-Control", "")
    )
    editor = get_user_model().objects.create_user("editor", password="x-secret-1")
    client.force_login(editor)
    response = client.get(story.url)
    assert "xkey" not in response and "public" not in response.get("Cache-Control", "")


def test_hits_without_a_session_are_answered_before_sessions_and_authentication(
    client, make_article, django_assert_max_num_queries
):
    story = make_article()
    client.get(story.url)
    with django_assert_max_num_queries(1):  # the tag versions; no session, no user
        response = client.get(story.url)
    assert response[HEADER] == "hit"
    assert "Cookie" not in response.get("Vary", "")
    # The security headers of a rendered page are there too.
    assert (
        response["X-Frame-Options"] == "DENY" and "default-src 'self'" in response["Content-Security-Policy"]
    )


def test_a_change_gives_its_tags_a_new_version(db):
    before = tag_version("section:3")
    invalidate("section:3")
    assert tag_version("section:3") > before


def test_logged_in_editors_are_marked_for_the_edge_until_they_log_out(client):
    get_user_model().objects.create_superuser("editor", "e@example.org", "a-long-secret-9")
    response = client.post("/admin/login/", {"username": "editor", "password": "a-long-secret-9"})
    assert response.cookies[LOGGED_IN_COOKIE].value == "1"
    assert response.cookies[LOGGED_IN_COOKIE]["httponly"]
    response = client.post("/admin/logout/")
    assert response.cookies[LOGGED_IN_COOKIE]["max-age"] == 0


@pytest.fixture
def served(wsgi):
    return wsgi()


def test_the_wsgi_layer_answers_hits_as_django_does_without_running_it(served, make_article):
    story = make_article()
    first, through_django, direct = served(story.url), served(story.url), served(story.url)
    assert first["headers"][HEADER] == "miss" and first["django"]
    # The first hit goes through Django, which shows the layer the headers around a hit.
    assert through_django["headers"][HEADER] == "hit" and through_django["django"]
    assert direct["headers"][HEADER] == "hit" and not direct["django"]
    assert direct["status"] == 200 and direct["body"] == through_django["body"] == first["body"]
    assert direct["headers"] == {**through_django["headers"], "Content-Length": str(len(direct["body"]))}
    assert direct["headers"]["X-Frame-Options"] == "DENY" and "Set-Cookie" not in direct["headers"]

    head = served(story.url, method="HEAD")
    assert not head["django"] and head["body"] == b""
    assert head["headers"]["Content-Length"] == str(len(direct["body"]))

    # A change: the layer misses, Django renders the new version, and the layer answers again.
    story.title = "عنوان بعد التعديل"
    story.save_revision().publish()
    changed = served(story.url)
    assert changed["django"] and changed["headers"][HEADER] == "miss"
    assert "عنوان بعد التعديل" in changed["body"].decode()
    assert not served(story.url)["django"]


def test_the_wsgi_layer_leaves_sessions_other_methods_and_unknown_hosts_to_django(
    served, make_article, settings
):
    story = make_article()
    for _ in range(3):
        served(story.url)
    assert not served(story.url)["django"]
    with_session = served(story.url, cookie=f"{settings.SESSION_COOKIE_NAME}=abc")
    assert with_session["django"] and with_session["headers"][HEADER] == "hit"
    assert served(story.url, cookie="csrftoken=abc")["django"] is False  # not a session: still anonymous
    post = served(story.url, method="POST")
    assert post["django"] and HEADER not in post["headers"]
    refused = served(story.url, host="elsewhere.example")
    assert refused["django"] and refused["status"] == 400
