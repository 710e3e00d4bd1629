"""Every change of a comment's status goes through :func:`decide`, which logs who and when."""

from django.db import transaction
from django.db.models import Count, F

from .models import CommentPolicy, CommentReport, Decision, ReaderComment, Status


@transaction.atomic
def decide(comment, to_status, moderator=None, note=""):
    """Move ``comment`` to ``to_status``; ``moderator`` None means the automatic policy."""
    from_status = comment.status if comment.pk else ""
    comment.status = to_status
    comment.save()
    return Decision.objects.create(
        comment=comment, from_status=from_status, to_status=to_status, moderator=moderator, note=note
    )


def waiting_counts() -> dict[str, int]:
    """How many comments wait for a moderator: held for review (``pending``) and hidden by readers'
    reports (``reported``), in one query."""
    counts = dict.fromkeys((Status.PENDING, Status.REPORTED), 0)
    rows = (
        ReaderComment.objects.filter(status__in=list(counts))
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    counts.update(rows)
    return counts


def decide_many(comment_ids, to_status, moderator):
    """Bulk moderation: each comment still gets its own logged decision."""
    changed = 0
    for comment in ReaderComment.objects.filter(pk__in=comment_ids).exclude(status=to_status):
        decide(comment, to_status, moderator)
        changed += 1
    return changed


@transaction.atomic
def report(comment, reason, reporter, policy=None):
    """Record a reader's report; enough of them hide the comment until a moderator reviews it.

    Returns False when this reader already reported the comment.
    """
    _report, created = CommentReport.objects.get_or_create(
        comment=comment, reporter=reporter, defaults={"reason": reason}
    )
    if not created:
        return False
    ReaderComment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
    comment.refresh_from_db(fields=["report_count"])
    policy = policy or CommentPolicy.load()
    if comment.status == Status.APPROVED and comment.report_count >= max(1, policy.reports_to_hide):
        decide(comment, Status.REPORTED, note=f"reports:{comment.report_count}")
    return True
