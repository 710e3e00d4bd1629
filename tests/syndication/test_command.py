"""``khabar partner-token``: the token is printed once, and works."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from khabar.syndication.models import Partner

pytestmark = pytest.mark.django_db


def test_create_rotate_revoke(run, section, second_section, staff_article):
    staff_article()
    code, token, err = run("partner-token", "create", "جريدة الغد", "--sections", "politics,economy")
    token = token.strip()
    assert code == 0 and token.startswith("khb_") and "لن يظهر" in err
    partner = Partner.objects.get(name="جريدة الغد")
    assert sorted(s.slug for s in partner.sections.all()) == ["economy", "politics"]
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert len(json.loads(api.get("/api/ninjs/").content)["items"]) == 1
    code, new_token, _err = run("partner-token", "rotate", "جريدة الغد")
    assert code == 0 and api.get("/api/ninjs/").status_code == 401
    assert Client(HTTP_AUTHORIZATION=f"Bearer {new_token.strip()}").get("/api/ninjs/").status_code == 200
    code, out, _err = run("partner-token", "list")
    assert "جريدة الغد" in out and new_token.strip() not in out
    assert run("partner-token", "revoke", "جريدة الغد")[0] == 0
    assert Client(HTTP_AUTHORIZATION=f"Bearer {new_token.strip()}").get("/api/ninjs/").status_code == 401


def test_unknown_sections_and_names_are_refused(section):
    with pytest.raises(CommandError, match="nope") as refused:
        call_command("partner-token", "create", "x", "--sections", "politics,nope")
    assert refused.value.returncode == 2 and not Partner.objects.exists()
    with pytest.raises(CommandError) as refused:
        call_command("partner-token", "rotate", "nobody")
    assert refused.value.returncode == 2
