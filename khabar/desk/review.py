"""Where a desk story stands in the translator → editor workflow, and the steps taken from the desk editor.

The steps are Wagtail's workflow on the article (``desk_workflow``): the desk editor, the dashboard and the
page editor all go through the same tasks (``get_actions``/``on_action`` and each task's own form), so a rule
such as «no plain approval while the copy checks find errors» holds wherever the button is.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page, PageLogEntry, WorkflowState

from . import gate


class Stage(models.TextChoices):
    IN_TRANSLATION = "translating", gettext_lazy("In translation")
    AWAITING_REVIEW = "review", gettext_lazy("Awaiting review")
    SENT_BACK = "sent_back", gettext_lazy("Sent back to the translator")
    APPROVED = "approved", gettext_lazy("Approved")
    PUBLISHED = "published", gettext_lazy("Published")
    WITHDRAWN = "withdrawn", gettext_lazy("Withdrawn")


@dataclass
class Standing:
    """A story's stage with who moved it there and when; ``step`` names the workflow task it waits in,
    ``note`` is the reviewer's comment (why it was sent back) or why it was withdrawn."""

    stage: str
    who: object = None
    when: datetime | None = None
    step: str = ""
    note: str = ""

    @property
    def label(self):
        return Stage(self.stage).label


class ReviewError(Exception):
    """A workflow step the user may not take now; the message is for the user."""


def _latest_states(page_ids) -> dict:
    states = (
        WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(pk) for pk in page_ids],
        )
        .select_related("requested_by", "current_task_state__task", "current_task_state__finished_by")
        .order_by("object_id", "-created_at", "-pk")
    )
    latest = {}
    for state in states:
        latest.setdefault(int(state.object_id), state)
    return latest


def _latest_publications(page_ids) -> dict:
    entries = (
        PageLogEntry.objects.filter(page_id__in=page_ids, action__in=("wagtail.publish", "wagtail.unpublish"))
        .select_related("user")
        .order_by("page_id", "-timestamp", "-pk")
    )
    latest = {}
    for entry in entries:
        latest.setdefault(entry.page_id, entry)
    return latest


def standings(translations) -> dict:
    """``{translation id: Standing}`` for translations loaded with their article and item, in three queries."""
    translations = list(translations)
    page_ids = [t.article_id for t in translations]
    states = _latest_states(page_ids)
    publications = _latest_publications(page_ids)
    return {
        t.pk: _standing(t, states.get(t.article_id), publications.get(t.article_id)) for t in translations
    }


def standing(translation) -> Standing:
    return standings([translation])[translation.pk]


def _standing(translation, state, publication) -> Standing:
    article, item = translation.article, translation.item
    if item.status in ("killed", "withheld") or (not article.live and article.first_published_at):
        by_agency = item.status in ("killed", "withheld")
        entry = publication if publication and publication.action == "wagtail.unpublish" else None
        return Standing(
            Stage.WITHDRAWN,
            who=entry.user if entry else None,
            when=entry.timestamp if entry else (item.killed_at or item.updated_at),
            note=_("The agency killed the story.") if by_agency else "",
        )
    if article.live:
        entry = publication if publication and publication.action == "wagtail.publish" else None
        return Standing(
            Stage.PUBLISHED,
            who=entry.user if entry else None,
            when=entry.timestamp if entry else article.last_published_at,
        )
    task_state = state.current_task_state if state else None
    if state and state.status == WorkflowState.STATUS_IN_PROGRESS and task_state:
        return Standing(
            Stage.AWAITING_REVIEW,
            who=state.requested_by,
            when=task_state.started_at,
            step=task_state.task.name,
        )
    if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES and task_state:
        return Standing(
            Stage.SENT_BACK,
            who=task_state.finished_by,
            when=task_state.finished_at,
            step=task_state.task.name,
            note=task_state.comment,
        )
    if state and state.status == WorkflowState.STATUS_APPROVED and task_state:
        return Standing(Stage.APPROVED, who=task_state.finished_by, when=task_state.finished_at)
    return Standing(Stage.IN_TRANSLATION, who=translation.created_by, when=translation.updated_at)


@dataclass
class Action:
    name: str
    label: str
    needs_comment: bool  # the step's form asks for a comment (a note, or the override's reason)
    comment_required: bool


def actions_for(article, user) -> list[Action]:
    """The workflow steps ``user`` may take on ``article`` now, as the task itself offers them."""
    article = article.specific
    permissions = article.permissions_for_user(user)
    if not permissions.can_edit():
        return []
    state = article.current_workflow_state
    if state is None:
        if article.has_workflow and not gate.source_killed(article):
            return [Action("submit", _("Submit for review"), False, False)]
        return []
    if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return [Action("submit", _("Submit for review again"), False, False)]
    task = article.current_workflow_task
    if task is None:
        return []
    actions = {}
    for name, label, modal in task.get_actions(article, user):
        # Wagtail offers «approve» twice (with and without a comment): one button, the comment optional.
        form_class = task.get_form_for_action(name) if modal else None
        comment = form_class.base_fields.get("comment") if form_class else None
        action = actions.setdefault(name, Action(name, str(DESK_LABELS.get(name, label)), False, False))
        action.needs_comment = action.needs_comment or comment is not None
        action.comment_required = action.comment_required or bool(comment and comment.required)
    return list(actions.values())


DESK_LABELS = {
    "approve": gettext_lazy("Approve"),
    "reject": gettext_lazy("Send back to the translator"),
}


@transaction.atomic
def take(article, user, name: str, comment: str = "") -> None:
    """Take the workflow step ``name`` on ``article`` for ``user``, validated by the task's own form."""
    article = article.specific
    offered = {action.name: action for action in actions_for(article, user)}
    if name not in offered:
        raise ReviewError(_("This step is not open to you at this stage; reload the page."))
    if name == "submit":
        state = article.current_workflow_state
        if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            state.resume(user)
        else:
            article.get_workflow().start(article, user)
        return
    task = article.current_workflow_task
    task_state = article.current_workflow_task_state
    data = {}
    form_class = task.get_form_for_action(name)
    if form_class is not None:
        form = form_class({"comment": comment})
        if not form.is_valid():
            raise ReviewError(
                " ".join(
                    f"{form.fields[field].label}: {error}" if field in form.fields else str(error)
                    for field, errors in form.errors.items()
                    for error in errors
                )
            )
        data = form.cleaned_data
    task.on_action(task_state, user, name, **data)


def awaiting_review(limit: int = 20) -> list[tuple]:
    """Desk stories whose workflow waits at a step, oldest request first, as ``(translation, standing)``."""
    from .models import Translation

    waiting = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS, base_content_type=ContentType.objects.get_for_model(Page)
    ).values_list("object_id", flat=True)
    translations = list(
        Translation.objects.filter(article_id__in=[int(pk) for pk in waiting])
        .select_related("article", "item", "created_by")
        .order_by("updated_at")[:limit]
    )
    found = standings(translations)
    stories = [(t, found[t.pk]) for t in translations if found[t.pk].stage == Stage.AWAITING_REVIEW]
    return sorted(stories, key=lambda story: story[1].when)
