"""The moderation queue and a commenter's history in the Wagtail admin."""

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Decision, ReaderComment, Status
from .moderation import decide_many, waiting_counts
from .policy import describe

PERIODS = {"day": dt.timedelta(days=1), "week": dt.timedelta(days=7), "month": dt.timedelta(days=30)}
ACTIONS = {"approve": Status.APPROVED, "reject": Status.REJECTED, "spam": Status.SPAM}


class QueueFilter(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=Status.choices, required=False)
    article = forms.CharField(label=_("article (title or ID)"), required=False)
    period = forms.ChoiceField(
        label=_("submitted"),
        required=False,
        choices=[
            ("", _("any time")),
            ("day", _("in the last 24 hours")),
            ("week", _("in the last 7 days")),
            ("month", _("in the last 30 days")),
        ],
    )

    def filter(self, queryset):
        data = self.cleaned_data
        queryset = queryset.filter(status=data.get("status") or Status.PENDING)
        if article := data.get("article", "").strip():
            queryset = (
                queryset.filter(article_id=int(article))
                if article.isdigit()
                else queryset.filter(article__title__icontains=article)
            )
        if period := PERIODS.get(data.get("period")):
            queryset = queryset.filter(submit_date__gte=timezone.now() - period)
        return queryset


def _with_reasons(comments):
    for comment in comments:
        comment.hold_reason_text = describe(comment.hold_reason) if comment.hold_reason else ""
    return comments


def _chosen(post):
    """(status, comment ids) a moderator chose: one row's own button («decide» = «approve:12»), or
    the bulk buttons over the ticked rows."""
    action, _sep, pk = post.get("decide", "").partition(":")
    if pk.isdigit():
        return ACTIONS.get(action), [int(pk)]
    return ACTIONS.get(post.get("action")), [int(pk) for pk in post.getlist("comment") if pk.isdigit()]


@permission_required("comments.moderate_readercomment", raise_exception=True)
def queue(request):
    if request.method == "POST":
        to_status, ids = _chosen(request.POST)
        if to_status and ids:
            changed = decide_many(ids, to_status, request.user)
            messages.success(
                request,
                ngettext("%(count)d comment moderated.", "%(count)d comments moderated.", changed)
                % {"count": changed},
            )
        else:
            messages.error(request, _("Choose comments and an action."))
        return redirect(request.get_full_path())

    filters = QueueFilter(request.GET or None)
    comments = ReaderComment.objects.select_related(None).select_related("article")
    comments = filters.filter(comments) if filters.is_valid() else comments.filter(status=Status.PENDING)
    status = filters.cleaned_data.get("status") if filters.is_valid() else ""
    page = Paginator(comments.order_by("-submit_date", "-pk"), 50).get_page(request.GET.get("p"))
    _with_reasons(page.object_list)
    counts = waiting_counts()
    return TemplateResponse(
        request,
        "reader_comments/admin/queue.html",
        {
            "page_title": _("Comment moderation"),
            "header_icon": "comment",
            "filters": filters,
            "page_obj": page,
            "status": status or Status.PENDING,
            "statuses": Status.choices,
            "waiting": counts,
            "actions": [("approve", _("Approve")), ("reject", _("Reject")), ("spam", _("Mark as spam"))],
            "row_actions": [("approve", _("Approve")), ("reject", _("Reject"))],
        },
    )


@permission_required("comments.moderate_readercomment", raise_exception=True)
def history(request):
    email = request.GET.get("email", "").strip()
    comments = []
    if email:
        comments = list(
            ReaderComment.objects.select_related(None)
            .select_related("article")
            .filter(user_email__iexact=email)
            .prefetch_related(
                Prefetch("decisions", queryset=Decision.objects.select_related("moderator")),
                "reports",
            )
            .order_by("-submit_date", "-pk")
        )
        _with_reasons(comments)
        for comment in comments:
            for decision in comment.decisions.all():
                decision.note_text = describe(decision.note) if decision.note else ""
    return TemplateResponse(
        request,
        "reader_comments/admin/history.html",
        {
            "page_title": _("Commenter history"),
            "page_subtitle": email,
            "header_icon": "comment",
            "email": email,
            "comments": comments,
        },
    )
