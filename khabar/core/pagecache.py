"""Anonymous page cache with tag-based invalidation.

A view marks what its output depends on with :func:`tag_request` (``page:12``,
``section:3``, ``author:7``, ``topic:5``, ``listing`` …). The middleware stores
the rendered response in the cache (``CACHE_URL``) with the version of each tag
at render time; a later hit is served only while every tag still has that
version. :func:`invalidate` gives a tag a new version, so every page that showed
it is rebuilt on its next view, wherever it is cached, and asks the edge caches
to purge it (:mod:`khabar.core.edge`). Views that set no tag are never cached,
nor are responses to logged-in users, non-GET requests, or responses that set
cookies.

Tag versions live in the database (:class:`~khabar.core.models.CacheTag`), so an
invalidation by any process (a web worker, the task worker, a ``khabar``
command) reaches every other one at once, whatever the cache, and an
invalidation made while the cache is unreachable is not lost.
"""

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpResponse

from . import edge
from .models import CacheTag

HEADER = "X-Khabar-Cache"
_STORED_HEADERS = ("Content-Type", "Content-Language", "Last-Modified", "Link")


def _now_us():
    return time.time_ns() // 1000


def tag_request(request, *tags):
    """Declare that the response to ``request`` depends on ``tags``."""
    if not hasattr(request, "_cache_tags"):
        request._cache_tags = set()
    request._cache_tags.update(str(tag) for tag in tags if tag)


def also_tag(request, *tags):
    """Add ``tags`` to a response that is cached anyway; one whose view set no tag stays uncached."""
    if getattr(request, "_cache_tags", None):
        tag_request(request, *tags)


def expire_at(request, when):
    """Keep the cached response to ``request`` no later than ``when`` (an aware datetime)."""
    current = getattr(request, "_cache_expires", None)
    request._cache_expires = when.timestamp() if current is None else min(current, when.timestamp())


def _lifetime(expires):
    """Seconds a cached page may still live: PAGE_CACHE_SECONDS, or less when it shows something that expires."""
    if expires is None:
        return settings.PAGE_CACHE_SECONDS
    return min(settings.PAGE_CACHE_SECONDS, math.floor(expires - time.time()))


def invalidate(*tags):
    """Give each tag a new version: every cached page that depends on it goes stale, here and at the edge."""
    tags = sorted({str(tag) for tag in tags if tag})
    if not tags:
        return
    _mark_changed(tags)
    if connection.in_atomic_block:
        # Inside a transaction the change is seen by others only at commit: a render that began
        # before then read the old data, and the later version keeps it from being stored.
        transaction.on_commit(lambda: _mark_changed(tags))
    edge.purge_on_commit(tags)


def _mark_changed(tags):
    changed = _now_us()
    CacheTag.objects.bulk_create(
        [CacheTag(tag=tag, changed=changed) for tag in tags],
        update_conflicts=True,
        unique_fields=["tag"],
        update_fields=["changed"],
    )


def tag_versions(tags, request=None):
    """``{tag: version}`` for ``tags``; a tag that never changed is 0.

    With ``request``, versions already read for it (by the cache look-up, before the render) are
    reused: a render that reads a version before it reads the data it shows is never stale for it.
    """
    tags = sorted(set(tags))
    known = getattr(request, "_tag_versions", {})
    missing = [tag for tag in tags if tag not in known]
    found = {}
    if missing:
        table = connection.ops.quote_name(CacheTag._meta.db_table)
        with connection.cursor() as cursor:
            # Plain SQL: this runs on every cache hit, where building an ORM query would cost more than it.
            cursor.execute(
                f"SELECT tag, changed FROM {table} WHERE tag IN ({', '.join(['%s'] * len(missing))})", missing
            )
            found = dict(cursor.fetchall())
    return {tag: known[tag] if tag in known else found.get(tag, 0) for tag in tags}


def tag_version(tag, request=None):
    """The current version of ``tag``: part of a cache key that goes stale with the tag.

    With ``request``, the caller reads what the tag stands for after this call, so the page being
    rendered may be stored with this version (it is remembered on the request, and read only once).
    """
    version = tag_versions([tag], request)[tag]
    if request is not None:
        request._tag_versions = {**getattr(request, "_tag_versions", {}), tag: version}
    return version


def _page_key(request):
    raw = f"{request.get_host()}{request.get_full_path()}"
    return "pagecache:" + hashlib.sha256(raw.encode()).hexdigest()


def _edge_headers(response, tags, lifetime):
    """Let an edge cache (Varnish, a CDN) keep the page until one of its tags is purged."""
    response[edge.KEY_HEADER] = " ".join(sorted(tags))
    response["Cache-Control"] = (
        f"public, max-age=0, s-maxage={lifetime}, "
        f"stale-while-revalidate=30, stale-if-error={edge.STALE_IF_ERROR_SECONDS}"
    )


def _lookup(request):
    entry = cache.get(_page_key(request))
    if not entry:
        return None
    lifetime = _lifetime(entry.get("expires"))
    if lifetime < 1:
        return None
    versions = tag_versions(entry["versions"])
    if versions != entry["versions"]:
        request._tag_versions = versions  # read before the render: the new entry can use them
        return None
    response = HttpResponse(entry["content"], status=200)
    for name, value in entry["headers"].items():
        response[name] = value
    response[HEADER] = "hit"
    _edge_headers(response, entry["versions"], lifetime)
    return response


def _store(request, response, started):
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
    response[HEADER] = "miss"
    expires = getattr(request, "_cache_expires", None)
    lifetime = _lifetime(expires)
    if lifetime < 1:
        return
    known = getattr(request, "_tag_versions", {})
    versions = tag_versions(tags, request)
    if any(version >= started for tag, version in versions.items() if tag not in known):
        return  # a tag changed while this page was rendered: it may show the old data
    entry = {
        "versions": versions,
        "content": response.content,
        "headers": {name: response[name] for name in _STORED_HEADERS if response.has_header(name)},
        "expires": expires,
    }
    cache.set(_page_key(request), entry, timeout=lifetime)
    _edge_headers(response, tags, lifetime)


def _is_get(request):
    return request.method in ("GET", "HEAD")


class PageCacheHitMiddleware:
    """Answers cache hits before sessions, CSRF and authentication are looked at.

    Only for requests without a session cookie: those are anonymous for certain. The others
    (a reader who fetched the comment form, an editor) go on to :class:`AnonymousPageCacheMiddleware`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _is_get(request) and settings.SESSION_COOKIE_NAME not in request.COOKIES:
            request._page_cache_looked_up = True
            if (hit := _lookup(request)) is not None:
                return hit
        return self.get_response(request)


class AnonymousPageCacheMiddleware:
    """Stores anonymous pages (and answers hits for anonymous readers who carry a session)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_get(request) or (
            settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated
        ):
            return self.get_response(request)
        if not getattr(request, "_page_cache_looked_up", False) and (hit := _lookup(request)) is not None:
            return hit
        started = _now_us()
        response = self.get_response(request)
        _store(request, response, started)
        return response
