"""The filters of the inbox and the log: by source, agency, language, status and date."""

import django_filters
from django.db.models import Q
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from ..models import Source, WireItem, WireLog
from ..status import PubStatus

# The languages agencies send most, offered by name in the filter (an item's code may carry a region).
FILTER_LANGUAGES = ("ar", "en", "fr", "es", "de", "ru", "tr", "fa", "he", "zh")


def language_name(code: str) -> str:
    """«العربية» for ``ar`` (in the admin's language); an unknown code is shown as it is."""
    try:
        return str(get_language_info(code.lower())["name_translated"]) if code else ""
    except KeyError:
        return code


class WireItemFilterSet(WagtailFilterSet):
    language = django_filters.ChoiceFilter(
        label=_("language"),
        choices=lambda: [(code, language_name(code)) for code in FILTER_LANGUAGES],
        method="by_language",
    )
    status = django_filters.ChoiceFilter(
        label=_("status"), choices=WireItem.Status.choices, method="by_status"
    )
    received_at = django_filters.DateFromToRangeFilter(label=_("received"), widget=DateRangePickerWidget)

    class Meta:
        model = WireItem
        fields = ["source", "agency", "language", "status", "received_at"]

    def by_language(self, queryset, name, value):
        return queryset.filter(Q(language__iexact=value) | Q(language__istartswith=f"{value}-"))

    def by_status(self, queryset, name, value):
        return {
            "killed": queryset.filter(pubstatus=PubStatus.CANCELED),
            "withheld": queryset.filter(pubstatus=PubStatus.WITHHELD),
            "embargoed": queryset.embargoed(),
            "usable": queryset.usable(),
        }.get(value, queryset)


class WireLogFilterSet(WagtailFilterSet):
    """The log's filters under Arabic names (the model's fields have none of their own)."""

    source = django_filters.ModelChoiceFilter(label=_("source"), queryset=Source.objects.order_by("name"))
    level = django_filters.ChoiceFilter(label=_("level"), choices=WireLog.Level.choices)

    class Meta:
        model = WireLog
        fields = ["source", "level"]
