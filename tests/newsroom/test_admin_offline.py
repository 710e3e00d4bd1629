"""The admin loads nothing from other sites either."""

import re

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def test_admin_pages_request_nothing_off_site(client, home):
    editor = get_user_model().objects.create_superuser("chief", "chief@example.com", "a-long-test-password-1")
    client.force_login(editor)
    for url in ("/admin/", f"/admin/pages/{home.pk}/", "/admin/account/"):
        html = client.get(url).content.decode()
        assert "gravatar" not in html, url
        # What the browser loads by itself: src= of any element, href= of <link> (links to follow are not loads).
        loads = re.findall(r'\ssrc="([^"]+)"', html) + re.findall(r'<link\b[^>]*\shref="([^"]+)"', html)
        assert loads, url
        assert not [s for s in loads if re.match(r"(?:https?:)?//(?!testserver|127\.0\.0\.1)", s)], url
