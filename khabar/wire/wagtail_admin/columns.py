"""The columns of the inbox, the sources and the log: headline, status, arrival, near-duplicates, the desk."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language
from wagtail.admin.ui.tables import Column, TitleColumn

from khabar.arabic.dates import format_datetime

from ..messages import explained, mark_latin
from ..models import Source
from .filters import language_name


class StatusColumn(Column):
    def get_value(self, instance):
        return instance.get_status_display()


class HeadlineColumn(TitleColumn):
    """The headline in its own language and direction: an English headline reads left to right."""

    def get_value(self, instance):
        return format_html(
            '<span lang="{}" dir="auto">{}</span>', instance.language or "und", instance.headline
        )


def agency_label(item) -> str:
    """Who sent the item, as the desk names them: the agency's Arabic credit, else the source or provider."""
    if item.agency_id and item.agency:
        return item.agency.credit or item.agency.name
    return str(item.source or item.provider or "")


def _when(value) -> str:
    local = timezone.localtime(value)
    if (get_language() or "").startswith("ar"):
        return format_datetime(local)
    return formats.date_format(local, "DATETIME_FORMAT")


class AlsoFromColumn(Column):
    """The near-duplicates folded under this entry: agency, headline and time of each, linked."""

    def get_value(self, instance):
        folded = getattr(instance, "folded", ())
        if not folded:
            return ""
        entries = format_html_join(
            "",
            '<li><a href="{}"><span dir="auto">{}</span> · <span lang="{}" dir="auto">{}</span> · {}</a></li>',
            (
                (
                    reverse("wire_item:inspect", args=[other.pk]),
                    agency_label(other),
                    other.language or "und",
                    other.headline,
                    _when(other.received_at),
                )
                for other in folded
            ),
        )
        return format_html('<ul class="wire-folded">{}</ul>', entries)


class OnDeskColumn(Column):
    """Whether the story (any item of its group) is already used, with a link to each article; else
    «ترجمة» for a usable item, to the desk's hand-off (the same route as on the item's page)."""

    def get_value(self, instance):
        uses = getattr(instance, "desk_uses", ())
        if not uses:
            if instance.usable and instance.usage == Source.Usage.TRANSLATE:
                return format_html(
                    '<a class="button button-small wire-translate" href="{}" lang="ar">ترجمة</a>',
                    reverse("desk_translate_item", args=[instance.pk]),
                )
            return ""
        return format_html_join(
            "، ",
            '<a class="wire-used" href="{}" dir="auto">{}</a>',
            (
                (
                    reverse("wagtailadmin_pages:edit", args=[use.article_id]),
                    use.article.draft_title or use.article.title,
                )
                for use in uses
            ),
        )


class WhenColumn(Column):
    """A date and time («30 نوفمبر 2026، 18:35»), not Wagtail's «قبل 0 دقيقة»; «—» when never."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return _when(value) if value else "—"


class ExplainedColumn(Column):
    """A feed or parser failure in Arabic, its technical text behind a toggle (``khabar.wire.messages``)."""

    def get_value(self, instance):
        return explained(super().get_value(instance) or "")


def as_content(value: str, empty: str = ""):
    """A URI, address or folder shown as written: content, marked as no language, read left to right."""
    return format_html('<span lang="und" dir="ltr">{}</span>', value) if value else empty


class ItemRefColumn(Column):
    """The item's identifier as the wire wrote it (a URI, «#3»): content, read left to right."""

    def get_value(self, instance):
        return as_content(instance.item_ref)


class KindColumn(Column):
    """The source's format, its Latin names («RSS», «NewsML-G2») marked as such."""

    def get_value(self, instance):
        return mark_latin(instance.get_kind_display())


class LanguageColumn(Column):
    def get_value(self, instance):
        return language_name(instance.language)


class ReceivedColumn(Column):
    """When the item arrived, as a date and time («21 نوفمبر 2026، 14:05»): a desk compares arrival
    times, and Wagtail's relative dates read «قبل 0 دقيقة» for the newest items."""

    def get_value(self, instance):
        return _when(instance.received_at)
