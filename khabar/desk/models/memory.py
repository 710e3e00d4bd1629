import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from khabar.arabic.normalize import normalize


def lookup_form(text: str) -> str:
    """The form a source segment is matched on: the shared normaliser (NFKC, case, spaces)."""
    return normalize(text)


def lookup_key(text: str) -> str:
    return hashlib.sha256(lookup_form(text).encode()).hexdigest()


class MemorySegment(models.Model):
    """One approved pair: an English paragraph and the Arabic the desk printed for it."""

    source = models.TextField(_("English"))
    target = models.TextField(_("Arabic"))
    normalized = models.TextField(_("normalised English"), editable=False)
    source_key = models.CharField(max_length=64, editable=False, db_index=True)
    target_key = models.CharField(max_length=64, editable=False)
    origin = models.CharField(
        _("provenance"), max_length=200, blank=True, help_text=_("desk, or the TMX file it came from")
    )
    article = models.ForeignKey(
        "newsroom.ArticlePage",
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("memory segment")
        verbose_name_plural = _("translation memory")
        constraints = [
            models.UniqueConstraint(fields=["source_key", "target_key"], name="desk_memory_unique_pair")
        ]

    def __str__(self):
        return self.source[:80]

    def save(self, *args, **kwargs):
        self.fill_keys()
        super().save(*args, **kwargs)

    def fill_keys(self):
        self.normalized = lookup_form(self.source)
        self.source_key = hashlib.sha256(self.normalized.encode()).hexdigest()
        self.target_key = hashlib.sha256(" ".join(self.target.split()).encode()).hexdigest()
