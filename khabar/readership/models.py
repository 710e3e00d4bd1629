"""Views per story and hour: the only thing the counter keeps. No reader, address or browser is
stored; see ``counter.py`` for how one reader is kept from counting twice."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HourlyViews(models.Model):
    article = models.ForeignKey(
        "newsroom.ArticlePage",
        on_delete=models.CASCADE,
        related_name="hourly_views",
        verbose_name=_("article"),
    )
    hour = models.DateTimeField(_("hour"))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("views in one hour")
        verbose_name_plural = _("views per hour")
        constraints = [
            models.UniqueConstraint(fields=["article", "hour"], name="readership_one_row_per_hour")
        ]
        indexes = [models.Index(fields=["hour"], name="readership_hour")]

    def __str__(self):
        return f"{self.article_id} @ {self.hour:%Y-%m-%d %H}:00: {self.views}"
