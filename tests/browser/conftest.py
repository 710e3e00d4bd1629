"""Debian's Chromium driven by Playwright, shared by every browser test.

Without /usr/bin/chromium the tests skip with a clear message, except under CI=true,
where a missing browser is a failure: CI must run them.
"""

import os
import shutil
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
