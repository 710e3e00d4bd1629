"""The wire desk in the Wagtail admin: the inbox of items and the sources with their health."""

import django_filters
from django import forms
from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from khabar.arabic.analyzer import words
from khabar.arabic.dates import format_datetime

from . import views
from .files import FolderRefused, drop_folder
from .inbox import annotate_entries, fold_near_duplicates
from .messages import explained, mark_latin
from .models import Source, WireItem, WireItemVersion, WireLog
from .status import PubStatus


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Items come from the wire only: editors view them, nobody adds, edits or deletes them here."""

    def user_has_permission(self, user, action):
        return action not in ("add", "change", "delete") and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(WireItem, ReadOnlyPolicy(WireItem))
register_permission_policy(WireLog, ReadOnlyPolicy(WireLog))


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


class WireItemIndexView(IndexView):
    def get_queryset(self):
        """One entry per story: near-duplicates fold under the newest of their group that the filters keep."""
        self.unfolded_queryset = super().get_queryset()
        return fold_near_duplicates(self.unfolded_queryset)

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = object_list = list(object_list)
        annotate_entries(object_list, among=self.unfolded_queryset)
        return paginator, page, object_list, is_paginated

    def search_queryset(self, queryset):
        """Every word of the query, folded by the project's analyzer, inside the item's folded
        headline, byline or URI: «احمد» finds «أحمد», «الامم المتحده» finds «الأمم المتّحدة»."""
        if not self.is_searching:
            return queryset
        for word in words(self.search_query):
            queryset = queryset.filter(search_text__contains=word)
        return queryset


class ItemInspectView(InspectView):
    template_name = "wire/item_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.object
        context.update(
            item=item,
            versions=WireItemVersion.objects.filter(item=item).order_by("-stored_at")[:20],
            also_from=list(item.also_from()[:10]),
            uses=list(item.uses.select_related("article")),
            # «ترجمة» belongs to the desk: one route, whichever screen it is pressed on.
            translate_url=reverse("desk_translate_item", args=[item.pk]),
            payload_url=reverse("wire_item:payload", args=[item.payload_id]) if item.payload_id else "",
        )
        return context


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


class SourceInspectView(InspectView):
    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return "—" if value is None or value == "" else value

    def get_url_display_value(self):
        return as_content(self.object.url, "—")

    def get_folder_display_value(self):
        return as_content(self.object.folder, "—")

    def get_kind_display_value(self):
        return mark_latin(self.object.get_kind_display())

    def get_last_error_display_value(self):
        return explained(self.object.last_error) or "—"


class LanguageColumn(Column):
    def get_value(self, instance):
        return language_name(instance.language)


class ReceivedColumn(Column):
    """When the item arrived, as a date and time («21 نوفمبر 2026، 14:05»): a desk compares arrival
    times, and Wagtail's relative dates read «قبل 0 دقيقة» for the newest items."""

    def get_value(self, instance):
        return _when(instance.received_at)


class WireItemViewSet(ModelViewSet):
    model = WireItem
    name = "wire_item"
    icon = "doc-full-inverse"
    menu_label = _("Inbox")
    menu_order = 100
    index_view_class = WireItemIndexView
    index_template_name = "wire/item_index.html"
    inspect_view_enabled = True
    inspect_view_class = ItemInspectView
    copy_view_enabled = False
    filterset_class = WireItemFilterSet
    search_fields = ["search_text"]  # see WireItemIndexView.search_queryset
    form_fields = ["headline"]  # required by ModelViewSet; the policy forbids adding and editing
    search_backend_name = None
    list_per_page = 50
    list_display = [
        HeadlineColumn("headline", label=_("headline"), url_name="wire_item:inspect"),
        Column("source", label=_("source")),
        LanguageColumn("language", label=_("language"), classname="wire-language"),
        StatusColumn("status", label=_("status")),
        ReceivedColumn("received_at", label=_("received"), classname="wire-received"),
        OnDeskColumn("on_desk", label=_("on the desk")),
        AlsoFromColumn("also_from", label=_("also from"), classname="wire-also-from"),
    ]

    def get_queryset(self, request):
        return WireItem.objects.select_related("source", "agency").defer(
            "body_html", "signature", "search_text"
        )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("payload/<int:pk>/", views.payload, name="payload"),
        ]


class SourceForm(WagtailAdminModelForm):
    """Credentials are write-only: the field is never filled back in, and left empty it keeps the old value."""

    credentials = forms.CharField(
        label=_("credentials"),
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Leave empty to keep the stored credentials. They are never shown."),
    )

    class Meta:
        model = Source
        fields = [
            "name", "slug", "kind", "url", "folder", "credentials", "poll_interval", "language", "agency",
            "usage", "usage_terms", "enabled",
        ]  # fmt: skip

    def clean_url(self):
        url = self.cleaned_data.get("url", "")
        if url and not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(_("Only http and https addresses can be polled."))
        return url

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Source.Kind.FOLDER:
            try:
                cleaned["folder"] = str(drop_folder(cleaned.get("folder", "")))
            except FolderRefused as refused:
                self.add_error("folder", str(refused))
        return cleaned

    def clean_credentials(self):
        value = self.cleaned_data.get("credentials", "")
        if not value and self.instance.pk:
            return (
                Source.objects.filter(pk=self.instance.pk).values_list("credentials", flat=True).first() or ""
            )
        return value


class SourceViewSet(ModelViewSet):
    model = Source
    name = "wire_source"
    icon = "site"
    menu_label = _("Sources")
    menu_order = 200
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = SourceInspectView
    inspect_view_fields = [
        "name", "kind", "url", "folder", "agency", "usage", "usage_terms", "poll_interval", "last_success_at",
        "last_error_at", "last_error", "consecutive_failures", "next_poll_at",
    ]  # fmt: skip
    search_fields = ["name", "slug"]
    search_backend_name = None
    list_display = [
        TitleColumn("name", label=_("name"), url_name="wire_source:edit"),
        KindColumn("kind", label=_("kind"), classname="wire-on-desktop"),
        WhenColumn("last_success_at", label=_("last success"), classname="wire-on-desktop"),
        WhenColumn("last_error_at", label=_("last error at")),
        ExplainedColumn("last_error", label=_("last error"), classname="wire-error"),
        Column("consecutive_failures", label=_("consecutive failures"), classname="wire-on-desktop"),
        Column("recent_items", label=_("items in the last day")),
    ]

    def get_queryset(self, request):
        since = timezone.now() - timezone.timedelta(days=1)
        return Source.objects.annotate(recent_items=Count("items", filter=Q(items__received_at__gte=since)))

    panels = [FieldPanel(name) for name in SourceForm.Meta.fields]

    def get_form_class(self, for_update=False):
        return SourceForm


class WireLogFilterSet(WagtailFilterSet):
    """The log's filters under Arabic names (the model's fields have none of their own)."""

    source = django_filters.ModelChoiceFilter(label=_("source"), queryset=Source.objects.order_by("name"))
    level = django_filters.ChoiceFilter(label=_("level"), choices=WireLog.Level.choices)

    class Meta:
        model = WireLog
        fields = ["source", "level"]


class WireLogViewSet(ModelViewSet):
    """Every error on a source, a payload or one item, newest first."""

    model = WireLog
    name = "wire_log"
    icon = "warning"
    menu_label = _("Log")
    menu_order = 300
    copy_view_enabled = False
    form_fields = ["message"]  # required by ModelViewSet; the policy forbids adding and editing
    filterset_class = WireLogFilterSet
    search_fields = ["item_ref", "message"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        WhenColumn("created_at", label=_("time")),
        Column("source", label=_("source")),
        ItemRefColumn("item_ref", label=_("item")),
        ExplainedColumn("message", label=_("message")),
    ]

    def get_queryset(self, request):
        return WireLog.objects.select_related("source")


class WireDeskGroup(ViewSetGroup):
    menu_label = _("Wire desk")
    menu_icon = "mail"
    menu_order = 150
    items = (WireItemViewSet, SourceViewSet, WireLogViewSet)


@hooks.register("register_admin_viewset")
def register_wire_desk():
    return WireDeskGroup()
