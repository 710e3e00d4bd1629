from django.utils.functional import SimpleLazyObject

from . import breaking
from .models.pages import public_sections


def breaking_news(request):
    """The «عاجل» banner's stories (lazy: looked up when the base template shows the banner)."""
    return {"breaking_news": SimpleLazyObject(lambda: breaking.for_request(request))}


def navigation(request):
    """The sections of the masthead, in tree order (lazy: only looked up when a template shows them).

    Every page shows the masthead: the sections come from the cache, not a query each view."""
    return {"nav_sections": SimpleLazyObject(lambda: public_sections(request))}
