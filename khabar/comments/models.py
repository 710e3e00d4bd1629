"""Reader comments, their reports, the moderators' decisions and the comment policy.

``ReaderComment`` extends django-comments-xtd's threaded comment with the newsroom's
moderation status and a direct link to the article (indexed filters and counts
without going through the generic relation).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.models import XtdComment, XtdCommentManager
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from .wordlist import WordList


class Status(models.TextChoices):
    PENDING = "pending", _("pending")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
    SPAM = "spam", _("spam")
    # Hidden after enough readers reported it; waits for a moderator.
    REPORTED = "reported", _("reported")


class ReaderCommentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.APPROVED)


class ReaderCommentManager(XtdCommentManager.from_queryset(ReaderCommentQuerySet)):
    pass


class ReaderComment(XtdComment):
    article = models.ForeignKey(
        "newsroom.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="reader_comments",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    hold_reason = models.CharField(_("why it was held"), max_length=200, blank=True)
    report_count = models.PositiveIntegerField(_("reports"), default=0)

    objects = ReaderCommentManager()

    class Meta:
        verbose_name = _("reader comment")
        verbose_name_plural = _("reader comments")
        permissions = [("moderate_readercomment", _("Can moderate reader comments"))]
        indexes = [models.Index(fields=["article", "status"], name="readercomment_article_status")]

    def __str__(self):
        return f"{self.user_name}: {self.comment[:60]}"

    def save(self, *args, **kwargs):
        self.is_public = self.status == Status.APPROVED
        super().save(*args, **kwargs)

    @property
    def is_reply(self):
        return self.parent_id and self.parent_id != self.pk


class CommentReport(models.Model):
    class Reason(models.TextChoices):
        OFFENSIVE = "offensive", _("offensive")
        ABUSIVE = "abusive", _("abusive")
        SPAM = "spam", _("spam")
        OTHER = "other", _("other")

    comment = models.ForeignKey(ReaderComment, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    # A hash of the reader's address and session: one report per reader per comment, no raw IP kept.
    reporter = models.CharField(max_length=64)
    reported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("comment report")
        constraints = [models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_per_reader")]

    def __str__(self):
        return f"{self.comment_id}: {self.reason}"


class Decision(models.Model):
    """One moderation decision: who (nobody for the automatic policy) moved a comment where, and when."""

    comment = models.ForeignKey(ReaderComment, on_delete=models.CASCADE, related_name="decisions")
    from_status = models.CharField(_("from"), max_length=10, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=10, choices=Status.choices)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("moderation decision")
        ordering = ["decided_at", "pk"]

    def __str__(self):
        return f"{self.comment_id}: {self.from_status} → {self.to_status}"


@register_setting(icon="comment")
class CommentPolicy(BaseGenericSetting):
    """What the newsroom publishes at once and what waits for a moderator."""

    class Mode(models.TextChoices):
        ALL = "all", _("hold every comment for review")
        FIRST_TIME = "first_time", _("hold comments from first-time commenters")
        LINKS = "links", _("hold only comments with links")

    mode = models.CharField(_("pre-moderation"), max_length=12, choices=Mode.choices, default=Mode.ALL)
    banned_words = models.TextField(
        _("banned words"),
        blank=True,
        help_text=_("One word or phrase per line. A comment containing one is rejected."),
    )
    suspect_words = models.TextField(
        _("suspect words"),
        blank=True,
        help_text=_("One word or phrase per line. A comment containing one waits for review."),
    )
    max_links = models.PositiveSmallIntegerField(_("maximum links per comment"), default=2)
    close_after_days = models.PositiveSmallIntegerField(
        _("close comments after (days)"), default=14, help_text=_("0 keeps comments open.")
    )
    reports_to_hide = models.PositiveSmallIntegerField(_("reports that hide a comment"), default=3)

    panels = [
        FieldPanel("mode"),
        MultiFieldPanel([FieldPanel("banned_words"), FieldPanel("suspect_words")], heading=_("word lists")),
        FieldPanel("max_links"),
        FieldPanel("close_after_days"),
        FieldPanel("reports_to_hide"),
    ]

    class Meta:
        verbose_name = _("comment policy")

    def banned(self):
        return WordList(self.banned_words.splitlines())

    def suspect(self):
        return WordList(self.suspect_words.splitlines())


class SpentChallenge(models.Model):
    """An ALTCHA challenge already used by a saved comment (the replay guard).

    Kept in the database, not the cache, so that it is spent in the same transaction that saves the
    comment: when the save fails (a locked or lost database), the reader's solved check stays valid.
    """

    digest = models.CharField(max_length=64, primary_key=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return self.digest
