"""The desk's work on a story's draft: suggest, check, save into the article, remember (the hand-off that
opens a draft is ``handoff``)."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from khabar.newsroom.models import ArticlePage, SectionPage
from khabar.qa import check

from . import memory
from .engines import EngineError, configured_engine
from .glossary import hints, qa_glossary, terms_in
from .handoff import DeskError, start_translation
from .models import Segment, Translation
from .segments import article_body, checked_pairs


def open_translation(item, user, section: SectionPage | None = None) -> Translation:
    """The desk translation of ``item`` (see ``handoff.start_translation``); a story in Arabic has none."""
    handoff = start_translation(item, section, user)
    if handoff.translation is None:
        raise DeskError(_("This story is already in Arabic: edit its article instead."))
    return handoff.translation


@dataclass
class Suggestions:
    memory: list
    terms: list
    machine: str = ""
    machine_error: str = ""


def suggestions(segments: list[Segment], glossary=None) -> list[Suggestions]:
    """For each segment: memory (exact, then fuzzy with score) and the glossary terms the paragraph names."""
    glossary = glossary or qa_glossary()
    found = memory.lookup_many([s.source for s in segments])
    return [
        Suggestions(memory=m, terms=terms_in(s.source, glossary))
        for s, m in zip(segments, found, strict=True)
    ]


def machine_translation(segment: Segment) -> tuple[str, str]:
    """(Arabic, "") from the configured engine, or ("", message for the desk)."""
    try:
        engine = configured_engine()
        if engine is None:
            return "", ""
        return engine.translate(segment.source, hints(terms_in(segment.source))), ""
    except EngineError as exc:
        return "", exc.user_message


def findings_for(segments, glossary=None) -> list:
    sources, targets = checked_pairs(segments)
    return check(sources, targets, glossary or qa_glossary())


@transaction.atomic
def save_segments(translation: Translation, changes: dict, user) -> ArticlePage:
    """Apply ``{segment id: (target, status)}``, write the article's draft, remember approved pairs."""
    segments = list(translation.segments.select_for_update().order_by("position"))
    for segment in segments:
        if segment.pk not in changes:
            continue
        target, status = changes[segment.pk]
        target = target.replace("\r\n", "\n").strip()
        if status not in Segment.Status.values:
            status = segment.status
        if not target:
            status = Segment.Status.EMPTY
        elif status == Segment.Status.EMPTY:
            status = Segment.Status.EDITED
        if (target, status) != (segment.target, segment.status):
            segment.target, segment.status, segment.updated_by = target, status, user
            segment.save(update_fields=["target", "status", "updated_by", "updated_at"])
    article = (
        ArticlePage.objects.select_for_update().get(pk=translation.article_id).get_latest_revision_as_object()
    )
    for segment in segments:
        text = " ".join(segment.target.split())
        if segment.kind == Segment.Kind.HEADLINE and text:
            article.title = text[:255]
        elif segment.kind == Segment.Kind.STANDFIRST and text:
            article.standfirst = text
    article.body = article_body(segments)
    article.save_revision(user=user, log_action=True)
    for segment in segments:
        if segment.status == Segment.Status.APPROVED:
            memory.remember(segment.source, segment.target, origin="desk", article=article, user=user)
    translation.save(update_fields=["updated_at"])
    return article
