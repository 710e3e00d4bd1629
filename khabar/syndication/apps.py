from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyndicationConfig(AppConfig):
    name = "khabar.syndication"
    label = "syndication"
    verbose_name = _("Syndication")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Each output format registers itself with the registry when its module is imported.
        from . import newsml_g2, ninjs  # noqa: F401
