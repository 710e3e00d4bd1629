"""The publish gate: an article made from a wire item is not published while the copy checks find errors.

An editor may override with a written reason; the override is stored with their name
(``PublishOverride``) and in the page's history. Warnings are shown, never blocking.

Where it stands: «Publish» in the page editor (the ``before_edit_page`` hook), the page
explorer's bulk «Publish» (``before_bulk_action``), the editors' workflow step
(``CopyCheckedApprovalTask``) and the gate page itself (``views.publish_gate``), which
is the only way through with errors. Scheduled publishing only publishes what one of
these approved. Code that calls ``revision.publish()`` or ``page.publish()`` itself (a
shell, a script) is not stopped: Wagtail 8 has no hook before a page goes live (its
``page_published`` signal comes after), and such code runs with full rights anyway.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from wagtail.log_actions import log

from khabar.core.markup import strip_tags
from khabar.qa import ERROR, check
from khabar.wire.status import KILLED

from .glossary import qa_glossary
from .models import PublishOverride
from .segments import body_segments


def is_desk_article(page) -> bool:
    return translation_of(page) is not None


def translation_of(page):
    try:
        return page.translation
    except (AttributeError, ObjectDoesNotExist):  # not an article, or not made on the desk
        return None


def article_to_publish(obj):
    """The article a workflow step decides on: the latest revision of the specific page, which is what
    Wagtail publishes when the workflow finishes.

    Wagtail hands a task whatever it holds: its workflow action views the base ``Page``, the dashboard
    the page row (for a draft never published, still the wire headline and an empty body), the page
    editor the latest draft. All of them mean the same revision.
    """
    page = getattr(obj, "specific", obj)
    if getattr(page, "pk", None) is None or not hasattr(page, "get_latest_revision_as_object"):
        return page
    return page.get_latest_revision_as_object()


def article_findings(page) -> list:
    """Copy-check findings for ``page`` as it stands (its body against the wire item's paragraphs)."""
    translation = translation_of(page)
    if translation is None:
        return []
    sources = [s.source for s in body_segments(translation.segments.order_by("position"))]
    targets = []
    for block in page.body:
        if block.block_type == "paragraph":
            targets.append(strip_tags(block.value.source, sanitized=True, separator=""))
        elif block.block_type == "subheading":
            targets.append(str(block.value))
    return check(sources, _align(translation, targets), qa_glossary())


def _align(translation, targets):
    """Body blocks back onto segment positions: empty segments were left out of the body."""
    body = body_segments(translation.segments.order_by("position"))
    filled = [s for s in body if s.target.strip()]
    if len(filled) != len(targets):
        return targets
    aligned, queue = [], iter(targets)
    for segment in body:
        aligned.append(next(queue) if segment.target.strip() else "")
    return aligned


def source_killed(page) -> bool:
    """The agency killed or withheld the story: the wire desk's rules forbid publishing it at all."""
    translation = translation_of(page)
    return translation is not None and translation.item.pubstatus in KILLED


def errors(findings) -> list:
    return [f for f in findings if f.severity == ERROR]


def held_back(page) -> bool:
    """Whether publishing ``page``'s latest revision needs the gate: a desk article whose source
    was killed, or whose copy has errors."""
    if not is_desk_article(page):
        return False
    return source_killed(page) or bool(errors(article_findings(page.get_latest_revision_as_object())))


@transaction.atomic
def record_override(page, user, reason: str, findings) -> PublishOverride:
    override = PublishOverride.objects.create(
        article_id=page.pk, user=user, reason=reason.strip(), findings=[f.as_dict() for f in errors(findings)]
    )
    log(
        instance=page,
        action="desk.override",
        user=user,
        data={"reason": override.reason, "errors": len(override.findings)},
    )
    return override
