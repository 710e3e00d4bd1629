"""The inbox's list (one entry per story, Arabic-aware search) and the item and source pages."""

from django.urls import reverse
from wagtail.admin.views.generic import IndexView, InspectView

from khabar.arabic.analyzer import words

from ..inbox import annotate_entries, fold_near_duplicates
from ..messages import explained, mark_latin
from ..models import WireItemVersion
from .columns import as_content


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
