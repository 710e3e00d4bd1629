"""Admin views of the wire inbox beyond Wagtail's generic ones: «ترجمة» and the verbatim payload."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from khabar.newsroom.models import SectionPage

from .models import Payload, WireItem
from .translate import CannotUse, check_usable, start_translation


def _sections_for(user):
    return [
        s
        for s in SectionPage.objects.live().order_by("path")
        if s.permissions_for_user(user).can_add_subpage()
    ]


def _require_view(request):
    if not request.user.has_perm("wire.view_wireitem"):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def translate(request, pk):
    _require_view(request)
    item = get_object_or_404(WireItem.objects.select_related("source", "agency"), pk=pk)
    inspect_url = reverse("wire_item:inspect", args=[item.pk])
    try:
        check_usable(item)
    except CannotUse as exc:
        messages.error(request, str(exc))
        return redirect(inspect_url)
    sections = _sections_for(request.user)
    if not sections:
        raise PermissionDenied
    if request.method == "POST":
        section = next((s for s in sections if str(s.pk) == request.POST.get("section")), None)
        if section is None:
            messages.error(request, _("Choose a section."))
        else:
            try:
                article = start_translation(item, section, request.user)
            except CannotUse as exc:
                messages.error(request, str(exc))
                return redirect(inspect_url)
            messages.success(request, _("Draft article created from the wire item."))
            return redirect("wagtailadmin_pages:edit", article.pk)
    breadcrumbs = [
        {"url": reverse("wagtailadmin_home"), "label": _("Home")},
        {"url": reverse("wire_item:index"), "label": WireItem._meta.verbose_name_plural},
        {"url": inspect_url, "label": Truncator(item.headline).chars(60)},
        {"url": "", "label": "ترجمة"},
    ]
    return TemplateResponse(
        request,
        "wire/translate.html",
        {
            "item": item,
            "sections": sections,
            "back": inspect_url,
            "breadcrumbs_items": breadcrumbs,
            "header_title": "ترجمة",
            "header_icon": "doc-full-inverse",
        },
    )


def payload(request, pk):
    """The payload exactly as received, shown as text (never rendered as HTML)."""
    _require_view(request)
    stored = get_object_or_404(Payload, pk=pk)
    response = HttpResponse(bytes(stored.data), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="payload-{stored.pk}.txt"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
