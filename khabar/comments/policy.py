"""The newsroom's comment policy applied to a new comment: publish, hold or reject, and why."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from .forms import link_count
from .models import CommentPolicy, ReaderComment, Status


def comments_open(article, policy=None):
    """Open unless an editor closed them or the article is older than the policy allows."""
    if not article.comments_open:
        return False
    policy = policy or CommentPolicy.load()
    if policy.close_after_days and article.first_published_at:
        return timezone.now() < article.first_published_at + dt.timedelta(days=policy.close_after_days)
    return True


def judge(comment, policy):
    """(status, reason code) for a new comment under ``policy``; :func:`describe` words the code."""
    text = f"{comment.user_name}\n{comment.comment}"
    if word := policy.banned().first_match(text):
        return Status.REJECTED, f"banned:{word}"
    if word := policy.suspect().first_match(text):
        return Status.PENDING, f"suspect:{word}"
    if policy.mode == CommentPolicy.Mode.ALL:
        return Status.PENDING, "all"
    if policy.mode == CommentPolicy.Mode.LINKS:
        if link_count(comment.comment):
            return Status.PENDING, "links"
        return Status.APPROVED, ""
    known = (
        comment.user_email
        and ReaderComment.objects.filter(
            user_email__iexact=comment.user_email, status=Status.APPROVED
        ).exists()
    )
    if not known:
        return Status.PENDING, "first_time"
    return Status.APPROVED, ""


def describe(code):
    """The moderators' wording of a hold or decision reason code."""
    kind, _sep, word = code.partition(":")
    labels = {
        "banned": _("banned word «%s»"),
        "suspect": _("suspect word «%s»"),
        "all": _("every comment is reviewed"),
        "links": _("contains links"),
        "first_time": _("first comment from this e-mail address"),
        "reports": _("hidden after %s reports"),
    }
    label = labels.get(kind)
    if label is None:
        return code
    return label % word if "%s" in label else label
