"""Write imported stories straight into the page tree, many rows per query.

Wagtail's ``add_child`` costs several queries and a tree lock per page, which is
hours for 100,000 stories. Here each batch of stories costs a few statements:
the ``wagtailcore_page`` rows with their materialised paths computed the way
treebeard computes them (steplen 4, base-36 steps after the parent's last
child), the ``ArticlePage`` rows under the same primary keys, the byline and
topic rows, and one ``numchild`` update per month archive. The result is the
tree ``add_child`` would have built: ``Page.find_problems()`` finds nothing.

No revision is written: like a page created in code, an imported article is
live at its first publication, and its first edit in the admin makes revision 1.
"""

import html
import uuid
from collections import defaultdict
from types import SimpleNamespace

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router, transaction
from django.db.models import F, Max
from wagtail.models import Page

from ..models import ArticleAuthor, ArticlePage, ArticleTag
from ..slugs import headline_slug, unique_slug

_STORY_COLUMNS = {
    "page_ptr_id",
    "dateline_city",
    "agency_id",
    "source_url",
    "body",
    "section_id",
    "published_at",
}


def body_blocks(story):
    """StreamField data: paragraphs as escaped rich text, subheadings as plain text."""
    return [
        {
            "type": kind,
            "value": f"<p>{html.escape(text, quote=False)}</p>" if kind == "paragraph" else text,
            "id": str(uuid.uuid4()),
        }
        for kind, text in story.body
    ]


class TreeWriter:
    """Appends articles under month archives, remembering each archive's slugs between batches."""

    def __init__(self, lookups):
        self.lookups = lookups
        self.content_type_id = ContentType.objects.get_for_model(ArticlePage).pk
        self.db = router.db_for_write(Page)
        self._slugs = {}
        # Every column of the article table at its model default; a story sets the ones it carries,
        # so a field added to ArticlePage is written with its default here too.
        self.defaults = {
            field.attname: field.get_default()
            for field in ArticlePage._meta.local_concrete_fields
            if field.attname not in _STORY_COLUMNS
        }

    def _sibling_slugs(self, archive):
        if archive.pk not in self._slugs:
            self._slugs[archive.pk] = set(archive.get_children().values_list("slug", flat=True))
        return self._slugs[archive.pk]

    def new_stories(self, stories):
        """Stories whose source is not in the database yet (nor earlier in ``stories``)."""
        urls = [story.source_url for story in stories]
        known = set()
        for start in range(0, len(urls), 500):
            known.update(
                ArticlePage.objects.filter(source_url__in=urls[start : start + 500]).values_list(
                    "source_url", flat=True
                )
            )
        fresh = []
        for story in stories:
            if story.source_url not in known:
                known.add(story.source_url)
                fresh.append(story)
        return fresh

    @transaction.atomic
    def write(self, stories):
        """Create ``stories`` (already checked to be new); returns the new page ids."""
        lk = self.lookups
        by_archive = defaultdict(list)
        for story in stories:
            section = lk.section(story.section)
            by_archive[lk.archive(section, story.published_at).pk].append((section, story))
        archives = Page.objects.select_for_update().in_bulk(list(by_archive))

        pages, details = [], []
        for archive_pk, group in by_archive.items():
            archive = archives[archive_pk]
            last = archive.get_children().aggregate(last=Max("path"))["last"]
            step = Page._str2int(last[-Page.steplen :]) if last else 0
            taken = self._sibling_slugs(archive)
            group.sort(key=lambda item: item[1].published_at)
            for section, story in group:
                step += 1
                slug = unique_slug(headline_slug(story.headline), taken, fallback="story")
                taken.add(slug)
                pages.append(
                    Page(
                        path=Page._get_path(archive.path, archive.depth + 1, step),
                        depth=archive.depth + 1,
                        numchild=0,
                        title=story.headline,
                        draft_title=story.headline,
                        slug=slug,
                        content_type_id=self.content_type_id,
                        url_path=f"{archive.url_path}{slug}/",
                        locale_id=archive.locale_id,
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=story.published_at,
                        last_published_at=story.published_at,
                        latest_revision_created_at=story.published_at,
                    )
                )
                details.append((section, story))
            Page.objects.filter(pk=archive_pk).update(numchild=F("numchild") + len(group))

        Page.objects.bulk_create(pages, batch_size=500)
        if any(page.pk is None for page in pages):  # a database that cannot return ids
            ids = dict(Page.objects.filter(path__in=[p.path for p in pages]).values_list("path", "pk"))
            for page in pages:
                page.pk = page.id = ids[page.path]

        articles, bylines, topics = [], [], []
        for page, (section, story) in zip(pages, details, strict=True):
            articles.append(
                # A plain row, not an ArticlePage: building a model instance per row doubles the time.
                SimpleNamespace(
                    **self.defaults,
                    page_ptr_id=page.pk,
                    dateline_city=story.dateline,
                    agency_id=lk.agency_id(story.agency),
                    source_url=story.source_url,
                    body=body_blocks(story),
                    section_id=section.pk,
                    published_at=story.published_at,
                )
            )
            if author_id := lk.author_id(story.author):
                bylines.append(
                    ArticleAuthor(
                        article_id=page.pk, author_id=author_id, sort_order=0, published_at=story.published_at
                    )
                )
                lk.touched["author"].add(author_id)
            topics += [
                ArticleTag(content_object_id=page.pk, tag_id=tag, published_at=story.published_at)
                for tag in lk.topic_ids(story.topics)
            ]
            lk.touched["topic"].update(lk.topic_ids(story.topics))
            lk.touched["section"].add(section.pk)
        self._insert_articles(articles)
        ArticleAuthor.objects.bulk_create(bylines, batch_size=1000)
        ArticleTag.objects.bulk_create(topics, batch_size=1000)
        return [page.pk for page in pages]

    def _insert_articles(self, articles):
        """INSERT the article table rows alone: ``bulk_create`` refuses multi-table inheritance."""
        fields = ArticlePage._meta.local_concrete_fields
        assert {f.attname for f in fields} == set(vars(articles[0])), "ArticlePage fields changed"
        batch = min(500, max(1, connections[self.db].ops.bulk_batch_size(fields, articles) or 500))
        manager = ArticlePage._base_manager.using(self.db)
        for start in range(0, len(articles), batch):
            # raw=True: each value is read from the row as given (no model instance needed).
            manager._insert(articles[start : start + batch], fields=fields, raw=True)
