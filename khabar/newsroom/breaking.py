"""Breaking news: stories marked «عاجل» until a time, shown in a banner on every page until then.

The live breaking stories are kept in the cache under the ``breaking`` tag's version. Every cached
page that shows the banner depends on that tag, and lives no longer than the first expiry among the
stories it shows, so the banner appears as soon as a story is published and goes at its expiry.
"""

from django.core.cache import cache
from django.utils import timezone

from khabar.core.pagecache import also_tag, expire_at, invalidate, shared_tag, tag_version

from .models import ArticlePage
from .models.pages import public_pages

TAG = shared_tag("breaking")


def _key(request=None):
    return f"breaking-news:{tag_version(TAG, request)}"


def current(request=None):
    """The live breaking stories, newest first: dicts of ``pk``, ``title``, ``url``, ``until``."""
    now = timezone.now()
    key = _key(request)
    stories = cache.get(key)
    if stories is None:
        stories = [
            {"pk": story.pk, "title": story.title, "url": story.url, "until": story.breaking_until}
            for story in public_pages(ArticlePage.objects.live())
            .filter(breaking_until__gt=now)
            .order_by("-published_at", "-pk")
            .only("title", "url_path", "breaking_until")
        ]
        first_expiry = min((story["until"] for story in stories), default=None)
        timeout = None if first_expiry is None else max(1, int((first_expiry - now).total_seconds()) + 1)
        cache.set(key, stories, timeout=timeout)
    return [story for story in stories if story["until"] > now]


def for_request(request):
    """The banner's stories; a cached response to ``request`` follows them (tag and expiry)."""
    stories = current(request)
    also_tag(request, TAG)
    if stories:
        expire_at(request, min(story["until"] for story in stories))
    return stories


def story_changed(article):
    """Called when ``article`` is published or unpublished: refresh the banner if it shows or showed it."""
    shown = cache.get(_key())
    if shown is None or article.is_breaking() or any(story["pk"] == article.pk for story in shown):
        invalidate(TAG)
