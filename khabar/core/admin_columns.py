"""Admin listing columns shared by the apps' Wagtail viewsets."""

from django.utils.translation import gettext
from wagtail.admin.ui.tables import Column


class YesNoColumn(Column):
    """«نعم» or «لا», not Python's True and False."""

    def get_value(self, instance):
        return gettext("yes") if super().get_value(instance) else gettext("no")
