from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdminUIConfig(AppConfig):
    """Khabar's own admin: its login and branding, the help menu's Arabic guide, nothing off-site."""

    name = "khabar.adminui"
    label = "adminui"
    verbose_name = _("Khabar admin")
