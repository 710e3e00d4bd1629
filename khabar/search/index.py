"""Keeping the search documents in step with the live articles.

``reindex(ids)`` (re)builds the documents of the given articles now: live ones are written, the
others (unpublished, deleted, never published) are removed. ``enqueue_reindex(ids)`` hands the
same work to the task worker in batches; the article importer and the publish signals use it.
"""

import json
from collections.abc import Iterable

from django.db import transaction
from django.db.models import TextField
from django.db.models.functions import Cast

from khabar.arabic.analyzer import analyze
from khabar.core.markup import strip_tags
from khabar.newsroom.models import ArticleAuthor, ArticlePage, ArticleTag, public_pages

from .models import SearchDocument, doc_key, facet_tokens

BATCH = 500


def body_blocks(queryset):
    """``queryset`` annotated with ``body_json``: the body's stored JSON as text.

    Reading the column as text skips StreamField's conversion of every block, which costs more
    than the whole search query when a page of results is loaded.
    """
    return queryset.annotate(body_json=Cast("body", output_field=TextField()))


def article_text(standfirst: str, body_json: str | None, dateline_city: str = "") -> str:
    """Standfirst, every text block of the body and the dateline city, as plain text."""
    parts = [standfirst]
    for block in json.loads(body_json or "[]"):
        value = block.get("value")
        if block.get("type") == "paragraph":
            parts.append(strip_tags(value or "", sanitized=True))
        elif block.get("type") == "subheading":
            parts.append(value or "")
        elif block.get("type") == "quote":
            parts += [value.get("quote", ""), value.get("attribution", "")]
        elif block.get("type") == "image":
            parts.append(value.get("caption", ""))
    parts.append(dateline_city)
    return "\n".join(part for part in parts if part)


def _grouped(pairs) -> dict[int, list]:
    grouped = {}
    for key, value in pairs:
        grouped.setdefault(key, []).append(value)
    return grouped


def reindex(ids: Iterable[int]) -> int:
    """Rebuild the documents of articles ``ids`` now; returns how many are indexed (live)."""
    ids = list(dict.fromkeys(int(i) for i in ids))
    indexed = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        rows = body_blocks(
            public_pages(ArticlePage.objects.live()).filter(pk__in=chunk, first_published_at__isnull=False)
        )
        bylines = ArticleAuthor.objects.filter(article_id__in=chunk).order_by("sort_order", "pk")
        authors = _grouped(bylines.values_list("article_id", "author_id"))
        author_names = _grouped(bylines.values_list("article_id", "author__name"))
        topics = _grouped(
            ArticleTag.objects.filter(content_object_id__in=chunk)
            .order_by("pk")
            .values_list("content_object_id", "tag__name")
        )
        # Topics count as headline words (what the story is about); the byline and the section as
        # body words, so «روسيا» finds the story tagged «روسيا» and an author's name their stories.
        documents = [
            SearchDocument(
                article_id=pk,
                headline=analyze("\n".join([title, *topics.get(pk, ())])),
                body=analyze(
                    "\n".join(
                        [article_text(standfirst, body_json, city), *author_names.get(pk, ()), section or ""]
                    )
                ),
                published_at=published_at,
                section_id=section_id,
                facets=" ".join(facet_tokens(section_id, sorted(authors.get(pk, ())))),
                doc_key=doc_key(published_at, pk),
            )
            for pk, title, standfirst, city, body_json, published_at, section_id, section in rows.values_list(
                "pk",
                "title",
                "standfirst",
                "dateline_city",
                "body_json",
                "first_published_at",
                "section_id",
                "section__title",
            )
        ]
        with transaction.atomic():
            SearchDocument.objects.filter(
                article_id__in=set(chunk) - {d.article_id for d in documents}
            ).delete()
            SearchDocument.objects.bulk_create(
                documents,
                update_conflicts=True,
                unique_fields=["article"],
                update_fields=["headline", "body", "published_at", "section_id", "facets", "doc_key"],
            )
        indexed += len(documents)
    return indexed


def remove(ids: Iterable[int]) -> None:
    SearchDocument.objects.filter(article_id__in=list(ids)).delete()


def enqueue_reindex(ids: Iterable[int]) -> int:
    """Queue the reindexing of articles ``ids`` for the task worker, once the current transaction
    commits, in batches of ``BATCH``; returns the number of tasks queued."""
    from .tasks import reindex_articles

    ids = list(dict.fromkeys(int(i) for i in ids))
    batches = [ids[i : i + BATCH] for i in range(0, len(ids), BATCH)]
    for batch in batches:
        transaction.on_commit(lambda batch=batch: reindex_articles.enqueue(batch))
    return len(batches)


def live_article_ids():
    return (
        public_pages(ArticlePage.objects.live())
        .filter(first_published_at__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def rebuild(progress=None) -> int:
    """Rebuild every document now (``khabar search-reindex``); ``progress(done, total)`` is told per batch."""
    ids = list(live_article_ids())
    live = set(ids)
    stale = [
        pk for pk in SearchDocument.objects.values_list("article_id", flat=True).iterator() if pk not in live
    ]
    for start in range(0, len(stale), BATCH):
        remove(stale[start : start + BATCH])
    done = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        reindex(chunk)
        done += len(chunk)
        if progress:
            progress(done, len(ids))
    return len(ids)
