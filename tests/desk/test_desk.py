"""The desk: from a wire item to an Arabic draft, the side-by-side editor, saving into the article."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from khabar.desk import memory
from khabar.desk.drafting import open_translation, save_segments
from khabar.desk.models import MemorySegment, Segment, Translation
from khabar.desk.versions import alert_changed_sources
from khabar.newsroom.models import ArticlePage
from khabar.wire.models import ItemUse, WireItem, WireItemVersion
from khabar.wire.versions import diff

pytestmark = pytest.mark.django_db

LEAKED = "صادق مجلس الاتحاد الروسي على المعاهدة يوم الأربعاء ratified."


@pytest.fixture(autouse=True)
def _fresh_memory_index():
    memory.index().clear()
    yield
    memory.index().clear()


def test_translate_creates_a_linked_arabic_draft_with_credit_source_and_dateline(
    wire_item, admin_user, section
):
    translation = open_translation(wire_item, admin_user, section)
    article = translation.article
    assert not article.live and article.has_unpublished_changes
    assert article.get_parent().get_parent().get_parent().pk == section.pk  # filed under year/month
    assert (article.dateline_city, article.agency, article.source_url) == (
        "موسكو",
        wire_item.agency,
        wire_item.link,
    )
    assert article.source_title == wire_item.headline
    assert translation.usage_terms == wire_item.usage_terms
    assert ItemUse.objects.get(article=article).item == wire_item  # the wire desk's link, both ways
    assert wire_item.translations.get() == translation and article.translation == translation
    segments = list(translation.segments.all())
    assert [s.kind for s in segments] == ["headline", "paragraph", "subheading", "paragraph"]
    assert segments[1].target == "موسكو (أ.ب) — " and segments[1].status == "empty"
    assert open_translation(wire_item, admin_user, section).pk == translation.pk  # once per item


def test_exact_memory_matches_prefill_segments(wire_item, admin_user, section):
    memory.remember("Vladimir Putin signed it into law.", "ووقّعه فلاديمير بوتين ليصبح قانونا.")
    translation = open_translation(wire_item, admin_user, section)
    last = translation.segments.get(position=3)
    assert (last.target, last.status) == ("ووقّعه فلاديمير بوتين ليصبح قانونا.", "memory")


def test_opening_a_translation_reads_exact_matches_only_and_leaves_the_fuzzy_index_alone(
    wire_item, admin_user, section, django_assert_max_num_queries
):
    # Near copies are suggested in the editor; the draft is pre-filled from exact matches only,
    # so «ترجمة» neither builds the fuzzy index nor scores anything.
    memory.remember("Vladimir Putin signed it into law on Friday.", "ووقّعه فلاديمير بوتين يوم الجمعة.")
    translation = open_translation(wire_item, admin_user, section)
    assert len(memory.index()) == 0
    assert not translation.segments.filter(status="memory").exists()
    with django_assert_max_num_queries(1):
        [[]] = memory.lookup_many(["Vladimir Putin signed it into law."], fuzzy=False)


def test_killed_items_cannot_be_translated(wire_item, admin_user, section, client):
    wire_item.pubstatus = "canceled"
    wire_item.save()
    client.force_login(admin_user)
    response = client.post(f"/admin/desk/translate/{wire_item.pk}/", {"section": section.pk}, follow=True)
    assert not Translation.objects.exists()
    assert "لا يمكن ترجمة" in response.content.decode()


def test_editor_shows_source_target_suggestions_and_findings(client, admin_user, desk_translation):
    memory.remember(
        "Russia's Federation Council ratified the treaty on Tuesday.",
        "صادق المجلس على المعاهدة يوم الثلاثاء.",
    )
    client.force_login(admin_user)
    html = client.get(f"/admin/desk/translation/{desk_translation.pk}/").content.decode()
    assert 'lang="en" dir="ltr"' in html and 'lang="ar" dir="rtl"' in html
    assert "MOSCOW (AP) — Russia&#x27;s Federation Council" in html
    assert "صادق المجلس على المعاهدة يوم الثلاثاء." in html  # fuzzy memory suggestion
    assert "ذاكرة" in html and "%" in html  # with its score
    assert "مجلس الاتحاد الروسي" in html  # glossary term found in the segment
    assert "Alt" in html and "Ctrl" in html  # the keys are documented in the view
    assert 'data-code="missing-paragraph"' in html  # nothing translated yet


def test_saving_writes_the_article_body_and_remembers_approved_pairs(client, admin_user, desk_translation):
    segments = {s.position: s for s in desk_translation.segments.all()}
    client.force_login(admin_user)
    response = client.post(
        f"/admin/desk/translation/{desk_translation.pk}/",
        {
            f"target-{segments[0].pk}": "روسيا تصادق على المعاهدة",
            f"status-{segments[0].pk}": "approved",
            f"target-{segments[1].pk}": "موسكو (أ.ب) — صادق مجلس الاتحاد الروسي على المعاهدة يوم الأربعاء.",
            f"status-{segments[1].pk}": "approved",
            f"target-{segments[2].pk}": "ردود الفعل",
            f"status-{segments[2].pk}": "edited",
            f"target-{segments[3].pk}": "<script>x</script> ووقّعها فلاديمير بوتين.",
            f"status-{segments[3].pk}": "edited",
        },
    )
    assert response.status_code == 302
    draft = ArticlePage.objects.get(pk=desk_translation.article_id).get_latest_revision_as_object()
    assert draft.title == "روسيا تصادق على المعاهدة"
    blocks = [(b.block_type, b.value.source if b.block_type == "paragraph" else b.value) for b in draft.body]
    assert blocks == [
        ("paragraph", "<p>موسكو (أ.ب) — صادق مجلس الاتحاد الروسي على المعاهدة يوم الأربعاء.</p>"),
        ("subheading", "ردود الفعل"),
        ("paragraph", "<p>&lt;script&gt;x&lt;/script&gt; ووقّعها فلاديمير بوتين.</p>"),
    ]
    assert {(m.source, m.origin) for m in MemorySegment.objects.all()} == {
        ("Russia ratifies military treaty", "desk"),
        ("MOSCOW (AP) — Russia's Federation Council ratified the treaty on Wednesday.", "desk"),
    }
    assert MemorySegment.objects.filter(approved_by=admin_user).count() == 2
    assert not desk_translation.article.live  # saving never publishes


def test_clearing_a_segment_makes_it_empty_again(admin_user, desk_translation):
    segment = desk_translation.segments.get(position=2)
    save_segments(desk_translation, {segment.pk: ("نص", "approved")}, admin_user)
    save_segments(desk_translation, {segment.pk: ("   ", "approved")}, admin_user)
    segment.refresh_from_db()
    assert (segment.target, segment.status) == ("", "empty")


def test_live_check_flags_a_leaked_english_word(client, admin_user, desk_translation):
    first = desk_translation.segments.get(position=1)
    client.force_login(admin_user)
    url = f"/admin/desk/translation/{desk_translation.pk}/check/"
    response = client.post(
        url, {"targets": {str(first.pk): "موسكو (أ.ب) — " + LEAKED}}, content_type="application/json"
    )
    codes = [f["code"] for f in response.json()["findings"][str(first.pk)]]
    assert "untranslated" in codes
    fixed = LEAKED.replace(" ratified", "")
    response = client.post(
        url, {"targets": {str(first.pk): "موسكو (أ.ب) — " + fixed}}, content_type="application/json"
    )
    assert "untranslated" not in [f["code"] for f in response.json()["findings"][str(first.pk)]]
    assert client.post(url, b"not json", content_type="application/json").status_code == 400


def test_editor_requires_edit_permission_on_the_article(client, desk_translation):
    user = get_user_model().objects.create_user("outsider", password="x")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(f"/admin/desk/translation/{desk_translation.pk}/").status_code in (302, 403)


def test_editor_query_count_does_not_grow_with_the_story(client, admin_user, agency, glossary, section):
    from khabar.wire.models import WireItem

    def queries_for(paragraphs):
        item = WireItem.objects.create(
            uri=f"urn:ap:long-{paragraphs}",
            version="1",
            agency=agency,
            language="en",
            headline="Long story",
            body_html="".join(
                f"<p>Paragraph number {i} about the treaty and Moscow.</p>" for i in range(paragraphs)
            ),
        )
        memory.remember("Paragraph number 1 about the treaty and Moscow.", "الفقرة 1 عن المعاهدة وموسكو.")
        translation = open_translation(item, admin_user, section)
        url = f"/admin/desk/translation/{translation.pk}/"
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    client.force_login(admin_user)
    short, long = queries_for(3), queries_for(40)
    assert long == short
    assert short <= 40


def test_newer_wire_version_alerts_the_translators_with_the_english_diff(
    desk_translation, wire_item, admin_user
):
    old_body = wire_item.body_html
    WireItemVersion.objects.create(
        item=wire_item,
        version="1",
        headline=wire_item.headline,
        body_html=old_body,
        diff="",
    )
    wire_item.version = "2"
    wire_item.body_html = old_body.replace("on Wednesday", "late on Wednesday")
    wire_item.save()
    assert alert_changed_sources() == 1
    [message] = mail.outbox
    assert message.to == [admin_user.email]
    assert "+MOSCOW (AP) — Russia's Federation Council ratified the treaty late on Wednesday." in message.body
    assert alert_changed_sources() == 0  # once per version
    out = io.StringIO()
    call_command("desk_alerts", stdout=out)
    assert out.getvalue().startswith("0 ")
    expected = diff(wire_item.headline, old_body, wire_item.headline, wire_item.body_html)
    from khabar.desk.versions import source_changes

    assert source_changes(Translation.objects.get()) == expected


def test_editor_shows_the_changes_and_kill_notice(client, admin_user, desk_translation, wire_item):
    WireItemVersion.objects.create(
        item=wire_item, version="1", headline=wire_item.headline, body_html="<p>Old.</p>"
    )
    wire_item.version, wire_item.pubstatus = "2", "canceled"
    wire_item.save()
    client.force_login(admin_user)
    html = client.get(f"/admin/desk/translation/{desk_translation.pk}/").content.decode()
    assert "-Old." in html
    assert "ألغت الوكالة" in html


def test_machine_suggestion_endpoint(client, admin_user, desk_translation, settings):
    from .mt_server import FakeService, word_for_word

    service = FakeService(lambda r: (200, {"translatedText": word_for_word(r.json["q"])}))
    try:
        settings.KHABAR_MT = {"ENGINE": "libretranslate", "URL": service.url, "RETRIES": 0, "TIMEOUT": 2}
        segment = desk_translation.segments.get(position=3)
        client.force_login(admin_user)
        response = client.post(f"/admin/desk/segment/{segment.pk}/machine/")
        assert response.json() == {"text": "Vladimir بوتين وقّع it into law."}
        service.api = lambda r: (403, {"error": "Invalid API key"})
        response = client.post(f"/admin/desk/segment/{segment.pk}/machine/")
        assert response.status_code == 502 and "رفض LibreTranslate" in response.json()["error"]
    finally:
        service.close()
    settings.KHABAR_MT = {}
    assert client.post(f"/admin/desk/segment/{segment.pk}/machine/").status_code == 404


def test_dashboard_lists_wire_items_and_translations(client, admin_user, wire_item, section):
    client.force_login(admin_user)
    html = client.get("/admin/desk/").content.decode()
    assert wire_item.headline in html and "ترجمة" in html
    response = client.post(f"/admin/desk/translate/{wire_item.pk}/", {"section": section.pk})
    translation = Translation.objects.get()
    assert response["Location"] == f"/admin/desk/translation/{translation.pk}/"
    assert Segment.objects.filter(translation=translation).count() == 4
    assert WireItem.objects.count() == 1


def test_the_wire_inbox_translate_action_opens_the_desk_too(client, admin_user, wire_item, section):
    from django.urls import reverse

    client.force_login(admin_user)
    inspect = client.get(reverse("wire_item:inspect", args=[wire_item.pk])).content.decode()
    assert (
        f'href="/admin/desk/translate/{wire_item.pk}/"' in inspect
    )  # the item page's «ترجمة»: the desk's route
    response = client.post(reverse("desk_translate_item", args=[wire_item.pk]), {"section": section.pk})
    assert response.status_code == 302
    translation = Translation.objects.get(item=wire_item)
    assert response["Location"] == f"/admin/desk/translation/{translation.pk}/"  # the side-by-side editor
    assert translation.segments.get(position=1).target == "موسكو (أ.ب) — "
    article = ArticlePage.objects.get(pk=translation.article_id)
    assert article.get_latest_revision_as_object().dateline_city == "موسكو"
    html = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert f"/admin/desk/translation/{translation.pk}/" in html  # the page editor links to the desk


def test_stories_already_in_arabic_get_no_translation(admin_user, wire_item, section):
    from khabar.desk.handoff import start_translation

    wire_item.language = "ar"
    wire_item.save()
    handoff = start_translation(wire_item, section, admin_user)
    assert not Translation.objects.exists()
    assert (
        handoff.created
        and handoff.translation is None
        and handoff.edit_url_name[0] == "wagtailadmin_pages:edit"
    )


def test_a_wire_poll_alerts_the_desk_when_a_translated_story_changed(desk_translation, wire_item, admin_user):
    from khabar.wire.models import Source
    from khabar.wire.tasks import poll_source

    folder_source = Source.objects.create(
        name="Empty folder", slug="empty", kind="folder", folder="/nonexistent"
    )
    WireItemVersion.objects.create(
        item=wire_item, version="1", headline=wire_item.headline, body_html="<p>Old.</p>"
    )
    WireItem.objects.filter(pk=wire_item.pk).update(version="2")
    poll_source.enqueue(folder_source.pk)  # runs inline in the tests (ImmediateBackend)
    assert [m.to for m in mail.outbox] == [[admin_user.email]]
    assert "-Old." in mail.outbox[0].body
