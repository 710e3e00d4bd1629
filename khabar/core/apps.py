from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Project infrastructure: the page cache, the edge cache's purges, the production server."""

    name = "khabar.core"
    label = "core"
    verbose_name = _("Infrastructure")
