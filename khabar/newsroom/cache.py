"""Anonymous page cache with tag-based invalidation.

A view marks what its output depends on with :func:`tag_request` (``page:12``,
``section:3``, ``author:7``, ``topic:5``, ``listing`` …). The middleware stores
the rendered response with the version of each tag at render time; a later hit
is served only while every tag still has that version. :func:`invalidate`
gives a tag a new version, so every page that showed it is rebuilt on its next
view, wherever it is cached. Views that set no tag are never cached, nor are
responses to logged-in users, non-GET requests, or responses that set cookies.

Tag versions live in the same cache as the pages (``CACHE_URL``): with Redis
every web and worker process shares them; local memory is per process.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

HEADER = "X-Khabar-Cache"
_STORED_HEADERS = ("Content-Type", "Content-Language", "Last-Modified", "Link")


def tag_request(request, *tags):
    """Declare that the response to ``request`` depends on ``tags``."""
    if not hasattr(request, "_cache_tags"):
        request._cache_tags = set()
    request._cache_tags.update(str(tag) for tag in tags if tag)


def invalidate(*tags):
    """Give each tag a new version: every cached page that depends on it goes stale."""
    if tags:
        cache.set_many({_version_key(tag): uuid.uuid4().hex for tag in tags}, timeout=None)


def tag_version(tag):
    """The current version of ``tag``: part of a cache key that goes stale with the tag."""
    return _current_versions([tag])[_version_key(tag)]


def _version_key(tag):
    return f"cachetag:{tag}"


def _page_key(request):
    raw = f"{request.get_host()}{request.get_full_path()}"
    return "pagecache:" + hashlib.sha256(raw.encode()).hexdigest()


def _current_versions(tags):
    keys = [_version_key(tag) for tag in tags]
    versions = cache.get_many(keys)
    missing = {key: uuid.uuid4().hex for key in keys if key not in versions}
    if missing:
        for key, value in missing.items():
            # add() keeps a version another process set in the meantime.
            if not cache.add(key, value, timeout=None):
                value = cache.get(key)
            versions[key] = value
    return versions


def _is_anonymous_get(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
        return False
    return True


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_anonymous_get(request):
            return self.get_response(request)
        key = _page_key(request)
        if (hit := self._lookup(key)) is not None:
            return hit
        response = self.get_response(request)
        self._store(request, response, key)
        return response

    def _lookup(self, key):
        entry = cache.get(key)
        if not entry:
            return None
        if cache.get_many(list(entry["versions"])) != entry["versions"]:
            return None
        response = HttpResponse(entry["content"], status=200)
        for name, value in entry["headers"].items():
            response[name] = value
        response[HEADER] = "hit"
        return response

    def _store(self, request, response, key):
        tags = getattr(request, "_cache_tags", None)
        if (
            not tags
            or response.status_code != 200
            or response.streaming
            or response.cookies
            or response.has_header("Cache-Control")
            and "private" in response["Cache-Control"]
        ):
            return
        entry = {
            "versions": _current_versions(sorted(tags)),
            "content": response.content,
            "headers": {name: response[name] for name in _STORED_HEADERS if response.has_header(name)},
        }
        cache.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
        response[HEADER] = "miss"
