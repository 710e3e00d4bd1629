from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.widgets import HeaderButton
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from khabar.core.admin_columns import YesNoColumn

from . import admin_views, gate, review, views
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


class OriginColumn(Column):
    """Where a memory pair came from, in words: the desk, or the name of the TMX file."""

    def get_value(self, instance):
        origin = super().get_value(instance) or ""
        if origin == "desk":
            return gettext("the translation desk")
        if origin.startswith("tmx:"):
            return format_html('{} <bdi dir="ltr">{}</bdi>', gettext("memory file"), origin[4:])
        return origin


class GlossaryViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "globe"
    menu_label = _("Glossary")
    list_display = [
        "source",
        "target",
        "kind",
        YesNoColumn("keep_latin", label=_("keep in Latin script")),
        DateColumn("updated_at", label=_("updated")),
    ]
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
    list_display = [
        "source",
        "target",
        OriginColumn("origin", label=_("provenance")),
        DateColumn("updated_at", label=_("updated")),
    ]
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
    menu_label = _("Glossary and memory")
    menu_name = "desk-glossary"
    menu_order = 250


register_snippet(DeskGroup)


@hooks.register("register_admin_urls")
def desk_admin_urls():
    return [
        path("desk/", views.dashboard, name="desk_dashboard"),
        path("desk/translate/<int:item_id>/", views.translate_item, name="desk_translate_item"),
        path("desk/translation/<int:pk>/", views.editor, name="desk_editor"),
        path("desk/translation/<int:pk>/check/", views.check_segments, name="desk_check"),
        path("desk/translation/<int:pk>/picture/", views.use_picture, name="desk_use_picture"),
        path("desk/segment/<int:segment_pk>/machine/", views.machine, name="desk_machine"),
        path("desk/publish/<int:page_id>/", views.publish_gate, name="desk_gate"),
        path("desk/glossary/import/", admin_views.glossary_import, name="desk_glossary_import"),
        path("desk/glossary/export.csv", admin_views.glossary_export, name="desk_glossary_export"),
        path("desk/memory/import/", admin_views.memory_import, name="desk_memory_import"),
        path("desk/memory/export.tmx", admin_views.memory_export, name="desk_memory_export"),
    ]


@hooks.register("register_admin_menu_item")
def desk_menu_item():
    return MenuItem(_("Desk"), reverse("desk_dashboard"), icon_name="globe", order=240)


@hooks.register("register_log_actions")
def desk_log_actions(actions):
    actions.register_action(
        "desk.override", _("Copy-check override"), _("Published despite copy-check errors")
    )


@hooks.register("register_page_header_buttons")
def desk_page_button(page, user, view_name=None, next_url=None):
    translation = gate.translation_of(page)
    if translation is not None:
        yield HeaderButton(
            _("Translation desk"), url=reverse("desk_editor", args=[translation.pk]), icon_name="globe"
        )


@hooks.register("before_edit_page")
def gate_direct_publish(request, page):
    """«Publish» in the page editor: a desk article with copy-check errors goes to the gate instead.

    The submitted edits are kept as a new draft revision first, so nothing typed is lost.
    """
    if request.method != "POST" or "action-publish" not in request.POST:
        return None
    page = page.specific
    if not gate.is_desk_article(page):
        return None
    if gate.source_killed(page):
        messages.error(request, _("The agency killed this story: do not publish it."))
        return redirect("desk_gate", page.pk)
    draft = page.get_latest_revision_as_object()
    form_class = page.get_edit_handler().get_form_class()
    form = form_class(
        request.POST, request.FILES, instance=draft, for_user=request.user, parent_page=page.get_parent()
    )
    if not form.is_valid():
        return None  # Wagtail shows the form errors and publishes nothing
    candidate = form.save(commit=False)
    if not gate.errors(gate.article_findings(candidate)):
        return None
    candidate.save_revision(user=request.user, log_action=True)
    messages.error(
        request, _("The copy checks found errors; the article was saved as a draft, not published.")
    )
    return redirect("desk_gate", page.pk)


@hooks.register("before_bulk_action")
def gate_bulk_publish(request, action_type, objects, action_class_instance):
    """The page explorer's bulk «Publish» is refused while a desk article in it needs the gate.

    That covers the selected pages and, when asked to publish them too, their unpublished
    pages below (a whole section at once). Nothing is published; the gate page is the way on.
    """
    if action_type != "publish" or not issubclass(action_class_instance.model, Page):
        return None
    pages = [page.specific for page in objects]
    if action_class_instance.cleaned_form.cleaned_data.get("include_descendants"):
        for page in objects:
            pages.extend(page.get_descendants().not_live().specific())
    held = [page for page in pages if gate.held_back(page)]
    if not held:
        return None
    messages.error(
        request,
        _("Nothing was published: the copy checks found errors in, or the agency killed, %(titles)s.")
        % {"titles": "، ".join(f"«{page.title}»" for page in held)},
    )
    return redirect("desk_gate", held[0].pk)


class AwaitingReviewPanel(Component):
    """The admin dashboard's list of desk stories waiting at a review step, with who sent them and when."""

    name = "desk_awaiting_review"
    template_name = "desk/awaiting_review_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        return {"stories": review.awaiting_review()}


@hooks.register("construct_homepage_panels")
def desk_review_panel(request, panels):
    if views.can_translate(request.user):
        panels.append(AwaitingReviewPanel())
