from django.apps import AppConfig


class QaConfig(AppConfig):
    """Only for the ``khabar qa`` command: the checks themselves never import Django."""

    name = "khabar.qa"
    label = "qa"
    verbose_name = "Copy checks"
