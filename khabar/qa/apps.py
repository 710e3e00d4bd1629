from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QaConfig(AppConfig):
    """Only for the ``khabar qa`` command: the checks themselves never import Django."""

    name = "khabar.qa"
    label = "qa"
    verbose_name = _("Copy checks")
