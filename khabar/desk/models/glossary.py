from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class GlossaryTerm(index.Indexed, models.Model):
    """An English name or term and the one Arabic form the newsroom prints for it."""

    class Kind(models.TextChoices):
        PERSON = "person", _("person")
        PLACE = "place", _("place")
        ORGANISATION = "organisation", _("organisation")
        AGENCY = "agency", _("agency")
        OTHER = "other", _("other")

    source = models.CharField(_("English term"), max_length=200, help_text=_("e.g. Vladimir Putin"))
    target = models.CharField(
        _("approved Arabic form"), max_length=200, blank=True, help_text=_("e.g. «فلاديمير بوتين»")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    variants = models.TextField(
        _("known wrong variants"),
        blank=True,
        help_text=_("One per line: spellings the desk must not print, e.g. «بوتن»"),
    )
    keep_latin = models.BooleanField(
        _("keep in Latin script"),
        default=False,
        help_text=_("The term is printed as written in English (e.g. NATO in a quote, iPhone)"),
    )
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [
        FieldPanel("source"),
        FieldPanel("target"),
        FieldPanel("kind"),
        FieldPanel("variants"),
        FieldPanel("keep_latin"),
        FieldPanel("note"),
    ]
    search_fields = [
        index.SearchField("source"),
        index.SearchField("target"),
        index.AutocompleteField("source"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary")
        ordering = [Lower("source")]
        constraints = [models.UniqueConstraint(Lower("source"), name="desk_glossary_unique_source")]

    def __str__(self):
        return f"{self.source} → {self.target}" if self.target else self.source

    @property
    def variant_list(self) -> list[str]:
        return [line.strip() for line in self.variants.replace("|", "\n").splitlines() if line.strip()]

    def clean(self):
        from django.core.exceptions import ValidationError

        self.source = " ".join(self.source.split())
        self.target = " ".join(self.target.split())
        if not self.target and not self.keep_latin:
            raise ValidationError(
                {"target": _("Give the Arabic form, or mark the term «keep in Latin script».")}
            )
        duplicate = GlossaryTerm.objects.filter(source__iexact=self.source).exclude(pk=self.pk)
        if self.source and duplicate.exists():
            raise ValidationError({"source": _("This term is already in the glossary.")})
