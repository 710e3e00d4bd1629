from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Translation(models.Model):
    """The desk's working copy of an Arabic article made from a wire item."""

    article = models.OneToOneField(
        "newsroom.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="translation",
    )
    item = models.ForeignKey(
        "wire.WireItem", verbose_name=_("wire item"), on_delete=models.PROTECT, related_name="translations"
    )
    source_version = models.CharField(_("translated version"), max_length=64, blank=True)
    alerted_version = models.CharField(max_length=64, blank=True, editable=False)
    usage_terms = models.TextField(_("usage terms"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")

    def __str__(self):
        return str(self.article)


class Segment(models.Model):
    """One paragraph (or the headline, or a subheading) of the source and its Arabic."""

    class Kind(models.TextChoices):
        HEADLINE = "headline", _("headline")
        STANDFIRST = "standfirst", _("standfirst")
        PARAGRAPH = "paragraph", _("paragraph")
        SUBHEADING = "subheading", _("subheading")

    class Status(models.TextChoices):
        EMPTY = "empty", _("empty")
        MACHINE = "machine", _("machine")
        MEMORY = "memory", _("memory")
        EDITED = "edited", _("edited")
        APPROVED = "approved", _("approved")

    translation = models.ForeignKey(Translation, on_delete=models.CASCADE, related_name="segments")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.PARAGRAPH)
    source = models.TextField(_("English"))
    target = models.TextField(_("Arabic"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.EMPTY)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("segment")
        ordering = ["translation", "position"]
        constraints = [
            models.UniqueConstraint(fields=["translation", "position"], name="desk_segment_position")
        ]

    def __str__(self):
        return self.source[:60]


class PublishOverride(models.Model):
    """An editor published despite copy-check errors, and said why."""

    article = models.ForeignKey(
        "newsroom.ArticlePage", verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("editor"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"))
    findings = models.JSONField(_("errors overridden"), default=list)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("copy-check override")
        verbose_name_plural = _("copy-check overrides")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.article_id}: {self.reason[:60]}"
