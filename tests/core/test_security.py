"""Security defaults: admin lockout, CSP, headers, Arabic admin."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.org", "correct-horse-battery")


def _login(client, password):
    return client.post(reverse("wagtailadmin_login"), {"username": "editor", "password": password})


@pytest.mark.django_db
def test_admin_requires_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_admin_locks_out_after_repeated_failures(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "wrong")
    # Even the right password is refused while the lockout lasts.
    response = _login(client, "correct-horse-battery")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_admin_login_succeeds_with_right_password(client, editor):
    response = _login(client, "correct-horse-battery")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


@pytest.mark.django_db
def test_admin_speaks_arabic_by_default_and_english_on_request(client, editor):
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert 'lang="ar"' in html and 'dir="rtl"' in html
    assert "لوحة التحكم" in html or "الرئيسية" in html
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    html = client.get("/admin/").content.decode()
    assert 'lang="en"' in html and 'dir="ltr"' in html


@pytest.mark.django_db
def test_admin_translates_newsroom_models(client, editor):
    client.force_login(editor)
    html = client.get("/admin/snippets/newsroom/agency/").content.decode()
    assert "الوكالات" in html


@pytest.mark.django_db
def test_public_pages_send_a_strict_content_security_policy(client, home):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_no_traceback_on_server_error(client, home, monkeypatch, settings):
    from khabar.newsroom.models import HomePage

    def explode(self, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(HomePage, "get_context", explode)
    client.raise_request_exception = False
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 500
    assert 'lang="ar"' in html and "حدث خطأ غير متوقع" in html
    assert "Traceback" not in html and "boom" not in html


def test_server_error_page_survives_a_broken_template(rf, monkeypatch):
    from django.template import loader

    from khabar.core.errors import server_error

    def broken(name):
        raise ValueError("Missing staticfiles manifest entry")

    monkeypatch.setattr(loader, "get_template", broken)
    response = server_error(rf.get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert 'lang="ar" dir="rtl"' in html and "حدث خطأ غير متوقع" in html
    assert "manifest" not in html


def test_the_admin_sends_its_own_content_security_policy(client, home):
    policy = client.get("/admin/login/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
    assert directives["connect-src"] == "'self'" and directives["base-uri"] == "'self'"
    assert "unsafe-eval" not in policy and "http" not in policy  # no other origin, no eval
    assert "unsafe-inline" not in client.get("/")["Content-Security-Policy"]  # the public site keeps its own
