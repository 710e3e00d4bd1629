"""The wire desk's menu: the inbox, the sources and the log as Wagtail viewsets under one group."""

from django.db.models import Count, Q
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .. import views
from ..models import Source, WireItem, WireLog
from .columns import (
    AlsoFromColumn,
    ExplainedColumn,
    HeadlineColumn,
    ItemRefColumn,
    KindColumn,
    LanguageColumn,
    OnDeskColumn,
    ReceivedColumn,
    StatusColumn,
    WhenColumn,
)
from .filters import WireItemFilterSet, WireLogFilterSet
from .forms import SourceForm
from .views import ItemInspectView, SourceInspectView, WireItemIndexView


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
