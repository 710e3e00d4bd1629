"""The curated fronts: the home page (lead, top stories, latest, section blocks) and a section's lead.

Editors choose the home page's lead and order its top stories; whatever they leave empty, or what is not
live, is filled with the newest stories. No story appears twice on one page: each block takes only
stories no block above it has shown.
"""

from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery

from .models import ArticlePage, HomePage, SectionPage, TopStory
from .models.pages import TOP_STORIES, live_articles, public_sections, union_all, with_sections

LATEST = 6
SECTION_BLOCK = 4


@dataclass
class HomeFront:
    lead: ArticlePage | None = None
    top: list = field(default_factory=list)
    latest: list = field(default_factory=list)
    sections: list = field(default_factory=list)  # (section, stories) for sections with stories to show

    def stories(self):
        """Every story on the page, in reading order."""
        shown = [self.lead] if self.lead else []
        shown += self.top + self.latest
        for _section, stories in self.sections:
            shown += stories
        return shown


def take_unseen(candidates, seen, limit):
    """The first ``limit`` of ``candidates`` not in ``seen`` (ids), which then holds them too."""
    taken = []
    for story in candidates:
        if len(taken) == limit:
            break
        if story.pk not in seen:
            seen.add(story.pk)
            taken.append(story)
    return taken


def home_front(home: HomePage, preview=False, request=None) -> HomeFront:
    """The home page's blocks in three queries, however many stories, sections and picks there are.

    The editors' picks and the newest stories come in one query (a UNION ALL of the picks and a LIMIT
    on the date index); the section blocks in two (the candidates' ids, then the stories shown). The
    sections are the masthead's, from the cache, and so are the stories' sections. A preview orders
    the picks of the draft.
    """
    draft_picks = [story.article_id for story in home.top_stories.all()] if preview else None
    picked = (
        ArticlePage.objects.filter(pk__in=draft_picks)
        if preview
        else ArticlePage.objects.filter(pk__in=TopStory.objects.filter(home_id=home.pk).values("article_id"))
    )
    # Enough newest stories for the lead and the latest, however many of them the editors picked.
    newest_count = 2 + TOP_STORIES + LATEST
    parts = [live_articles().values("pk")[:newest_count], picked.values("pk")]
    if home.lead_story_id:
        parts.append(ArticlePage.objects.filter(pk=home.lead_story_id).values("pk"))
    pick_order = TopStory.objects.filter(home_id=home.pk, article_id=OuterRef("pk")).values("sort_order")
    stories = list(
        live_articles()
        .select_related(None)  # cards show the section's title only: ``with_sections``
        .filter(pk__in=union_all(parts))
        .annotate(pick_order=Subquery(pick_order[:1]))
    )
    by_pk = {story.pk: story for story in stories}
    if preview:
        top_picks = [by_pk[pk] for pk in draft_picks if pk in by_pk]
    else:
        top_picks = sorted((s for s in stories if s.pick_order is not None), key=lambda s: s.pick_order)

    front = HomeFront()
    seen = set()
    # The newest stories fill what the editors left empty, after skipping any they picked.
    front.lead = by_pk.get(home.lead_story_id) or next(iter(stories), None)
    if front.lead is not None:
        seen.add(front.lead.pk)
    front.top = take_unseen(top_picks, seen, TOP_STORIES)
    front.latest = take_unseen(stories, seen, LATEST)

    # The masthead's sections (cached), those under this home page.
    sections = [
        s for s in public_sections(request) if s.depth == home.depth + 1 and s.path.startswith(home.path)
    ]
    # Only the ids of each section's candidates: most are stories shown above, read for nothing.
    by_section = {}
    for pk, section_id in newest_by_section(sections, SECTION_BLOCK + len(seen)):
        by_section.setdefault(section_id, []).append(pk)
    blocks = []
    for section in sections:
        ids = [pk for pk in by_section.get(section.pk, []) if pk not in seen][:SECTION_BLOCK]
        seen.update(ids)
        blocks.append((section, ids))
    shown = live_articles().select_related(None).filter(pk__in=[pk for _s, ids in blocks for pk in ids])
    shown = {story.pk: story for story in shown} if any(ids for _s, ids in blocks) else {}
    for section, ids in blocks:
        if stories := [shown[pk] for pk in ids if pk in shown]:
            front.sections.append((section, stories))
    with_sections(front.stories(), request)
    return front


def newest_by_section(sections, per_section):
    """``(id, section id)`` of the ``per_section`` newest live stories of each section, newest first,
    in one query.

    The ids come from a UNION ALL of one ``LIMIT`` sub-query per section, so each is a range scan of
    the (section, published_at) index that stops after ``per_section`` rows, however large the
    archive; an OR of per-section ``IN`` sub-queries made PostgreSQL scan the whole table.
    """
    if not sections:
        return []
    parts = [live_articles().filter(section_id=section.pk).values("pk")[:per_section] for section in sections]
    return list(live_articles().filter(pk__in=union_all(parts)).values_list("pk", "section_id"))


def chosen_section_lead(section: SectionPage) -> ArticlePage | None:
    """The editors' lead of the section when it is live (otherwise its newest story leads)."""
    if section.lead_story_id:
        return live_articles().filter(pk=section.lead_story_id).first()
    return None
