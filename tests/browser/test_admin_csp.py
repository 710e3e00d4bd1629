"""The admin's Content-Security-Policy breaks nothing Wagtail needs: the page editor (rich text, inline
panels, the date chooser), the wire inbox and the desk open in Chromium with no CSP violation and no
script error. Screenshots at 390 and 1366 px go to var/screenshots/."""

import pytest
from django.contrib.auth import get_user_model

from khabar.newsroom.models import HomePage, SectionPage

from .conftest import SHOTS, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def section(db):
    get_user_model().objects.create_superuser("chief", "chief@example.org", "csp-browser-pass-1")
    return HomePage.objects.get().add_child(instance=SectionPage(title="سياسة", slug="politics"))


def test_admin_screens_run_under_the_admin_policy(browser, live_server, section):
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="ar")
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text
            else None
        ),
    )
    log_in(page, live_server.url, "chief", "csp-browser-pass-1")
    response = page.goto(f"{live_server.url}/admin/pages/add/newsroom/articlepage/{section.pk}/")
    assert "'unsafe-eval'" not in response.headers["content-security-policy"]
    assert "object-src 'none'" in response.headers["content-security-policy"]
    page.fill("#id_title", "خبر تحت سياسة أمان المحتوى")
    page.locator("[data-streamfield-stream-container] button, .c-sf-add-button").first.click()  # add a block
    page.wait_for_selector("#id_go_live_at", state="attached")  # the date chooser, set up by an inline script
    page.screenshot(path=str(SHOTS / "admin-csp-editor-1366.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / "admin-csp-editor-390.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    for url in ("/admin/", "/admin/desk/", "/admin/wire/"):
        page.goto(live_server.url + url)
        page.wait_for_load_state("load")
    page.screenshot(path=str(SHOTS / "admin-csp-wire-1366.png"), full_page=True)
    assert problems == []
