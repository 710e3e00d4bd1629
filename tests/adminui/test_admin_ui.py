"""Khabar's own admin: login and branding in Arabic, failures explained, the guide in the help menu."""

import lxml.html
import pytest
from django.conf import settings
from django.urls import reverse

from khabar.wire.models import Source, WireLog
from khabar.wire.polling import poll_source_now
from tests.newsroom.test_no_english import latin_interface_text

pytestmark = pytest.mark.django_db


def main_leaks(html):
    """Latin interface text in the page's own content (Wagtail's hidden shortcut dialog aside)."""
    main = lxml.html.fromstring(html).get_element_by_id("main")
    return latin_interface_text(
        f'<html lang="ar"><body>{lxml.html.tostring(main, encoding="unicode")}</body></html>'
    )


def test_the_login_page_is_khabars_and_arabic(client):
    html = client.get(reverse("wagtailadmin_login")).content.decode()
    doc = lxml.html.fromstring(html)
    assert doc.findtext(".//h1").strip() == "تسجيل الدخول إلى خبر"
    assert doc.find(".//title").text.strip().endswith("خبر")
    text = doc.text_content()
    assert "Password" not in text and "wagtail" not in text.lower() and "wagtail.org" not in html
    assert "كلمة المرور" in html
    assert main_leaks(html) == []


def test_nothing_in_the_admin_asks_wagtails_servers(admin_client):
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "releases.wagtail.org" not in html and "guide.wagtail.org" not in html
    assert "data-w-upgrade" not in html


def test_the_help_menu_opens_the_arabic_guide(admin_client):
    from wagtail.admin.menu import help_menu

    request = admin_client.get(reverse("wagtailadmin_home")).wsgi_request
    items = help_menu.menu_items_for_request(request)
    assert [item.url for item in items if item.name == "khabar-guide"] == [reverse("khabar_guide")]
    assert not any("wagtail.org" in (item.url or "") for item in items)
    html = admin_client.get(reverse("khabar_guide")).content.decode()
    assert '<article class="khabar-guide" lang="ar" dir="rtl">' in html
    assert "<h1" in html.split('class="khabar-guide"', 1)[1]


def test_guide_pictures_are_served_by_name_only(admin_client, client):
    from khabar.adminui.guide import picture_path

    assert picture_path("../README.png") is None and picture_path(".hidden.png") is None
    assert admin_client.get(reverse("khabar_guide_picture", args=["nope.png"])).status_code == 404
    assert client.get(reverse("khabar_guide")).status_code == 302  # signed-in editors only


def test_source_health_and_the_wire_log_explain_failures_in_arabic(admin_client):
    source = Source.objects.create(
        name="خلاصة معطلة", slug="broken", kind=Source.Kind.RSS, url="http://10.0.0.5/x"
    )
    poll_source_now(source)
    WireLog.objects.create(source=source, item_ref="#1", message="missing required field uri")
    for url in (
        reverse("wire_source:index"),
        reverse("wire_log:index"),
        reverse("wire_source:inspect", args=[source.pk]),
    ):
        html = admin_client.get(url).content.decode()
        assert "عنوان المصدر داخل شبكة خاصة" in html, url
        assert "<summary>التفاصيل التقنية</summary>" in html
        assert main_leaks(html) == [], url
        assert ">None<" not in html and ">True<" not in html and ">False<" not in html
    assert "خبر في الملف ينقصه حقل إلزامي" in admin_client.get(reverse("wire_log:index")).content.decode()


def test_glossary_and_memory_lists_show_words_not_python_values(admin_client):
    from khabar.desk.models import GlossaryTerm, MemorySegment

    GlossaryTerm.objects.create(source="NATO", target="الناتو", keep_latin=False)
    MemorySegment.objects.create(source="Hello.", target="مرحبا.", origin="desk")
    html = admin_client.get(reverse("wagtailsnippets_desk_glossaryterm:list")).content.decode()
    assert ">لا<" in html.replace("\n", "").replace(" ", "") and "False" not in html
    html = admin_client.get(reverse("wagtailsnippets_desk_memorysegment:list")).content.decode()
    assert "مكتب الترجمة" in html and ">desk<" not in html.replace(" ", "").replace("\n", "")
