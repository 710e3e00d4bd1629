"""The desk in the admin: the story list, the side-by-side editor and the publish gate."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khabar.newsroom.models import ArticlePage, SectionPage
from khabar.wire.models import WireItem

from . import gate
from .engines import EngineError, configured_engine
from .glossary import qa_glossary
from .models import Segment, Translation
from .translate import (
    DeskError,
    findings_for,
    machine_translation,
    open_translation,
    save_segments,
    suggestions,
)
from .versions import source_changes

MAX_SEGMENT_CHARS = 20_000


def _can_translate(user):
    return user.has_perm("desk.add_translation") or user.is_superuser


def _translation_for_user(request, pk) -> Translation:
    translation = get_object_or_404(
        Translation.objects.select_related("article", "item", "item__agency"), pk=pk
    )
    if not translation.article.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return translation


def dashboard(request):
    if not _can_translate(request.user):
        raise PermissionDenied
    taken = Translation.objects.values("item_id")
    items = (
        WireItem.objects.filter(pubstatus="usable").exclude(language__startswith="ar")
        .exclude(pk__in=taken)
        .select_related("source", "agency")
        .order_by("-received_at")[:50]
    )
    items = [item for item in items if item.usable]
    translations = Translation.objects.select_related("article", "item").order_by("-updated_at")[:50]
    return TemplateResponse(
        request,
        "desk/dashboard.html",
        {
            "items": items,
            "translations": translations,
            "sections": SectionPage.objects.order_by("path"),
            "engine": _engine_label(),
        },
    )


def _engine_label():
    try:
        engine = configured_engine()
    except EngineError as exc:
        return exc.user_message
    return engine.label if engine else ""


@require_POST
def translate_item(request, item_id):
    if not _can_translate(request.user):
        raise PermissionDenied
    item = get_object_or_404(WireItem, pk=item_id)
    section = SectionPage.objects.filter(pk=request.POST.get("section") or 0).first()
    try:
        translation = open_translation(item, request.user, section)
    except DeskError as exc:
        messages.error(request, _("This wire item cannot be translated: %(reason)s") % {"reason": exc})
        return redirect("desk_dashboard")
    return redirect("desk_editor", translation.pk)


def editor(request, pk):
    translation = _translation_for_user(request, pk)
    segments = list(translation.segments.order_by("position"))
    if request.method == "POST":
        changes = {}
        for segment in segments:
            key = f"target-{segment.pk}"
            if key in request.POST:
                target = request.POST[key][:MAX_SEGMENT_CHARS]
                changes[segment.pk] = (target, request.POST.get(f"status-{segment.pk}", segment.status))
        save_segments(translation, changes, request.user)
        messages.success(request, _("Translation saved to the article draft."))
        return redirect("desk_editor", translation.pk)
    glossary = qa_glossary()
    findings = findings_for(segments, glossary)
    body = [s for s in segments if s.kind != Segment.Kind.HEADLINE]
    by_segment = {}
    for finding in findings:
        if finding.paragraph < len(body):
            by_segment.setdefault(body[finding.paragraph].pk, []).append(finding)
    rows = [
        {"segment": s, "suggestions": found, "findings": by_segment.get(s.pk, [])}
        for s, found in zip(segments, suggestions(segments, glossary), strict=True)
    ]
    return TemplateResponse(
        request,
        "desk/editor.html",
        {
            "translation": translation,
            "article": translation.article,
            "item": translation.item,
            "rows": rows,
            "engine": _engine_label(),
            "changes": source_changes(translation),
            "statuses": Segment.Status,
            "findings_count": len(findings),
            "errors_count": len(gate.errors(findings)),
        },
    )


@require_POST
def check_segments(request, pk):
    """Live copy checks on the editor's current text: ``{"targets": {segment id: text}}``."""
    translation = _translation_for_user(request, pk)
    try:
        targets = json.loads(request.body or b"{}").get("targets", {})
        targets = {int(k): str(v)[:MAX_SEGMENT_CHARS] for k, v in targets.items()}
    except (ValueError, TypeError, AttributeError):
        return JsonResponse({"error": _("The request could not be read.")}, status=400)
    segments = list(translation.segments.order_by("position"))
    for segment in segments:
        if segment.pk in targets:
            segment.target = targets[segment.pk]
    body = [s for s in segments if s.kind != Segment.Kind.HEADLINE]
    result = {str(s.pk): [] for s in segments}
    for finding in findings_for(segments):
        if finding.paragraph < len(body):
            result[str(body[finding.paragraph].pk)].append(finding.as_dict())
    return JsonResponse({"findings": result})


@require_POST
def machine(request, segment_pk):
    segment = get_object_or_404(Segment.objects.select_related("translation"), pk=segment_pk)
    _translation_for_user(request, segment.translation_id)
    text, error = machine_translation(segment)
    if error:
        return JsonResponse({"error": error}, status=502)
    if not text:
        return JsonResponse({"error": _("No machine translation engine is configured.")}, status=404)
    return JsonResponse({"text": text})


def publish_gate(request, page_id):
    """Why a desk article may not be published yet; editors may override with a reason."""
    page = get_object_or_404(ArticlePage, pk=page_id)
    if not gate.is_desk_article(page):
        raise Http404
    permissions = page.permissions_for_user(request.user)
    if not permissions.can_edit():
        raise PermissionDenied
    draft = page.get_latest_revision_as_object()
    findings = gate.article_findings(draft)
    errors = gate.errors(findings)
    killed = gate.source_killed(page)
    can_override = permissions.can_publish() and not killed
    if request.method == "POST":
        if not can_override:
            raise PermissionDenied
        reason = request.POST.get("reason", "").strip()
        if errors and len(reason) < 10:
            messages.error(
                request, _("Write the reason for publishing despite the errors (at least 10 characters).")
            )
        else:
            if errors:
                gate.record_override(page, request.user, reason, findings)
            revision = page.get_latest_revision()
            revision.publish(user=request.user, log_action=True)
            messages.success(request, _("The article was published."))
            return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return TemplateResponse(
        request,
        "desk/gate.html",
        {
            "page": page,
            "findings": findings,
            "errors": errors,
            "warnings": [f for f in findings if f not in errors],
            "can_override": can_override,
            "killed": killed,
            "translation": page.translation,
        },
    )
