"""The translator → editor workflow from the places an editor acts: Wagtail's workflow action views
(the dashboard's and the page editor's buttons) and the desk editor."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from khabar.desk.models import PublishOverride
from khabar.desk.translate import save_segments
from khabar.newsroom.models import ArticlePage

pytestmark = pytest.mark.django_db

CLEAN = {
    0: "روسيا تصادق على معاهدة عسكرية",
    1: "موسكو (أ.ب) — صادق مجلس الاتحاد الروسي على المعاهدة يوم الأربعاء.",
    2: "ردود الفعل",
    3: "ووقّعها فلاديمير بوتين لتصبح قانونا.",
}
LEAKED = "موسكو (أ.ب) — ratified مجلس الاتحاد الروسي على المعاهدة يوم الأربعاء."


def _user(name, group):
    user = get_user_model().objects.create_user(name, f"{name}@example.org", password="pw-" + name)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def translator(db):
    return _user("translator", "المترجمون")


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
