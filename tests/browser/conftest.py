"""Debian's Chromium driven by Playwright, shared by every browser test.

Without /usr/bin/chromium the tests skip with a clear message, except under CI=true,
where a missing browser is a failure: CI must run them.
"""

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture
def browser(monkeypatch):
    # Playwright's sync API keeps an event loop in this thread; the ORM calls the tests make
    # between browser steps are ordinary synchronous ones.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is required in CI: /usr/bin/chromium is missing")
        pytest.skip("Debian's Chromium (/usr/bin/chromium) is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


def log_in(page, base, username, password):
    """Sign in to the admin at ``base`` through its login form and land on the dashboard."""
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")


def open_page(browser, url, width, problems):
    """A page at ``width`` px in Arabic; script errors, CSP violations, dialogs and any request off the
    site are added to ``problems``. Refused posts (400, 429) and the missing favicon are expected."""
    page = browser.new_page(viewport={"width": width, "height": 900}, locale="ar")
    page.on(
        "console",
        lambda msg: (
            msg.type == "error"
            and not msg.text.startswith("Failed to load resource")
            and problems.append(msg.text)
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on(
        "request",
        lambda request: (
            request.url.startswith(("http://localhost", "http://127.0.0.1", "data:", "blob:"))
            or problems.append(f"off-site: {request.url}")
        ),
    )
    page.goto(url)
    return page


TRANSLATOR_PASSWORD = "translator-pass-1"
EDITOR_PASSWORD = "editor-pass-1"


def ninjs_story(uri, headline, body_html, *, agency="The Associated Press", summary="", link=""):
    """An English agency story as the wire delivers it in ninjs."""
    story = {
        "uri": uri,
        "version": "1",
        "language": "en",
        "headlines": [{"role": "main", "value": headline}],
        "copyrightholder": agency,
        "bodies": [{"role": "main", "contenttype": "text/html", "value": body_html}],
    }
    if summary:
        story["descriptions"] = [{"role": "summary", "value": summary}]
    if link:
        story["links"] = [{"rel": "canonical", "href": link}]
    return story


@dataclass
class DeskDay:
    """The newsroom a desk browser test starts from: the «سياسة» section, the glossary of the treaty
    stories, a translator (منى, «mona») and an editor (سامي, «sami»)."""

    section: object
    translator: object
    editor: object

    def wire(self, uri, headline, body_html, **story):
        """Ingest an agency story the way the poller does; returns its WireItem."""
        from khabar.wire.ingest import ingest_bytes
        from khabar.wire.models import WireItem

        ingest_bytes(json.dumps(ninjs_story(uri, headline, body_html, **story)).encode())
        return WireItem.objects.get(uri=uri)


@pytest.fixture
def desk_day(db):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from khabar.desk.models import GlossaryTerm
    from khabar.newsroom.models import HomePage, SectionPage

    section = HomePage.objects.get().add_child(instance=SectionPage(title="سياسة", slug="politics"))
    for source, target, kind in [
        ("Moscow", "موسكو", "place"),
        ("Belarus", "بيلاروس", "place"),
        ("Vladimir Putin", "فلاديمير بوتين", "person"),
        ("Federation Council", "مجلس الاتحاد الروسي", "organisation"),
    ]:
        GlossaryTerm.objects.get_or_create(source=source, defaults={"target": target, "kind": kind})
    users = get_user_model().objects
    translator = users.create_user("mona", "mona@example.org", TRANSLATOR_PASSWORD, first_name="منى")
    translator.groups.add(Group.objects.get(name="المترجمون"))
    editor = users.create_user("sami", "sami@example.org", EDITOR_PASSWORD, first_name="سامي")
    editor.groups.add(Group.objects.get(name="المحررون"))
    return DeskDay(section, translator, editor)
