"""The desk in the admin: the story list, the side-by-side editor and the publish gate."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from khabar.newsroom.models import ArticlePage, SectionPage
from khabar.wire.inbox import annotate_entries, fold_near_duplicates
from khabar.wire.models import ItemUse, WireItem
from khabar.wire.pictures import PictureError, request_pictures
from khabar.wire.status import PubStatus

from . import gate, pictures, review
from .drafting import (
    findings_for,
    machine_translation,
    save_segments,
    suggestions,
)
from .duplicates import already_on_desk
from .engines import EngineError, configured_engine
from .glossary import qa_glossary
from .handoff import DeskError, credited_agency, existing_handoff, refuse_unusable, start_translation
from .models import CopyCheckedApprovalTask, Segment, Translation
from .segments import body_segments
from .versions import source_changes

MAX_SEGMENT_CHARS = 20_000


def can_translate(user):
    return user.has_perm("desk.add_translation")


def _translation_for_user(request, pk) -> Translation:
    translation = get_object_or_404(
        Translation.objects.select_related("article", "article__agency", "item", "item__agency"), pk=pk
    )
    if not translation.article.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return translation


def dashboard(request):
    if not can_translate(request.user):
        raise PermissionDenied
    items = waiting_wire_stories()
    stories = desk_stories(request.GET.get("stage", ""))
    return TemplateResponse(
        request,
        "desk/dashboard.html",
        {
            "items": items,
            "stories": stories,
            "stages": [
                (value, label, value == request.GET.get("stage", "")) for value, label in review.Stage.choices
            ],
            "stage": request.GET.get("stage", ""),
            "sections": SectionPage.objects.order_by("path"),
            "engine": _engine_label(),
        },
    )


DESK_LIST_SIZE = 50


def waiting_wire_stories(limit: int = DESK_LIST_SIZE) -> list:
    """Usable English wire stories no article was made from yet, one entry per story: an item whose
    near-duplicate is already on the desk is left out, the others of a group fold under the newest."""
    used_groups = ItemUse.objects.filter(item__cluster_id__isnull=False).values("item__cluster_id")
    waiting = (
        WireItem.objects.filter(pubstatus=PubStatus.USABLE, uses__isnull=True)
        .exclude(language__startswith="ar")
        .exclude(cluster_id__in=used_groups)
        .select_related("source", "agency")
    )
    items = [
        item for item in fold_near_duplicates(waiting).order_by("-received_at", "-pk")[:limit] if item.usable
    ]
    annotate_entries(items, among=waiting)
    return items


def desk_stories(stage: str = "", limit: int = DESK_LIST_SIZE) -> list[tuple]:
    """The newest desk stories as ``(translation, standing)``, optionally only those at ``stage``."""
    translations = list(
        Translation.objects.select_related("article", "item", "created_by").order_by("-updated_at")[
            : limit * 4 if stage else limit
        ]
    )
    found = review.standings(translations)
    stories = [(t, found[t.pk]) for t in translations if not stage or found[t.pk].stage == stage]
    return stories[:limit]


def _engine_label():
    try:
        engine = configured_engine()
    except EngineError as exc:
        return exc.user_message
    return engine.label if engine else ""


def _sections_for(user):
    return [s for s in SectionPage.objects.order_by("path") if s.permissions_for_user(user).can_add_subpage()]


@require_http_methods(["GET", "POST"])
def translate_item(request, item_id):
    """«ترجمة» on a wire item, wherever it is pressed: choose the section, then the desk editor.

    An item already on the desk goes straight to its article; a refused item goes back with the reason.
    """
    if not can_translate(request.user):
        raise PermissionDenied
    item = get_object_or_404(WireItem.objects.select_related("source"), pk=item_id)
    back = request.POST.get("back") or request.GET.get("back") or ""
    back = back if url_has_allowed_host_and_scheme(back, allowed_hosts=None) else ""
    back = back or reverse("wire_item:inspect", args=[item.pk])
    try:
        refuse_unusable(item)
    except DeskError as exc:
        messages.error(request, _("This wire item cannot be translated: %(reason)s") % {"reason": exc})
        return redirect(back)
    existing = existing_handoff(item)
    if existing is not None:
        return redirect(*existing.edit_url_name)
    sections = _sections_for(request.user)
    if not sections:
        raise PermissionDenied
    on_desk = already_on_desk(item)  # a near-duplicate of this item, from another agency
    if request.method == "POST":
        section = next((s for s in sections if str(s.pk) == request.POST.get("section")), None)
        if section is None:
            messages.error(request, _("Choose a section."))
        elif on_desk and not request.POST.get("again"):
            pass  # «ترجمة» from a list: show the warning and the links first
        else:
            try:
                handoff = start_translation(item, section, request.user)
            except DeskError as exc:
                messages.error(
                    request, _("This wire item cannot be translated: %(reason)s") % {"reason": exc}
                )
                return redirect(back)
            if handoff.created:
                messages.success(request, _("Draft article created from the wire item."))
            return redirect(*handoff.edit_url_name)
    return TemplateResponse(
        request,
        "desk/translate.html",
        {
            "item": item,
            "sections": sections,
            "back": back,
            "on_desk": on_desk,
            "agency": credited_agency(item),
        },
    )


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
        step = next((key.removeprefix("step-") for key in request.POST if key.startswith("step-")), "")
        if not step or _changed(segments, changes):
            save_segments(translation, changes, request.user)
            messages.success(request, _("Translation saved to the article draft."))
        if step:
            _take_step(request, translation, step)
        return redirect("desk_editor", translation.pk)
    glossary = qa_glossary()
    findings = findings_for(segments, glossary)
    body = body_segments(segments)
    by_segment = {}
    for finding in findings:
        if finding.paragraph < len(body):
            by_segment.setdefault(body[finding.paragraph].pk, []).append(finding)
    rows = [
        {"segment": s, "suggestions": found, "findings": by_segment.get(s.pk, [])}
        for s, found in zip(segments, suggestions(segments, glossary), strict=True)
    ]
    # The agency's pictures: fetched by the task worker for the editor to show, offered as the lead image.
    offered, coming = [], False
    if translation.item.pictures:
        coming = request_pictures(translation.item)
        typed = request.session.pop(f"desk-picture-{translation.pk}", None)
        offered = pictures.offers(translation, translation.article.get_latest_revision_as_object(), typed)
    return TemplateResponse(
        request,
        "desk/editor.html",
        {
            # The article's title is the agency's English headline until the headline segment is translated.
            "heading": translation.article.draft_title if segments and segments[0].target.strip() else "",
            "standing": review.standing(translation),
            "review_actions": review.actions_for(translation.article, request.user),
            "can_publish": translation.article.permissions_for_user(request.user).can_publish(),
            "translation": translation,
            "article": translation.article,
            "item": translation.item,
            "rows": rows,
            "engine": _engine_label(),
            "changes": source_changes(translation),
            "statuses": Segment.Status,
            "findings_count": len(findings),
            "errors_count": len(gate.errors(findings)),
            "pictures": offered,
            "pictures_coming": coming,
        },
    )


@require_POST
def use_picture(request, pk):
    """Make one of the wire item's pictures the article's lead image (caption, credit, Arabic alt)."""
    translation = _translation_for_user(request, pk)
    try:
        index = int(request.POST.get("index", ""))
        pictures.use_as_lead(
            translation,
            index,
            caption=request.POST.get("caption", ""),
            credit=request.POST.get("credit", ""),
            alt=request.POST.get("alt", ""),
            user=request.user,
        )
    except ValueError:
        messages.error(request, _("This wire item has no such picture."))
    except PictureError as exc:
        messages.error(request, str(exc))
        # What was typed comes back in the form after the redirect: nothing is lost.
        request.session[f"desk-picture-{translation.pk}"] = {
            key: request.POST.get(key, "")[:300] for key in ("index", "caption", "credit", "alt")
        }
    else:
        messages.success(request, _("The picture is now the article's lead image (in the draft)."))
    return redirect(reverse("desk_editor", args=[translation.pk]) + "#desk-pictures")


def _changed(segments, changes) -> bool:
    stored = {s.pk: (s.target, s.status) for s in segments}
    return any(
        (target.replace("\r\n", "\n").strip(), status) != stored[pk]
        for pk, (target, status) in changes.items()
    )


STEP_DONE = {
    "submit": _lazy("Submitted for review."),
    "approve": _lazy("Approved."),
    "override": _lazy(
        "Approved despite the copy-check errors; your reason is kept in the article's history."
    ),
    "reject": _lazy("Sent back to the translator."),
}


def _take_step(request, translation, step):
    try:
        review.take(translation.article, request.user, step, request.POST.get("review-comment", ""))
    except review.ReviewError as exc:
        messages.error(request, str(exc))
        return
    article = ArticlePage.objects.get(pk=translation.article_id)
    done = str(STEP_DONE.get(step, _lazy("Done.")))
    if article.live:
        done += " " + _("The article is published.")
    messages.success(request, done)


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
    body = body_segments(segments)
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


def _publish_through_gate(page, user, reason, findings, errors):
    """Publish from the gate. When the article waits at a workflow step this editor decides, the step
    is taken (approve, or override with the reason), so the workflow ends approved rather than cancelled."""
    step = "override" if errors else "approve"
    if isinstance(page.current_workflow_task, CopyCheckedApprovalTask) and step in {
        action.name for action in review.actions_for(page, user)
    }:
        review.take(page, user, step, reason)  # the last step: approving publishes
        return
    if errors:
        gate.record_override(page, user, reason, findings)
    page.get_latest_revision().publish(user=user, log_action=True)


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
            _publish_through_gate(page, request.user, reason, findings, errors)
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
