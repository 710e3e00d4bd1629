"""Breaking news: stories marked «عاجل» until a time, shown in a banner on every page until then.

The live breaking stories are kept in the cache under the ``breaking`` tag's version. Every cached
page that shows the banner depends on that tag, and lives no longer than the first expiry among the
stories it shows, so the banner appears as soon as a story is published and goes at its expiry.
"""

from django.utils import timezone

from khabar.core.pagecache import KEPT_SECONDS, also_tag, expire_at, invalidate, kept, kept_value, shared_tag

from .models import ArticlePage
from .models.pages import public_pages

TAG = shared_tag("breaking")


KEY = "breaking-news"


def current(request=None):
    """The live breaking stories, newest first: dicts of ``pk``, ``title``, ``url``, ``until``."""
    now = timezone.now()

    def live():
        stories = [
            {"pk": story.pk, "title": story.title, "url": story.url, "until": story.breaking_until}
            for story in public_pages(ArticlePage.objects.live())
            .filter(breaking_until__gt=now)
            .order_by("-published_at", "-pk")
            .only("title", "url_path", "breaking_until")
        ]
        return stories, [TAG]

    def until_first_expiry(stories):
        first = min((story["until"] for story in stories), default=None)
        return KEPT_SECONDS if first is None else max(1, int((first - now).total_seconds()) + 1)

    stories = kept(KEY, live, request, timeout=until_first_expiry)
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
    shown = kept_value(KEY)
    if shown is None or article.is_breaking() or any(story["pk"] == article.pk for story in shown):
        invalidate(TAG)
