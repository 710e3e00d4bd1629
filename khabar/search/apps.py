from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "khabar.search"
    label = "search_index"  # "search" would clash with wagtail.search's label
    verbose_name = _("Reader search")

    def ready(self):
        from . import signals  # noqa: F401
