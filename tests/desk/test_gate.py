"""The publish gate, the override log and the translator → editor workflow."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import PageLogEntry, Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from khabar.desk.drafting import save_segments
from khabar.desk.gate import article_findings, errors
from khabar.desk.models import CopyCheckedApprovalTask, PublishOverride
from khabar.newsroom.models import ArticlePage

pytestmark = pytest.mark.django_db

CLEAN = {
    1: "موسكو (أ.ب) — صادق مجلس الاتحاد الروسي على المعاهدة يوم الأربعاء.",
    2: "ردود الفعل",
    3: "ووقّعها فلاديمير بوتين لتصبح قانونا.",
}
LEAKED = "موسكو (أ.ب) — ratified مجلس الاتحاد الروسي على المعاهدة يوم الأربعاء."


def _fill(translation, user, texts):
    segments = {s.position: s for s in translation.segments.all()}
    save_segments(translation, {segments[p].pk: (t, "edited") for p, t in texts.items()}, user)
    return ArticlePage.objects.get(pk=translation.article_id)


def test_clean_translation_has_no_errors_and_a_leak_is_an_error(desk_translation, admin_user):
    article = _fill(desk_translation, admin_user, CLEAN)
    assert errors(article_findings(article.get_latest_revision_as_object())) == []
    article = _fill(desk_translation, admin_user, {1: LEAKED})
    found = errors(article_findings(article.get_latest_revision_as_object()))
    assert [f.code for f in found] == ["untranslated"]


def test_gate_page_blocks_then_publishes_with_a_logged_override(client, desk_translation, admin_user):
    article = _fill(desk_translation, admin_user, {**CLEAN, 1: LEAKED})
    client.force_login(admin_user)
    html = client.get(f"/admin/desk/publish/{article.pk}/").content.decode()
    assert 'data-code="untranslated"' in html and "ratified" in html
    client.post(f"/admin/desk/publish/{article.pk}/", {"reason": "short"})
    assert not ArticlePage.objects.get(pk=article.pk).live
    assert not PublishOverride.objects.exists()
    reason = "Brand name kept in English on purpose"
    response = client.post(f"/admin/desk/publish/{article.pk}/", {"reason": reason})
    assert response.status_code == 302
    assert ArticlePage.objects.get(pk=article.pk).live
    override = PublishOverride.objects.get()
    assert (override.user, override.reason) == (admin_user, reason)
    assert override.findings[0]["code"] == "untranslated"
    entry = PageLogEntry.objects.get(page=article, action="desk.override")
    assert entry.user == admin_user and entry.data["reason"] == reason


def test_gate_publishes_a_clean_article_without_a_reason(client, desk_translation, admin_user):
    article = _fill(desk_translation, admin_user, CLEAN)
    client.force_login(admin_user)
    assert "لا أخطاء" in client.get(f"/admin/desk/publish/{article.pk}/").content.decode()
    client.post(f"/admin/desk/publish/{article.pk}/", {})
    assert ArticlePage.objects.get(pk=article.pk).live
    assert not PublishOverride.objects.exists()


def test_translators_cannot_override(client, desk_translation, admin_user):
    article = _fill(desk_translation, admin_user, {**CLEAN, 1: LEAKED})
    translator = get_user_model().objects.create_user("translator", password="x")
    translator.groups.add(Group.objects.get(name="المترجمون"))
    client.force_login(translator)
    html = client.get(f"/admin/desk/publish/{article.pk}/").content.decode()
    assert "id_reason" not in html
    assert client.post(f"/admin/desk/publish/{article.pk}/", {"reason": "x" * 20}).status_code in (302, 403)
    assert not ArticlePage.objects.get(pk=article.pk).live


def test_publish_button_in_the_page_editor_goes_to_the_gate_and_keeps_the_edits(
    client, desk_translation, admin_user
):
    article = _fill(desk_translation, admin_user, CLEAN)
    client.force_login(admin_user)
    data = nested_form_data(
        {
            "title": "روسيا تصادق على المعاهدة",
            "slug": article.slug,
            "standfirst": "",
            "dateline_city": "موسكو",
            "agency": article.agency_id,
            "source_url": article.source_url,
            "source_title": article.source_title,
            "body": streamfield(
                [
                    ("paragraph", rich_text(f"<p>{LEAKED}</p>")),
                    ("subheading", CLEAN[2]),
                    ("paragraph", rich_text(f"<p>{CLEAN[3]}</p>")),
                ]
            ),
            "tags": "",
            "article_authors": inline_formset([]),
            "related_links": inline_formset([]),
            "notes": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    data["action-publish"] = "action-publish"
    response = client.post(f"/admin/pages/{article.pk}/edit/", data)
    assert response.status_code == 302 and response["Location"] == f"/admin/desk/publish/{article.pk}/"
    article = ArticlePage.objects.get(pk=article.pk)
    assert not article.live
    draft = article.get_latest_revision_as_object()
    assert draft.title == "روسيا تصادق على المعاهدة" and "ratified" in draft.body[0].value.source


def test_workflow_groups_and_tasks_exist_and_cover_desk_articles_only(
    home, section, desk_translation, make_article
):
    workflow = Workflow.objects.get(name__startswith="مكتب الترجمة")
    tasks = [t.specific for t in workflow.tasks]
    assert [type(t).__name__ for t in tasks] == ["GroupApprovalTask", "CopyCheckedApprovalTask"]
    assert [g.name for g in tasks[0].groups.all()] == ["المترجمون"]
    assert [g.name for g in tasks[1].groups.all()] == ["المحررون"]
    assert desk_translation.article.get_workflow() == workflow
    # Nothing else inherits it: not the site, not the section, not an article written in Arabic
    # (they keep the site's own workflow, Wagtail's «Moderators approval» at the root).
    written_in_arabic = make_article(slug="written-in-arabic")
    for page in (home, section, written_in_arabic):
        assert page.get_workflow() != workflow


def test_moving_the_workflow_off_the_home_page_keeps_it_on_existing_desk_articles(
    home, desk_translation, make_article
):
    from importlib import import_module

    from django.apps import apps
    from wagtail.models import WorkflowPage

    workflow = Workflow.objects.get(name__startswith="مكتب الترجمة")
    article = desk_translation.article
    WorkflowPage.objects.filter(page=article).delete()
    WorkflowPage.objects.create(page=home, workflow=workflow)  # as 0003 left a site migrated before
    assert make_article(slug="written-in-arabic").get_workflow() == workflow
    migration = import_module("khabar.desk.migrations.0004_desk_workflow_on_desk_articles")

    def assigned():
        return list(WorkflowPage.objects.filter(workflow=workflow).values_list("page_id", flat=True))

    migration.to_desk_articles(apps, None)
    assert assigned() == [article.pk]
    migration.to_home_pages(apps, None)
    assert assigned() == [home.pk]


def test_editor_task_offers_only_override_while_errors_remain(desk_translation, admin_user):
    article = _fill(desk_translation, admin_user, {**CLEAN, 1: LEAKED})
    editor = get_user_model().objects.create_user("editor", password="x")
    editor.groups.add(Group.objects.get(name="المحررون"))
    task = CopyCheckedApprovalTask.objects.get()
    draft = article.get_latest_revision_as_object()
    assert [a[0] for a in task.get_actions(draft, editor)] == ["reject", "override"]
    article = _fill(desk_translation, admin_user, {1: CLEAN[1]})
    assert "approve" in [a[0] for a in task.get_actions(article.get_latest_revision_as_object(), editor)]
    outsider = get_user_model().objects.create_user("outsider", password="x")
    assert task.get_actions(draft, outsider) == []


def test_workflow_override_records_the_reason_and_publishes(desk_translation, admin_user):
    article = _fill(desk_translation, admin_user, {**CLEAN, 1: LEAKED})
    translator = get_user_model().objects.create_user("translator", password="x")
    translator.groups.add(Group.objects.get(name="المترجمون"))
    editor = get_user_model().objects.create_user("editor", password="x")
    editor.groups.add(Group.objects.get(name="المحررون"))
    workflow = article.get_workflow()
    state = workflow.start(article, translator)
    state.current_task_state.task.specific.on_action(state.current_task_state, translator, "approve")
    state.refresh_from_db()
    task_state = state.current_task_state
    task = task_state.task.specific
    assert isinstance(task, CopyCheckedApprovalTask)
    task.on_action(task_state, editor, "approve")  # a stale plain approval is refused
    assert not ArticlePage.objects.get(pk=article.pk).live
    task.on_action(task_state, editor, "override", comment="Quoted English term, checked by the desk")
    assert ArticlePage.objects.get(pk=article.pk).live
    override = PublishOverride.objects.get()
    assert override.user == editor and override.reason.startswith("Quoted English")


def test_a_killed_source_cannot_be_published_even_with_a_reason(
    client, desk_translation, admin_user, wire_item
):
    article = _fill(desk_translation, admin_user, CLEAN)
    wire_item.pubstatus = "canceled"
    wire_item.save()
    client.force_login(admin_user)
    html = client.get(f"/admin/desk/publish/{article.pk}/").content.decode()
    assert "ألغت الوكالة" in html and "id_reason" not in html
    client.post(f"/admin/desk/publish/{article.pk}/", {"reason": "x" * 30})
    assert not ArticlePage.objects.get(pk=article.pk).live
    task = CopyCheckedApprovalTask.objects.get()
    assert [a[0] for a in task.get_actions(article.get_latest_revision_as_object(), admin_user)] == ["reject"]


def test_wire_kill_takes_down_a_published_desk_article(client, desk_translation, admin_user, wire_item):
    from khabar.wire.kills import handle_kills

    article = _fill(desk_translation, admin_user, CLEAN)
    client.force_login(admin_user)
    client.post(f"/admin/desk/publish/{article.pk}/", {})
    assert ArticlePage.objects.get(pk=article.pk).live
    wire_item.pubstatus = "canceled"
    wire_item.save()
    handle_kills([wire_item])  # the wire desk's rule: flag, take down, alert
    assert not ArticlePage.objects.get(pk=article.pk).live
    assert "ألغت الوكالة" in client.get(f"/admin/desk/translation/{desk_translation.pk}/").content.decode()


def _bulk_publish(client, pages, **data):
    query = "&".join(f"id={page.pk}" for page in pages)
    return client.post(f"/admin/bulk/wagtailcore/page/publish/?{query}", data)


def test_bulk_publish_refuses_a_desk_article_with_errors_and_points_to_the_gate(
    client, desk_translation, admin_user, make_article
):
    article = _fill(desk_translation, admin_user, {**CLEAN, 1: LEAKED})
    other = make_article(slug="written-in-arabic")
    other.save_revision(user=admin_user)  # a draft change that the bulk action would publish
    client.force_login(admin_user)
    response = _bulk_publish(client, [article, other])
    assert response.status_code == 302 and response["Location"] == f"/admin/desk/publish/{article.pk}/"
    assert not ArticlePage.objects.get(pk=article.pk).live
    assert ArticlePage.objects.get(pk=other.pk).live_revision_id != other.latest_revision_id  # all or nothing
    assert not PublishOverride.objects.exists()
    article = _fill(desk_translation, admin_user, {1: CLEAN[1]})
    response = _bulk_publish(client, [article, other])
    assert response.status_code == 302 and "/admin/desk/publish/" not in response["Location"]
    assert ArticlePage.objects.get(pk=article.pk).live


def test_bulk_publish_of_a_section_with_its_drafts_refuses_a_desk_article_with_errors(
    client, desk_translation, admin_user, section
):
    article = _fill(desk_translation, admin_user, {**CLEAN, 1: LEAKED})
    client.force_login(admin_user)
    response = _bulk_publish(client, [section], include_descendants="on")
    assert response["Location"] == f"/admin/desk/publish/{article.pk}/"
    assert not ArticlePage.objects.get(pk=article.pk).live
    [message] = [str(m) for m in response.wsgi_request._messages]
    assert message.startswith("لم يُنشر شيء") and f"«{article.title}»" in message
