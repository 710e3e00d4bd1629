"""The one hand-off from the wire to the desk: «ترجمة» on a wire item starts its Arabic article.

The wire desk ends at ``WireItem``; this service is the only way an item becomes an article. The
admin route (``desk_translate_item``), the desk dashboard, the wire item page and the command
``khabar desk translate`` all call ``start_translation``. It is idempotent: a second call for the
same item returns the first article (``created`` false), also when two arrive at once (the item's
row is locked while the article is made).
"""

import re
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from khabar.arabic.dateline import parse_english_dateline
from khabar.newsroom.archive import archive_for
from khabar.newsroom.models import Agency, ArticlePage, SectionPage
from khabar.wire.models import ItemUse, Source, WireItem
from khabar.wire.parsers.base import web_url

from . import memory
from .glossary import arabic_dateline, qa_glossary, translate_dateline_city
from .models import Segment, Translation
from .models.workflow import assign_desk_workflow
from .segments import source_blocks

_CREDIT = re.compile(r"\(([^()]{1,40})\)")


class DeskError(Exception):
    """The desk refuses an action; the message is for the user, in the active language."""

    def __init__(self, message: str, params: dict | None = None):
        super().__init__(message)
        self.message, self.params = message, params

    def __str__(self):
        text = gettext(self.message)
        return text % self.params if self.params else text

    def in_language(self, code: str) -> str:
        with translation.override(code):
            return str(self)


@dataclass
class Handoff:
    article: ArticlePage
    translation: Translation | None  # None for a story already in Arabic: nothing to translate
    created: bool

    @property
    def edit_url_name(self) -> tuple[str, int]:
        if self.translation is not None:
            return "desk_editor", self.translation.pk
        return "wagtailadmin_pages:edit", self.article.pk


def refuse_unusable(item: WireItem) -> None:
    """Raise ``DeskError`` when the item may not become an article (killed, withheld, embargoed, reference)."""
    status = item.status
    if status == WireItem.Status.EMBARGOED:
        raise DeskError(
            gettext_noop("This item is under embargo until %(time)s."),
            {"time": timezone.localtime(item.embargoed).strftime("%Y-%m-%d %H:%M")},
        )
    if status in (WireItem.Status.KILLED, WireItem.Status.WITHHELD):
        raise DeskError(gettext_noop("This item was killed or withheld by the agency and cannot be used."))
    if item.usage == Source.Usage.REFERENCE:
        raise DeskError(gettext_noop("The usage terms of this source allow reference only, not publication."))


def start_translation(item: WireItem, section: SectionPage | None = None, user=None) -> Handoff:
    """The Arabic article for ``item``: made the first time, returned as it is after that."""
    with transaction.atomic():
        item = WireItem.objects.select_for_update().get(pk=item.pk)
        refuse_unusable(item)
        existing = existing_handoff(item)
        if existing is not None:
            return existing
        section = section or SectionPage.objects.order_by("path").first()
        if section is None:
            raise DeskError(gettext_noop("Create a section first."))
        article = _new_article(item, section, user)
        ItemUse.objects.create(item=item, article=article, created_by=user)
        translation = None if _in_arabic(item) else _new_translation(item, article, user)
        return Handoff(article, translation, True)


def existing_handoff(item: WireItem) -> Handoff | None:
    translation = Translation.objects.filter(item=item).select_related("article").order_by("pk").first()
    if translation is not None:
        return Handoff(translation.article, translation, False)
    use = ItemUse.objects.filter(item=item).select_related("article").order_by("pk").first()
    if use is not None:
        return Handoff(use.article, None, False)
    return None


def _in_arabic(item: WireItem) -> bool:
    return item.language.lower().startswith("ar")


def opening_paragraph(item: WireItem) -> str:
    """The first paragraph of the story, where an agency dateline «MOSCOW (AP) —» stands."""
    blocks = source_blocks(item.body_html)
    first = _first_paragraph(blocks)
    return blocks[first][1] if first is not None else ""


def credited_agency(item: WireItem) -> Agency | None:
    """The agency the story's own metadata names: its dateline «(AP)», copyright holder, provider;
    else the agency its source is configured with."""
    dateline = parse_english_dateline(opening_paragraph(item))
    in_dateline = _CREDIT.search(item.dateline or "")
    found = Agency.objects.credited_in(
        dateline.credit if dateline else "",
        in_dateline.group(1) if in_dateline else "",
        item.copyright_holder,
        item.provider,
    )
    return found or item.agency


def _translator_name(user) -> str:
    if user is None:
        return ""
    return (user.get_full_name() or user.get_username())[:120]


def _first_paragraph(blocks) -> int | None:
    return next((i for i, (kind, _) in enumerate(blocks) if kind == Segment.Kind.PARAGRAPH), None)


def _new_article(item: WireItem, section: SectionPage, user) -> ArticlePage:
    now = timezone.now()
    if _in_arabic(item):
        city, standfirst = item.located[:80], item.summary
    else:
        dateline = parse_english_dateline(opening_paragraph(item))
        city = translate_dateline_city(dateline.place if dateline else item.located)[:80]
        standfirst = ""  # the desk translates the wire summary in its own segment
    parent = archive_for(section, now)
    slug = f"wire-{item.pk}"
    if parent.get_children().filter(slug=slug).exists():
        slug = f"{slug}-{now:%H%M%S%f}"
    article = ArticlePage(
        title=item.headline[:255],
        slug=slug,
        live=False,
        owner=user,
        agency=credited_agency(item),
        dateline_city=city,
        standfirst=standfirst,
        source_url=web_url(item.link),
        source_title=item.headline[:300],
        translator="" if _in_arabic(item) else _translator_name(user),
        section=section,
    )
    parent.add_child(instance=article)
    article.save_revision(user=user, log_action=True)
    return article


def _new_translation(item: WireItem, article: ArticlePage, user) -> Translation:
    """Segments for the headline, the summary (the standfirst) and each block of the body; the dateline
    and exact memory matches filled in."""
    translation = Translation.objects.create(
        article=article,
        item=item,
        source_version=item.version,
        alerted_version=item.version,
        usage_terms=item.usage_terms,
        created_by=user,
    )
    assign_desk_workflow(article)
    kinds = [(Segment.Kind.HEADLINE, item.headline)]
    if item.summary.strip():
        kinds.append((Segment.Kind.STANDFIRST, " ".join(item.summary.split())))
    blocks = source_blocks(item.body_html)
    kinds += blocks
    segments = [
        Segment(translation=translation, position=position, kind=kind, source=text)
        for position, (kind, text) in enumerate(kinds)
    ]
    for segment, found in zip(
        segments, memory.lookup_many([s.source for s in segments], limit=1, fuzzy=False), strict=True
    ):
        if found:
            segment.target, segment.status = found[0].segment.target, Segment.Status.MEMORY
    opening = next((s for s in segments if s.kind == Segment.Kind.PARAGRAPH), None)
    if opening is not None and opening.status == Segment.Status.EMPTY:
        dateline = arabic_dateline(opening.source, article.agency, qa_glossary())
        if dateline:
            opening.target = dateline + " "
    Segment.objects.bulk_create(segments)
    return translation
