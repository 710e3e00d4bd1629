"""Topic and author pages a query names: «روسيا» offers the topic «روسيا», «ليلى حداد» her page.

A query names a page when its analysed words are the page's analysed name (so «اسرائيل» names the
topic «إسرائيل», and «الروسية» does not name «روسيا»). The names of every topic of a public story and every
author are analysed once per change (the map is kept under the ``listing``, ``authors`` and ``topics`` tags:
a publication, an author or a topic saved) rather than on every search.
"""

from dataclasses import dataclass

from django.db.models import CharField, Exists, OuterRef, Value
from django.urls import reverse
from taggit.models import Tag

from khabar.arabic.analyzer import analyze
from khabar.core.pagecache import kept
from khabar.newsroom.models import ArticleTag, Author
from khabar.newsroom.models.pages import Unrestricted


@dataclass(frozen=True)
class NamedPage:
    kind: str  # "topic" or "author"
    name: str
    url: str


def _names() -> dict[str, list[NamedPage]]:
    found = {}
    # A topic is named while one public live story has it: found from each topic's newest links (an index
    # range that stops at the first), where "in the live stories" read every story and every link.
    live_link = ArticleTag.objects.filter(
        tag_id=OuterRef("pk"), content_object__live=True, content_object__published_at__isnull=False
    ).filter(Unrestricted("content_object__path"))
    topics = Tag.objects.filter(Exists(live_link)).annotate(kind=Value("topic", output_field=CharField()))
    authors = Author.objects.annotate(kind=Value("author", output_field=CharField()))
    # One query for both (the search page's query count is bounded); topics first, each by name.
    rows = (
        topics.order_by()
        .values_list("kind", "name", "slug")
        .union(authors.order_by().values_list("kind", "name", "slug"), all=True)
        .order_by("-kind", "name")
    )
    for kind, name, slug in rows:
        page = NamedPage(kind, name, reverse(f"newsroom:{kind}", args=[slug]))
        found.setdefault(analyze(name), []).append(page)
    return found


def named_pages(text: str, request=None) -> list[NamedPage]:
    """The topic pages (first) and author pages whose name is the query ``text``."""
    key = analyze(text)
    if not key:
        return []
    # A publication can name a topic for the first time; renaming an author or a topic changes a name.
    names = kept("search:names", lambda: (_names(), ["listing", "authors", "topics"]), request)
    return sorted(names.get(key, []), key=lambda page: page.kind != "topic")
