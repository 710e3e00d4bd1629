from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from khabar.core.pagecache import tag_version

from . import breaking
from .models import SectionPage, public_pages


def _nav_sections(request):
    # Every page shows the masthead: its sections are kept in the cache until a section or the
    # home page is published, unpublished or deleted (the "settings" tag), not queried each view.
    key = f"nav-sections:{tag_version('settings', request)}"
    sections = cache.get(key)
    if sections is None:
        sections = list(
            public_pages(SectionPage.objects.live()).order_by("path").only("id", "title", "url_path")
        )
        cache.set(key, sections, timeout=None)
    return sections


def breaking_news(request):
    """The «عاجل» banner's stories (lazy: looked up when the base template shows the banner)."""
    return {"breaking_news": SimpleLazyObject(lambda: breaking.for_request(request))}


def navigation(request):
    """The sections of the masthead, in tree order (lazy: only looked up when a template shows them)."""
    return {"nav_sections": SimpleLazyObject(lambda: _nav_sections(request))}
