from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import GlossaryTerm, MemorySegment


def _with_buttons(view_class, buttons):
    """An index view with extra header buttons ``[(label, url name, icon)]``."""

    class IndexView(view_class):
        @cached_property
        def header_buttons(self):
            return super().header_buttons + [
                HeaderButton(label, url=reverse(name), icon_name=icon) for label, name, icon in buttons
            ]

    return IndexView


class GlossaryViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "globe"
    menu_label = _("Glossary")
    list_display = ["source", "target", "kind", "keep_latin", "updated_at"]
    list_filter = ["kind", "keep_latin"]
    search_fields = ["source", "target"]
    index_view_class = _with_buttons(
        SnippetViewSet.index_view_class,
        [
            (_("Import CSV"), "desk_glossary_import", "upload"),
            (_("Export CSV"), "desk_glossary_export", "download"),
        ],
    )


class MemoryViewSet(SnippetViewSet):
    model = MemorySegment
    icon = "doc-full"
    menu_label = _("Translation memory")
    list_display = ["source", "target", "origin", "updated_at"]
    search_fields = ["source", "target"]
    index_view_class = _with_buttons(
        SnippetViewSet.index_view_class,
        [
            (_("Import TMX"), "desk_memory_import", "upload"),
            (_("Export TMX"), "desk_memory_export", "download"),
        ],
    )


class DeskGroup(SnippetViewSetGroup):
    items = (GlossaryViewSet, MemoryViewSet)
    menu_icon = "globe"
    menu_label = _("Translation desk")
    menu_name = "desk"
    menu_order = 250


register_snippet(DeskGroup)


@hooks.register("register_admin_urls")
def desk_admin_urls():
    return [
        path("desk/glossary/import/", admin_views.glossary_import, name="desk_glossary_import"),
        path("desk/glossary/export.csv", admin_views.glossary_export, name="desk_glossary_export"),
        path("desk/memory/import/", admin_views.memory_import, name="desk_memory_import"),
        path("desk/memory/export.tmx", admin_views.memory_export, name="desk_memory_export"),
    ]
