"""The Arabic inbox and sources in the Wagtail admin, «ترجمة», and what a kill does to articles."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from khabar.newsroom.models import ArticlePage, MonthArchivePage
from khabar.wire.ingest import ingest_bytes
from khabar.wire.models import ItemUse, Source, WireItem


@pytest.fixture
def items(ingest_json, fixture_path, wire_source):
    ingest_json(
        fixture_path("ar_ninjs2_list.json"), fixture_path("ar_newsml_message.xml"), source="test-agency"
    )
    ingest_json(fixture_path("ninjs1_embargoed.json"), fixture_path("ar_atom.xml"))
    return WireItem.objects.all()


@pytest.mark.django_db
def test_inbox_lists_filters_and_searches(admin_client, items, wire_source, django_assert_max_num_queries):
    url = reverse("wire_item:index")
    with django_assert_max_num_queries(40):
        response = admin_client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "وزير الخارجية المصري يصل إلى موسكو" in page and "Central bank to announce rate decision" in page

    def headlines(**params):
        html = admin_client.get(url, params).content.decode()
        return {i.headline for i in items if i.headline in html}

    assert headlines(source=wire_source.pk) == {i.headline for i in items.filter(source=wire_source)}
    assert headlines(status="embargoed") == {"Central bank to announce rate decision"}
    assert headlines(status="withheld") == {"خبر موقوف"}
    assert headlines(language="en") == {"Central bank to announce rate decision"}
    assert headlines(agency=wire_source.agency_id) == {i.headline for i in items.filter(source=wire_source)}
    assert headlines(q="موسكو") == {"وزير الخارجية المصري يصل إلى موسكو", "وزير الخارجية المصري في موسكو"}
    today = timezone.localdate()
    assert len(headlines(received_at_from=today.isoformat())) == items.count()
    assert headlines(received_at_to=(today - dt.timedelta(days=2)).isoformat()) == set()


@pytest.mark.django_db
def test_item_page_shows_original_usage_terms_and_also_from(admin_client, items, wire_source):
    item = WireItem.objects.get(uri="urn:khabar:test:ar-001")
    twin = WireItem.objects.get(uri="urn:khabar:g2:ar-200")  # the same story from the NewsML message
    assert item.cluster_id == twin.cluster_id
    page = admin_client.get(reverse("wire_item:inspect", args=[item.pk])).content.decode()
    assert "Credit the agency." in page
    assert "أيضًا من" in page and reverse("wire_item:inspect", args=[twin.pk]) in page
    assert ">ترجمة</a>" in page
    assert "<script>" not in page.split("<article", 1)[1].split("</article>")[0]
    raw = admin_client.get(reverse("wire_item:payload", args=[item.payload_id]))
    assert raw["Content-Type"] == "text/plain; charset=utf-8"
    assert bytes(item.payload.data) == raw.content


@pytest.mark.django_db
def test_items_cannot_be_added_or_edited_in_the_admin(admin_client, items):
    item = items.first()
    count, headline = WireItem.objects.count(), item.headline
    assert admin_client.get(reverse("wire_item:add")).status_code in (302, 403)
    assert admin_client.get(reverse("wire_item:edit", args=[item.pk])).status_code in (302, 403)
    added = admin_client.post(reverse("wire_item:add"), {"uri": "urn:forged", "headline": "Forged"})
    edited = admin_client.post(reverse("wire_item:edit", args=[item.pk]), {"headline": "Edited"})
    assert added.status_code in (302, 403) and edited.status_code in (302, 403)
    assert WireItem.objects.count() == count and not WireItem.objects.filter(uri="urn:forged").exists()
    item.refresh_from_db()
    assert item.headline == headline


@pytest.mark.django_db
def test_translate_creates_a_linked_arabic_draft(admin_client, admin_user, items, section):
    item = WireItem.objects.get(uri="urn:khabar:g2:ar-200")
    url = reverse("desk_translate_item", args=[item.pk])
    form = admin_client.get(url).content.decode()
    assert section.title in form and "Credit the agency." in form
    response = admin_client.post(url, {"section": section.pk})
    use = ItemUse.objects.get(item=item)
    article = use.article
    assert response.status_code == 302 and response["Location"] == reverse(
        "wagtailadmin_pages:edit", args=[article.pk]
    )
    assert not article.live and article.has_unpublished_changes
    assert isinstance(article.get_parent().specific, MonthArchivePage)
    assert article.get_parent().get_parent().get_parent().pk == section.pk
    assert (article.title, article.source_title) == (item.headline, item.headline)
    assert article.agency == item.agency and use.created_by == admin_user


@pytest.mark.django_db
@pytest.mark.parametrize("uri", ["urn:khabar:test:en-embargo", "urn:khabar:g2:ar-201"])
def test_embargoed_or_withheld_items_cannot_be_used(admin_client, items, section, uri):
    item = WireItem.objects.get(uri=uri)
    assert ">ترجمة</a>" not in admin_client.get(reverse("wire_item:inspect", args=[item.pk])).content.decode()
    response = admin_client.post(
        reverse("desk_translate_item", args=[item.pk]), {"section": section.pk}, follow=True
    )
    assert ArticlePage.objects.count() == 0
    page = response.content.decode()  # the admin speaks Arabic by default
    assert "هذا الخبر محظور النشر حتى" in page or "ألغت الوكالة هذا الخبر أو حجبته" in page


@pytest.mark.django_db
def test_embargo_passes_then_item_is_usable(items, section, admin_user):
    from khabar.desk.handoff import start_translation

    item = WireItem.objects.get(uri="urn:khabar:test:en-embargo")
    WireItem.objects.filter(pk=item.pk).update(embargoed=timezone.now() - dt.timedelta(minutes=1))
    item.refresh_from_db()
    assert start_translation(item, section, admin_user).article.wire_use.item == item


def _publish_from(item, section, user):
    from khabar.desk.handoff import start_translation

    article = start_translation(item, section, user).article
    article.save_revision(user=user).publish()
    article.refresh_from_db()
    assert article.live
    return article


KILL = b'{"uri": "urn:khabar:test:ar-001", "version": "9", "pubstatus": "canceled", "headlines": [{"value": "x"}]}'


@pytest.mark.django_db
def test_kill_takes_down_linked_articles_and_alerts_editors(
    items, section, admin_user, django_capture_on_commit_callbacks
):
    admin_user.email = "editor@example.org"
    admin_user.save()
    article = _publish_from(WireItem.objects.get(uri="urn:khabar:test:ar-001"), section, admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        report = ingest_bytes(KILL)
    assert report.killed == 1
    article.refresh_from_db()
    assert not article.live
    assert ItemUse.objects.get(article=article).flagged_at is not None
    assert (
        mail.outbox and mail.outbox[0].to == ["editor@example.org"] and "unpublished" in mail.outbox[0].body
    )


@pytest.mark.django_db
def test_kill_without_takedown_only_flags(
    items, section, admin_user, settings, django_capture_on_commit_callbacks
):
    settings.KHABAR_WIRE_TAKEDOWN_ON_KILL = False
    article = _publish_from(WireItem.objects.get(uri="urn:khabar:test:ar-001"), section, admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        ingest_bytes(KILL)
    article.refresh_from_db()
    assert article.live and ItemUse.objects.get(article=article).flagged_at is not None


@pytest.mark.django_db
def test_source_credentials_are_never_shown_back(admin_client, agency):
    add = reverse("wire_source:add")
    data = {
        "name": "AP", "slug": "ap", "kind": "ap_media", "url": "https://api.ap.org/media/v/content/feed",
        "folder": "", "credentials": "s3cret-key", "poll_interval": 120, "language": "en", "agency": agency.pk,
        "usage": "translate", "usage_terms": "Credit AP.", "enabled": "on",
    }  # fmt: skip
    assert admin_client.post(add, data).status_code == 302
    source = Source.objects.get(slug="ap")
    assert source.credentials == "s3cret-key"
    edit = reverse("wire_source:edit", args=[source.pk])
    assert "s3cret-key" not in admin_client.get(edit).content.decode()
    admin_client.post(edit, {**data, "credentials": "", "name": "Associated Press"})
    source.refresh_from_db()
    assert (source.name, source.credentials) == ("Associated Press", "s3cret-key")
    listing = admin_client.get(reverse("wire_source:index")).content.decode()
    assert "Associated Press" in listing and "s3cret-key" not in listing


@pytest.mark.django_db
def test_wire_log_lists_item_errors(admin_client, items):
    page = admin_client.get(reverse("wire_log:index"), {"q": "ar-003"}).content.decode()
    assert "missing required field headline" in page and "urn:khabar:test:ar-003" in page


@pytest.mark.django_db
def test_inbox_search_folds_arabic_spellings(admin_client, items, wire_source):
    """The inbox search goes through the project's analyzer: a reader's spelling finds the printed one."""
    ingest_bytes(
        '{"uri": "urn:khabar:test:ahmad", "version": "1", "language": "ar", "by": "إيمان الشّريف",'
        ' "headlines": [{"role": "main", "value": "أحمد يترأس مؤتمر الأمم المتّحدة"}]}'.encode(),
        source=wire_source,
    )
    url = reverse("wire_item:index")

    def headlines(q):
        html = admin_client.get(url, {"q": q}).content.decode()
        return {i.headline for i in WireItem.objects.all() if i.headline in html}

    ahmad = {"أحمد يترأس مؤتمر الأمم المتّحدة"}
    assert headlines("احمد") == ahmad  # hamza on alef folded
    assert headlines("إحمد") == ahmad
    assert headlines("موتمر الامم المتحده") == ahmad  # hamza seat, ta marbuta, shadda; every word must match
    assert headlines("ايمان الشريف") == ahmad  # byline
    assert headlines("أحمد موسكو") == set()
    assert headlines("الاردني") == {"المركزي الأردني يرفع الفائدة"}
    assert headlines("وزير موسكو") == {"وزير الخارجية المصري يصل إلى موسكو", "وزير الخارجية المصري في موسكو"}
    assert headlines("URN:KHABAR:TEST:AR-001") == {"وزير الخارجية المصري يصل إلى موسكو"}


@pytest.mark.django_db
def test_search_text_kept_by_save_and_filled_for_old_items(wire_source):
    import importlib
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    item = WireItem.objects.create(uri="urn:x:1", version="1", headline="لقاء مع أحمد", byline="مراسلنا")
    assert item.search_text == "لقاء مع احمد مراسلنا urn:x:1"
    item.headline = "لقاء مع إبراهيم"
    item.save(update_fields=["headline"])
    item.refresh_from_db()
    assert item.search_text == "لقاء مع ابراهيم مراسلنا urn:x:1"
    # Items stored before the column existed are filled by the migration that adds it.
    WireItem.objects.update(search_text="")
    migration = importlib.import_module("khabar.wire.migrations.0004_wireitem_search_text")
    # (SQLite's schema editor cannot open inside the test's transaction; the function needs only these two.)
    migration.fill_search_text(
        apps, SimpleNamespace(connection=connection, quote_name=connection.ops.quote_name)
    )
    assert WireItem.objects.get().search_text == "لقاء مع ابراهيم مراسلنا urn:x:1"
