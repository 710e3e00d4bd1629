"""Dated notes on a published story: a correction or an update, kept with each revision."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class ArticleNote(Orderable):
    CORRECTION = "correction"
    UPDATE = "update"
    KINDS = [(CORRECTION, _("correction")), (UPDATE, _("update"))]
    # What readers see above each note, whatever the admin's language.
    LABELS = {CORRECTION: "تصحيح", UPDATE: "تحديث"}

    article = ParentalKey("newsroom.ArticlePage", related_name="notes", on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=20, choices=KINDS, default=CORRECTION)
    noted_at = models.DateTimeField(_("time"), default=timezone.now)
    text = models.TextField(_("text"), help_text=_("What was wrong and what is right now, or what changed."))

    panels = [FieldPanel("kind"), FieldPanel("noted_at"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("correction or update")
        verbose_name_plural = _("corrections and updates")

    @property
    def label(self):
        return self.LABELS.get(self.kind, self.LABELS[self.UPDATE])
