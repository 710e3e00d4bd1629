from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedObject(models.Model):
    """What one WordPress object (post, page, attachment, comment, author, term) became here.

    The map makes an import idempotent and resumable: a second run finds each object and
    updates it instead of creating it again, and a run cut short goes on where it stopped.
    """

    class Kind(models.TextChoices):
        AUTHOR = "author", _("author")
        CATEGORY = "category", _("category")
        TAG = "post_tag", _("tag")
        ATTACHMENT = "attachment", _("attachment")
        POST = "post", _("post")
        PAGE = "page", _("page")
        COMMENT = "comment", _("comment")

    site = models.CharField(_("WordPress site"), max_length=200, help_text=_("the export's base site URL"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    wp_key = models.CharField(_("WordPress id or slug"), max_length=200)
    object_id = models.BigIntegerField(_("object here"))
    # Words WordPress keeps beside the object that have no column of their own here (a picture's caption).
    extra = models.JSONField(default=dict, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("imported WordPress object")
        verbose_name_plural = _("imported WordPress objects")
        constraints = [
            models.UniqueConstraint(fields=["site", "kind", "wp_key"], name="one_import_per_wordpress_object")
        ]

    def __str__(self):
        return f"{self.site} {self.kind} {self.wp_key} → {self.object_id}"
