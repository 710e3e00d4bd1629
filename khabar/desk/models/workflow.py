from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm
from wagtail.models import AbstractGroupApprovalTask


class OverrideForm(TaskStateCommentForm):
    comment = forms.CharField(
        label=_("Reason for approving despite the copy-check errors"),
        min_length=10,
        widget=forms.Textarea({"rows": 3}),
    )


class CopyCheckedApprovalTask(AbstractGroupApprovalTask):
    """The editors' step: approving publishes, so an article with copy-check errors cannot be
    approved outright; an editor may override with a written reason, logged with their name."""

    class Meta:
        verbose_name = _("Editor approval with copy check")
        verbose_name_plural = _("Editor approvals with copy check")

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if not actions:
            return actions
        from ..gate import article_findings, article_to_publish, errors, source_killed

        article = article_to_publish(obj)
        if source_killed(article):
            return [("reject", _("Request changes"), True)]
        if errors(article_findings(article)):
            return [
                ("reject", _("Request changes"), True),
                ("override", _("Override the copy check and approve"), True),
            ]
        return actions

    def get_form_for_action(self, action):
        return OverrideForm if action == "override" else super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        from ..gate import article_findings, article_to_publish, errors, record_override

        if action_name == "override":
            page = article_to_publish(task_state.workflow_state.content_object)
            record_override(page, user, kwargs.get("comment", ""), article_findings(page))
            return super().on_action(task_state, user, "approve", **kwargs)
        if action_name == "approve":
            if errors(article_findings(article_to_publish(task_state.workflow_state.content_object))):
                return None  # stale action menu: approval needs the override and its reason
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve; copy-check errors need a written override")


def desk_workflow():
    """The translator → editor workflow: the active one whose steps include the editors' copy-checked approval."""
    from wagtail.models import Workflow

    tasks = CopyCheckedApprovalTask.objects.values("pk")
    return Workflow.objects.filter(active=True, workflow_tasks__task__in=tasks).order_by("pk").first()


def assign_desk_workflow(page):
    """Put a page the desk made under the translator → editor workflow.

    The workflow is assigned to each desk article itself, not to a section or the home page
    (which every page below would inherit): articles written in Arabic, sections and other
    pages keep whatever workflow, if any, they had.
    """
    from wagtail.models import WorkflowPage

    workflow = desk_workflow()
    if workflow is not None:
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
