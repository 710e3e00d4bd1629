"""The admin's partners: Arabic, and the token shown once, when it is issued."""

import re

import pytest

from khabar.syndication.models import Partner, hash_token
from tests.adminui.test_admin_ui import main_leaks

pytestmark = pytest.mark.django_db


def test_a_new_partner_sees_its_token_once(client, admin_user, section):
    client.force_login(admin_user)
    listing = client.get("/admin/syndication_partner/")
    assert listing.status_code == 200 and "الشركاء" in listing.content.decode()
    form = client.get("/admin/syndication_partner/new/")
    assert form.status_code == 200 and "إصدار رمز جديد" not in form.content.decode()
    assert main_leaks(form.content.decode()) == []
    response = client.post(
        "/admin/syndication_partner/new/",
        {"name": "وكالة صديقة", "sections": [section.pk], "rate_limit": "30", "active": "on"},
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    page = response.content.decode()
    token = re.search(r'id="partner-token">([^<]+)<', page).group(1)
    assert "لن يظهر" in page and "no-store" in response["Cache-Control"]
    partner = Partner.objects.get(name="وكالة صديقة")
    assert partner.token_hash == hash_token(token) and list(partner.sections.all()) == [section]
    again = client.get(f"/admin/syndication_partner/edit/{partner.pk}/").content.decode()
    assert token not in again and "إصدار رمز جديد" in again
    # The token's first characters are Latin by nature; nothing else in the listing may be.
    listing = main_leaks(client.get("/admin/syndication_partner/").content.decode())
    assert [leak for leak in listing if partner.token_hint not in leak] == []
    response = client.post(
        f"/admin/syndication_partner/edit/{partner.pk}/",
        {"name": "وكالة صديقة", "sections": [section.pk], "active": "on", "new_token": "on"},
    )
    new_token = re.search(r'id="partner-token">([^<]+)<', response.content.decode()).group(1)
    partner.refresh_from_db()
    assert new_token != token and partner.token_hash == hash_token(new_token)
    response = client.post(
        f"/admin/syndication_partner/edit/{partner.pk}/", {"name": "وكالة صديقة", "active": "on"}
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.token_hash == hash_token(new_token)


def test_agency_licences_are_managed_in_the_admin(client, admin_user, agency):
    client.force_login(admin_user)
    response = client.post(
        "/admin/syndication_licence/new/",
        {"agency": agency.pk, "redistribute": "on", "usage_terms": "للمشتركين"},
    )
    assert response.status_code == 302
    assert agency.syndication_licence.redistribute
    client.get(
        "/admin/syndication_licence/"
    )  # shows (and uses up) the «created» message, which names the agency
    listing = client.get("/admin/syndication_licence/").content.decode()
    assert "تراخيص الوكالات" in listing and main_leaks(listing) == []
