"""The translator → editor workflow from the places an editor acts: Wagtail's workflow action views
(the dashboard's and the page editor's buttons) and the desk editor."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from khabar.desk.drafting import save_segments
from khabar.desk.models import PublishOverride
from khabar.newsroom.models import ArticlePage

pytestmark = pytest.mark.django_db

CLEAN = {
    0: "روسيا تصادق على معاهدة عسكرية",
    1: "موسكو (أ.ب) — صادق مجلس الاتحاد الروسي على المعاهدة يوم الأربعاء.",
    2: "ردود الفعل",
    3: "ووقّعها فلاديمير بوتين لتصبح قانونا.",
}
LEAKED = "موسكو (أ.ب) — ratified مجلس الاتحاد الروسي على المعاهدة يوم الأربعاء."


def _user(name, group, first_name=""):
    user = get_user_model().objects.create_user(
        name, f"{name}@example.org", password="pw-" + name, first_name=first_name
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def translator(db):
    return _user("translator", "المترجمون", first_name="ليلى")


@pytest.fixture
def editor(db):
    return _user("editor", "المحررون")


def _fill(translation, user, texts):
    segments = {s.position: s for s in translation.segments.all()}
    save_segments(translation, {segments[p].pk: (t, "edited") for p, t in texts.items()}, user)
    return ArticlePage.objects.get(pk=translation.article_id)


def _at_editor_step(translation, translator, texts):
    """The article submitted and through the translators' review, waiting for an editor."""
    article = _fill(translation, translator, texts)
    state = article.get_workflow().start(article, translator)
    first = state.current_task_state
    first.task.specific.on_action(first, translator, "approve")
    state.refresh_from_db()
    return article, state.current_task_state


def test_override_through_wagtails_workflow_action_view_publishes(
    client, desk_translation, translator, editor
):
    """The dashboard's and the page editor's «تجاوز فحص النص والموافقة» post to Wagtail's workflow
    action view, which hands the task the base Page: it must still find the desk translation."""
    article, task_state = _at_editor_step(desk_translation, translator, {**CLEAN, 1: LEAKED})
    client.force_login(editor)
    url = f"/admin/pages/workflow/action/{article.pk}/override/{task_state.pk}/"
    form = client.get(url, headers={"x-requested-with": "XMLHttpRequest"})
    assert form.status_code == 200
    reason = "اسم علم يُكتب بالإنجليزية عمدًا"
    response = client.post(url, {"comment": reason})
    assert response.status_code == 302
    assert ArticlePage.objects.get(pk=article.pk).live
    override = PublishOverride.objects.get()
    assert (override.user, override.reason) == (editor, reason)


def test_page_editor_collects_the_override_reason(client, desk_translation, translator, editor):
    article, task_state = _at_editor_step(desk_translation, translator, {**CLEAN, 1: LEAKED})
    client.force_login(editor)
    url = f"/admin/pages/workflow/collect_action_data/{article.pk}/override/{task_state.pk}/"
    response = client.post(
        url, {"comment": "اسم علم يُكتب بالإنجليزية عمدًا"}, headers={"x-requested-with": "XMLHttpRequest"}
    )
    assert response.status_code == 200 and response.json()["step"] == "success"


def test_dashboard_offers_the_editor_the_override_for_the_draft_under_review(
    client, desk_translation, translator, editor
):
    article, task_state = _at_editor_step(desk_translation, translator, {**CLEAN, 1: LEAKED})
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert f"/admin/pages/workflow/action/{article.pk}/override/{task_state.pk}/" in html


def test_dashboard_offers_plain_approval_when_the_draft_is_clean(
    client, desk_translation, translator, editor
):
    """The checks read the revision that approval publishes, not the page row (which still holds
    the English headline and an empty body of a never-published draft)."""
    article, task_state = _at_editor_step(desk_translation, translator, CLEAN)
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert f"/admin/pages/workflow/action/{article.pk}/approve/{task_state.pk}/" in html
    assert f"/override/{task_state.pk}/" not in html


def _segments(translation):
    return {s.position: s for s in translation.segments.all()}


def _desk_post(client, translation, step="", comment="", texts=None):
    data = {f"step-{step}": "1", "review-comment": comment} if step else {}
    for position, segment in _segments(translation).items():
        data[f"target-{segment.pk}"] = (texts or {}).get(position, segment.target)
        data[f"status-{segment.pk}"] = segment.status
    return client.post(f"/admin/desk/translation/{translation.pk}/", data)


def _stage(translation):
    from khabar.desk.review import standing

    translation.refresh_from_db()
    translation.article.refresh_from_db()
    return standing(translation)


def test_the_whole_workflow_from_the_desk_editor(client, desk_translation, translator, editor):
    """Submit, send back with a note, resubmit, approve and publish: each step from the desk editor,
    and the desk list follows the story."""
    editor.groups.add(Group.objects.get(name="المترجمون"))  # editors also review translations
    client.force_login(translator)
    assert _stage(desk_translation).stage == "translating"
    html = client.get(f"/admin/desk/translation/{desk_translation.pk}/").content.decode()
    assert 'name="step-submit"' in html and "إرسال للمراجعة" in html
    assert (
        'name="step-approve"' not in html
        and f"/admin/desk/publish/{desk_translation.article_id}/" not in html
    )
    response = _desk_post(client, desk_translation, "submit", texts={**CLEAN, 1: LEAKED})
    assert response.status_code == 302
    standing = _stage(desk_translation)
    assert (standing.stage, standing.who) == ("review", translator)
    assert standing.step == "مراجعة الترجمة"

    client.force_login(editor)
    response = _desk_post(client, desk_translation, "reject", comment="الفقرة الأولى فيها كلمة إنجليزية")
    assert response.status_code == 302
    standing = _stage(desk_translation)
    assert (standing.stage, standing.who, standing.note) == (
        "sent_back",
        editor,
        "الفقرة الأولى فيها كلمة إنجليزية",
    )
    dashboard = client.get("/admin/desk/?stage=sent_back").content.decode()
    assert "أُعيد للمترجم" in dashboard and "الفقرة الأولى فيها كلمة إنجليزية" in dashboard

    client.force_login(translator)
    html = client.get(f"/admin/desk/translation/{desk_translation.pk}/").content.decode()
    assert "الفقرة الأولى فيها كلمة إنجليزية" in html
    _desk_post(client, desk_translation, "submit", texts={1: CLEAN[1]})
    assert _stage(desk_translation).stage == "review"

    client.force_login(editor)
    _desk_post(client, desk_translation, "approve")  # the translators' review
    standing = _stage(desk_translation)
    assert (standing.stage, standing.step) == ("review", "موافقة المحرر ونشر")
    _desk_post(client, desk_translation, "approve")  # the editor's approval publishes
    article = ArticlePage.objects.get(pk=desk_translation.article_id)
    assert article.live and article.title == CLEAN[0]
    standing = _stage(desk_translation)
    assert (standing.stage, standing.who) == ("published", editor)
    assert not PublishOverride.objects.exists()


def test_desk_editor_override_needs_a_reason_and_keeps_the_typed_text(
    client, desk_translation, translator, editor
):
    article, task_state = _at_editor_step(desk_translation, translator, {**CLEAN, 1: LEAKED})
    client.force_login(editor)
    html = client.get(f"/admin/desk/translation/{desk_translation.pk}/").content.decode()
    assert 'name="step-override"' in html and 'name="step-approve"' not in html
    _desk_post(client, desk_translation, "override", comment="قصير", texts={3: "ووقّعها بوتين."})
    assert not ArticlePage.objects.get(pk=article.pk).live
    assert _segments(desk_translation)[3].target == "ووقّعها بوتين."  # nothing typed is lost
    page = client.get(f"/admin/desk/translation/{desk_translation.pk}/").content.decode()
    assert "سبب الموافقة رغم أخطاء فحص النص: تأكد أن هذه القيمة" in page  # the task's own form
    reason = "اسم علم يُكتب بالإنجليزية عمدًا"
    _desk_post(client, desk_translation, "override", comment=reason)
    assert ArticlePage.objects.get(pk=article.pk).live
    assert PublishOverride.objects.get().reason == reason


def test_gate_at_the_editors_step_approves_through_the_workflow(client, desk_translation, translator, editor):
    """Publishing from the gate while the story waits for this editor ends the workflow approved,
    with the override recorded once, instead of cancelling it."""
    from wagtail.models import WorkflowState

    article, task_state = _at_editor_step(desk_translation, translator, {**CLEAN, 1: LEAKED})
    client.force_login(editor)
    response = client.post(f"/admin/desk/publish/{article.pk}/", {"reason": "اسم علم يُكتب بالإنجليزية عمدًا"})
    assert response.status_code == 302
    assert ArticlePage.objects.get(pk=article.pk).live
    state = WorkflowState.objects.get(object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_APPROVED
    assert PublishOverride.objects.count() == 1


def test_admin_dashboard_lists_desk_stories_awaiting_review(client, desk_translation, translator, editor):
    article = _fill(desk_translation, translator, CLEAN)
    client.force_login(editor)
    assert "لا شيء من المكتب بانتظار المراجعة" in client.get("/admin/").content.decode()
    article.get_workflow().start(article, translator)
    html = client.get("/admin/").content.decode()
    assert f"/admin/desk/translation/{desk_translation.pk}/" in html
    assert "مراجعة الترجمة" in html and "ليلى" in html


def test_desk_list_shows_every_stage_with_bounded_queries(
    client, desk_translation, translator, editor, django_assert_max_num_queries
):
    article, task_state = _at_editor_step(desk_translation, translator, CLEAN)
    client.force_login(editor)
    with django_assert_max_num_queries(30):
        html = client.get("/admin/desk/").content.decode()
    assert 'data-stage="review"' in html and "بانتظار المراجعة" in html
    for label in ("قيد الترجمة", "بانتظار المراجعة", "أُعيد للمترجم", "معتمد", "منشور", "مسحوب"):
        assert label in html  # the stage filter names every stage


def test_withdrawn_when_the_agency_kills_a_published_story(client, desk_translation, admin_user, wire_item):
    from khabar.wire.kills import handle_kills

    _fill(desk_translation, admin_user, CLEAN)
    client.force_login(admin_user)
    client.post(f"/admin/desk/publish/{desk_translation.article_id}/", {})
    assert _stage(desk_translation).stage == "published"
    wire_item.pubstatus = "canceled"
    wire_item.save()
    handle_kills([wire_item])
    standing = _stage(desk_translation)
    assert standing.stage == "withdrawn" and "الوكالة" in standing.note


def test_review_controls_and_desk_list_have_no_english(client, desk_translation, translator, editor):
    import lxml.html

    from tests.newsroom.test_no_english import latin_interface_text

    article, task_state = _at_editor_step(desk_translation, translator, {**CLEAN, 1: LEAKED})
    editor.groups.add(Group.objects.get(name="المترجمون"))
    client.force_login(editor)
    pages = {
        f"/admin/desk/translation/{desk_translation.pk}/": (".desk-standing", ".desk-review-actions"),
        "/admin/desk/": (".desk-stage-filter", ".desk-stories thead", ".desk-stories td:nth-child(-n+3)"),
        "/admin/": ("#desk-awaiting-review-section",),
    }
    for url, selectors in pages.items():
        doc = lxml.html.fromstring(client.get(url).content.decode())
        for selector in selectors:
            found = doc.cssselect(selector)
            assert found, (url, selector)
            for element in found:
                html = (
                    f'<html lang="ar"><body>{lxml.html.tostring(element, encoding="unicode")}</body></html>'
                )
                assert latin_interface_text(html) == [], (url, selector)
