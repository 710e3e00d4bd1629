from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Agency(index.Indexed, models.Model):
    """A news agency whose stories the newsroom publishes, credited in the dateline."""

    name = models.CharField(_("name"), max_length=120, unique=True, help_text=_("e.g. Associated Press"))
    credit = models.CharField(
        _("Arabic credit"), max_length=40, help_text=_("As printed in the dateline, e.g. «أ.ب» or «رويترز»")
    )
    website = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("credit"), FieldPanel("website")]
    search_fields = [index.SearchField("name"), index.SearchField("credit")]

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.credit})" if self.credit and self.credit != self.name else self.name
