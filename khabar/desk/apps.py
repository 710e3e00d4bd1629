from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "khabar.desk"
    label = "desk"
    verbose_name = _("Translation desk")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from khabar.core.warmup import on_worker_start

        from . import signals  # noqa: F401
        from .memory import warm_up

        on_worker_start(warm_up)  # each server worker builds the translation memory's index
