"""Topic and author pages a query names: «روسيا» offers the topic «روسيا», «ليلى حداد» her page.

A query names a page when its analysed words are the page's analysed name (so «اسرائيل» names the
topic «إسرائيل», and «الروسية» does not name «روسيا»). The names of every topic of a public story and every
author are analysed once per publication (the map is cached under the ``listing`` tag's version,
which each publication renews) rather than on every search.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.urls import reverse
from taggit.models import Tag

from khabar.arabic.analyzer import analyze
from khabar.core.pagecache import tag_version
from khabar.newsroom.models import ArticleTag, Author
from khabar.newsroom.models.pages import live_articles

CACHE_SECONDS = 3600


@dataclass(frozen=True)
class NamedPage:
    kind: str  # "topic" or "author"
    name: str
    url: str


def _names() -> dict[str, list[NamedPage]]:
    found = {}
    used = ArticleTag.objects.filter(content_object__in=live_articles().values("pk")).values("tag_id")
    for name, slug in Tag.objects.filter(pk__in=used).order_by("name").values_list("name", "slug"):
        page = NamedPage("topic", name, reverse("newsroom:topic", args=[slug]))
        found.setdefault(analyze(name), []).append(page)
    for name, slug in Author.objects.order_by("name").values_list("name", "slug"):
        page = NamedPage("author", name, reverse("newsroom:author", args=[slug]))
        found.setdefault(analyze(name), []).append(page)
    return found


def named_pages(text: str, request=None) -> list[NamedPage]:
    """The topic pages (first) and author pages whose name is the query ``text``."""
    key = analyze(text)
    if not key:
        return []
    cache_key = f"search:names:{tag_version('listing', request)}"
    names = cache.get(cache_key)
    if names is None:
        names = _names()
        cache.set(cache_key, names, CACHE_SECONDS)
    return sorted(names.get(key, []), key=lambda page: page.kind != "topic")
