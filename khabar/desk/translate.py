"""The desk's work on a story: open a translation from a wire item, suggest, save, remember."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from khabar.arabic.dateline import parse_arabic_dateline
from khabar.newsroom.models import ArticlePage, SectionPage
from khabar.qa import check
from khabar.wire.models import ItemUse
from khabar.wire.translate import CannotUse, start_translation

from . import memory
from .engines import EngineError, configured_engine
from .glossary import arabic_dateline, hints, qa_glossary, terms_in
from .models import Segment, Translation
from .models.workflow import assign_desk_workflow
from .segments import article_body, checked_pairs, source_blocks


class DeskError(Exception):
    """The desk refuses an action; the message is for the user."""


@transaction.atomic
def open_translation(item, user, section: SectionPage | None = None) -> Translation:
    """The Arabic draft for ``item``: created the first time (through the wire desk's «ترجمة»), reused after."""
    existing = Translation.objects.filter(item=item).select_related("article").first()
    if existing is not None:
        return existing
    section = section or SectionPage.objects.order_by("path").first()
    if section is None:
        raise DeskError(_("Create a section first."))
    try:
        article = start_translation(item, section, user)  # links the item (ItemUse): see attach_translation
    except CannotUse as exc:
        raise DeskError(str(exc)) from None
    return Translation.objects.get(article=article)


def attach_translation(use: ItemUse) -> Translation | None:
    """Give a new wire-item article its desk translation: segments, dateline, memory pre-fills.

    Runs when the wire desk links an article to an item (``ItemUse``), whichever screen did it.
    Stories already in Arabic need no translation.
    """
    item, article, user = use.item, use.article, use.created_by
    if item.language.lower().startswith("ar"):
        return None
    translation, created = Translation.objects.get_or_create(
        article=article,
        defaults={
            "item": item,
            "source_version": item.version,
            "alerted_version": item.version,
            "usage_terms": item.usage_terms,
            "created_by": user,
        },
    )
    if not created:
        return translation
    assign_desk_workflow(article)
    blocks = source_blocks(item.body_html)
    glossary = qa_glossary()
    first = next((i for i, (kind, _) in enumerate(blocks) if kind == Segment.Kind.PARAGRAPH), None)
    dateline = arabic_dateline(blocks[first][1], item.agency, glossary) if first is not None else ""
    segments = [
        Segment(translation=translation, position=0, kind=Segment.Kind.HEADLINE, source=item.headline)
    ]
    for position, (kind, text) in enumerate(blocks, start=1):
        segments.append(Segment(translation=translation, position=position, kind=kind, source=text))
    for segment, found in zip(
        segments, memory.lookup_many([s.source for s in segments], limit=1, fuzzy=False), strict=True
    ):
        if found:
            segment.target, segment.status = found[0].segment.target, Segment.Status.MEMORY
    if dateline:
        opening = segments[first + 1]
        if opening.status == Segment.Status.EMPTY:
            opening.target = dateline + " "
        draft = article.get_latest_revision_as_object()
        draft.dateline_city = parse_arabic_dateline(dateline).place
        draft.agency = draft.agency or item.agency
        draft.save_revision(user=user)
        ArticlePage.objects.filter(pk=article.pk).update(dateline_city=draft.dateline_city)
    Segment.objects.bulk_create(segments)
    return translation


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
    headline = segments[0] if segments and segments[0].kind == Segment.Kind.HEADLINE else None
    if headline is not None and headline.target.strip():
        article.title = " ".join(headline.target.split())[:255]
    article.body = article_body(segments)
    article.save_revision(user=user, log_action=True)
    for segment in segments:
        if segment.status == Segment.Status.APPROVED:
            memory.remember(segment.source, segment.target, origin="desk", article=article, user=user)
    translation.save(update_fields=["updated_at"])
    return article
