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
invalidation made while the cache is unreachable is not lost. Each web process
keeps recent entries in front of the cache too (:class:`LocalPages`), checked
against the same versions on every hit.
"""

import hashlib
import math
import pickle
import threading
import time
from collections import OrderedDict
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest, get_str_from_wsgi
from django.core.signals import setting_changed
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, transaction
from django.http import HttpResponse
from django.http.cookie import parse_cookie

from . import edge
from .cache_backends import cleared
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


def _read_versions(tags):
    """``{tag: version}`` for ``tags``, read on the DB-API connection under Django's.

    For CachedPagesApp, outside Django's request handling: Django's cursor costs several times the
    query itself on a hit. Errors are Django's (and mark the connection for a check at the next request).
    """
    tags = sorted(set(tags))
    db = connections[DEFAULT_DB_ALIAS]  # once: each attribute of ``connection`` looks it up again
    with db.wrap_database_errors:
        db.ensure_connection()
        cursor = db.connection.cursor()
        try:
            cursor.execute(_versions_query(db.vendor, db.Database.paramstyle, len(tags)), tags)
            found = dict(cursor.fetchall())
        finally:
            cursor.close()
    return {tag: found.get(tag, 0) for tag in tags}


@lru_cache(maxsize=64)
def _versions_query(vendor, paramstyle, count):
    table = connections[DEFAULT_DB_ALIAS].ops.quote_name(CacheTag._meta.db_table)
    mark = "?" if paramstyle == "qmark" else "%s"
    return f"SELECT tag, changed FROM {table} WHERE tag IN ({', '.join([mark] * count)})"


# Tags that almost every page reads the version of (the masthead's, the breaking banner's …): the first
# version a render reads brings all of them in the same query.
_SHARED_TAGS = set()


def shared_tag(tag):
    """Declare ``tag`` one that almost every page reads: :func:`tag_version` reads it with the others."""
    _SHARED_TAGS.add(tag)
    return tag


def shared_tags():
    """The tags declared with :func:`shared_tag`."""
    return set(_SHARED_TAGS)


def tag_version(tag, request=None):
    """The current version of ``tag``.

    With ``request``, the caller reads what the tag stands for after this call, so the page being
    rendered may be stored with this version (it is remembered on the request, and read only once,
    together with the :func:`shared_tag` versions the render will read later: read before their data,
    they can only make a stored page go stale sooner).
    """
    return _versions([tag], request)[tag]


# How long a value computed under tag versions may stay in the cache unused. Its tags, not this, keep it
# true: a bound only so that values kept under versions gone by do not pile up in a cache without LRU.
KEPT_SECONDS = 24 * 60 * 60


def kept(key, compute, request=None, timeout=KEPT_SECONDS):
    """``compute()``'s value, kept in the cache under ``key`` while the tags it depends on keep their versions.

    ``compute`` returns ``(value, tags)``, with ``tags`` None for a value not to keep. A kept value is used
    only while every one of its tags still has the version it had before the value was computed, read from
    the database (in one query, without the versions this request has read already), so a change made by
    any process is seen at once; a value computed while one of its tags changed is not kept. ``None`` is a
    value like any other. With a shared cache (Redis), each process keeps the values it used in front of it
    (:func:`_kept_locally`), checked the same way; with the cache unreachable, values are computed (and kept
    by the process). ``timeout`` may be a function of the value (seconds, or ``None``).

    With ``request``, the versions read are remembered for the render, and the tags are added to those of
    a page that is cached anyway (:func:`also_tag`): the page goes stale with the value it shows.
    """
    local = _kept_locally()
    for entry in _kept_entries(key, local):
        versions = _versions(entry["versions"], request)
        if versions == entry["versions"]:
            if request is not None:
                also_tag(request, *versions)
            return entry["value"]
    started = _now_us()
    value, tags = compute()
    if tags is None:
        return value
    known = getattr(request, "_tag_versions", {})
    versions = _versions(tags, request)
    if not any(version >= started for tag, version in versions.items() if tag not in known):
        entry = {"versions": versions, "value": value}
        seconds = timeout(value) if callable(timeout) else timeout
        cache.set(key, entry, timeout=seconds)
        _keep_locally(local, key, entry, seconds)
    if request is not None:
        also_tag(request, *versions)
    return value


def _kept_entries(key, local):
    """The entries :func:`kept` may use for ``key``: this process's own, then the shared cache's.

    Each is a copy (the value is unpickled for every use: a render changes the objects it is given).
    """
    if local is not None and (held := local.get(key)) is not None:
        yield pickle.loads(held["content"])
        local.discard(key, held)  # asked for the next one: its versions did not hold
    if (entry := cache.get(key)) is not None:
        _keep_locally(local, key, entry)
        yield entry


def _keep_locally(local, key, entry, seconds=None):
    """Put a kept entry in this process's level, pickled (each use unpickles its own copy)."""
    if local is not None:
        local.put(key, {"content": pickle.dumps(entry), "until": time.time() + (seconds or KEPT_SECONDS)})


_kept_local = []  # [LocalPages or None], made at first use


def _kept_locally():
    """This process's level in front of a shared cache for kept values (PAGE_CACHE_LOCAL_BYTES), or None.

    It only saves the round trip to the shared cache: every value from it is checked against the tag
    versions in the database like a shared one. None with the local-memory cache, which is this level.
    """
    if not _kept_local:
        shared = not isinstance(caches["default"], LocMemCache)
        size = settings.PAGE_CACHE_LOCAL_BYTES if shared else 0
        _kept_local.append(LocalPages(size) if size else None)
    return _kept_local[0]


def _forget_kept_locally(**kwargs):
    _kept_local.clear()


setting_changed.connect(_forget_kept_locally)
cleared.connect(_forget_kept_locally)


def kept_value(key):
    """The value :func:`kept` holds under ``key``, current or not, or None: what pages may be showing."""
    entry = cache.get(key)
    return None if entry is None else entry["value"]


def _versions(tags, request):
    """``{tag: version}`` for ``tags``; with ``request``, remembered for its render, and the first read
    brings the :func:`shared_tag` versions in the same query (as :func:`tag_version`)."""
    if request is None:
        return tag_versions(tags)
    known = getattr(request, "_tag_versions", {})
    if missing := set(tags) - known.keys():
        request._tag_versions = known = {**known, **tag_versions(missing | (_SHARED_TAGS - known.keys()))}
    return {tag: known[tag] for tag in tags}


def _page_key(request):
    raw = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return "pagecache:" + hashlib.sha256(raw.encode()).hexdigest()


def _edge_headers(response, tags, lifetime):
    """Let an edge cache (Varnish, a CDN) keep the page until one of its tags is purged."""
    for name, value in _edge_header_items(tags, lifetime):
        response[name] = value


def _edge_header_items(tags, lifetime):
    return (
        (edge.KEY_HEADER, " ".join(sorted(tags))),
        (
            "Cache-Control",
            f"public, max-age=0, s-maxage={lifetime}, "
            f"stale-while-revalidate=30, stale-if-error={edge.STALE_IF_ERROR_SECONDS}",
        ),
    )


def _fresh_entry(key, read_versions=tag_versions, local=None):
    """``(entry, remaining lifetime, versions read)`` for the page cached under ``key``; the entry is None when
    there is none to serve (the versions read before the render may still be kept for it).

    With ``local`` (a process's :class:`LocalPages`) that is looked in first; what it holds is checked as an entry of
    the shared cache is (its lifetime, then its tags' versions in the database) and dropped when stale, and an
    entry served from the shared cache is kept in it.
    """
    read = {}
    if local is not None and (entry := local.get(key)) is not None:
        if (lifetime := _servable(entry, read_versions, read)) is not None:
            return entry, lifetime, read
        local.discard(key, entry)
    entry = cache.get(key)
    if not entry or (lifetime := _servable(entry, read_versions, read)) is None:
        return None, None, read
    if local is not None:
        local.put(key, entry)
    return entry, lifetime, read


def _servable(entry, read_versions, read):
    """The remaining lifetime of ``entry`` while every tag has its version, else None; versions read go in ``read``."""
    lifetime = _lifetime(entry.get("expires"))
    if lifetime < 1:
        return None
    wanted = entry["versions"]
    if not wanted.keys() <= read.keys():
        read.update(read_versions(wanted))
    return lifetime if wanted.items() <= read.items() else None


def _lookup(request):
    entry, lifetime, read = _fresh_entry(_page_key(request), local=request.META.get(_LOCAL))
    if entry is None:
        if read:
            request._tag_versions = read  # read before the render: the new entry can use them
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
        "until": time.time() + lifetime,  # when the shared cache drops it: a process keeps it no longer
    }
    key = _page_key(request)
    cache.set(key, entry, timeout=lifetime)
    if (local := request.META.get(_LOCAL)) is not None:
        local.put(key, entry)
    _edge_headers(response, tags, lifetime)


def _is_get(request):
    return request.method in ("GET", "HEAD")


def _anonymous_get(request):
    """A GET or HEAD without a session cookie: anonymous for certain."""
    return _is_get(request) and settings.SESSION_COOKIE_NAME not in request.COOKIES


class PageCacheHitMiddleware:
    """Answers cache hits before sessions, CSRF and authentication are looked at.

    Only for requests without a session cookie: those are anonymous for certain. The others
    (a reader who fetched the comment form, an editor) go on to :class:`AnonymousPageCacheMiddleware`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _anonymous_get(request):
            request._page_cache_looked_up = True
            if (versions := request.META.get(_MISSED)) is not None:
                # CachedPagesApp looked this request up already and found nothing to serve.
                request._tag_versions = versions
            elif (hit := _lookup(request)) is not None:
                return hit
        return self.get_response(request)


# Set by CachedPagesApp on the WSGI environ (request.META) when it looked a request up and missed:
# the tag versions it read, for the render.
_MISSED = "khabar.pagecache.missed"
# Set by CachedPagesApp on the WSGI environ of the GET and HEAD requests it passes to Django: its
# LocalPages, for the lookups and stores of the middleware in the same process.
_LOCAL = "khabar.pagecache.local"
# What a stored entry or the page cache itself says; the rest of a hit's headers (the security
# headers the middleware above the page cache adds) are the same for every hit of a scheme.
_ENTRY_HEADERS = frozenset(
    name.lower()
    for name in (
        *_STORED_HEADERS,
        HEADER,
        edge.KEY_HEADER,
        "Cache-Control",
        "Content-Length",
        "Date",
        "Server",
    )
)


class LocalPages:
    """A process's own level in front of the shared cache: entries it read from or stored to it, by key.

    Bounded by the total bytes of the pages' content, the least recently used going first, and each kept no
    longer than the shared cache keeps it (the entry's ``until``; an entry stored without one is not kept).
    It only saves fetching the entry: whatever it holds is checked as a shared entry is, against the tag
    versions in the database, so an invalidation by any process is seen at once.
    """

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self.size = 0  # bytes of content held
        self._entries = OrderedDict()
        self._lock = threading.Lock()  # the server's threads share it

    def __len__(self):
        return len(self._entries)

    def get(self, key):
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry["until"] <= time.time():
                self._remove(key)
                return None
            self._entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        size = len(entry["content"])
        if "until" not in entry or size > self.max_bytes:
            return
        with self._lock:
            if key in self._entries:
                self._remove(key)
            self._entries[key] = entry
            self.size += size
            while self.size > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self.size -= len(dropped["content"])

    def discard(self, key, entry):
        """Drop ``entry`` if it is still the one held for ``key`` (another thread may have put a newer one)."""
        with self._lock:
            if self._entries.get(key) is entry:
                self._remove(key)

    def _remove(self, key):
        self.size -= len(self._entries.pop(key)["content"])


# The environ variables a page's key and scheme are computed from by Django's request (``WSGIRequest``'s
# path, ``scheme``, ``get_host`` and ``get_full_path``); with SECURE_PROXY_SSL_HEADER, its header too.
_KEY_ENVIRON = (
    "PATH_INFO",
    "QUERY_STRING",
    "HTTP_HOST",
    "wsgi.url_scheme",
    "SCRIPT_NAME",
    "SCRIPT_URL",
    "REDIRECT_URL",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "SERVER_NAME",
    "SERVER_PORT",
)


class _RequestKeys:
    """``(scheme, page key)`` of a WSGI environ: what Django's request gives (``_page_key``), computed from a
    WSGIRequest and, once a hit was served with it, remembered by the environ values it is computed from
    (``_KEY_ENVIRON``), as building the request costs more than the rest of a hit. The settings it also
    depends on (ALLOWED_HOSTS, DEBUG, SECURE_PROXY_SSL_HEADER, USE_X_FORWARDED_HOST/PORT, FORCE_SCRIPT_NAME)
    make it forget everything when one changes (tests); a host Django refuses is never remembered.
    """

    LIMIT = 4096  # keys remembered; all are forgotten when full

    def __init__(self):
        self._names = None
        self._known = {}
        setting_changed.connect(self.forget, weak=False)

    def forget(self, **kwargs):
        self._names = None
        self._known = {}

    def __call__(self, environ):
        """``(scheme, key, values)``: ``values`` (for :meth:`remember`) is None when the key was remembered."""
        if (names := self._names) is None:
            proxy_header = settings.SECURE_PROXY_SSL_HEADER
            names = self._names = (*_KEY_ENVIRON, *(proxy_header[:1] if proxy_header else ()))
        values = tuple(map(environ.get, names))
        if (known := self._known.get(values)) is not None:
            return (*known, None)
        request = WSGIRequest(environ.copy())  # Django's handler builds its own from the original
        return request.scheme, _page_key(request), values  # DisallowedHost for a host Django refuses

    def remember(self, values, scheme, key):
        if len(self._known) >= self.LIMIT:
            self._known = {}
        self._known[values] = (scheme, key)


_request_keys = _RequestKeys()


def _has_session_cookie(environ):
    """``SESSION_COOKIE_NAME in request.COOKIES``, as WSGIRequest parses them."""
    return "HTTP_COOKIE" in environ and settings.SESSION_COOKIE_NAME in parse_cookie(
        get_str_from_wsgi(environ, "HTTP_COOKIE", "")
    )


class CachedPagesApp:
    """The WSGI application, with anonymous cache hits answered before Django's handler.

    A hit through Django still builds a request, runs the middleware above the page cache and sends the
    request signals; here a hit is the cached bytes and a header list. Whatever could answer differently
    from a cached page is left to Django: anything but GET and HEAD, a session cookie, a host Django
    refuses, a URL nothing stored (so every redirect and refusal above the page cache still happens:
    an entry exists only for a request that went all the way down to the page cache). The headers the
    middleware adds around a hit (security headers, Content-Security-Policy) are taken from the first hit
    Django answers for each scheme, so they are whatever the settings make them.

    Entries are looked up in the process's :class:`LocalPages` (PAGE_CACHE_LOCAL_BYTES; 0: none) before the
    shared cache; the middleware below, in the same process, uses it too (``_LOCAL`` on the environ).
    """

    def __init__(self, application):
        self.application = application
        self._around = {}  # scheme -> headers the middleware adds to a hit
        size = settings.PAGE_CACHE_LOCAL_BYTES
        self.local = LocalPages(size) if size > 0 else None

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD")
        if method not in ("GET", "HEAD"):
            return self.application(environ, start_response)
        if self.local is not None:
            environ[_LOCAL] = self.local
        try:
            scheme, key, values = _request_keys(environ)
            if (answer := self._answer(key, scheme, method, environ, start_response)) is not None:
                if values is not None:
                    _request_keys.remember(values, scheme, key)
                return answer
        except (DisallowedHost, DatabaseError):
            pass  # Django answers it: a 400, or a page rendered after a reconnect
        else:
            if scheme not in self._around:
                start_response = self._learning(scheme, start_response)
        return self.application(environ, start_response)

    def _answer(self, key, scheme, method, environ, start_response):
        around = self._around.get(scheme)
        if around is None or _has_session_cookie(environ):
            return None
        entry, lifetime, read = _fresh_entry(key, _read_versions, self.local)
        if entry is None:
            environ[_MISSED] = read
            return None
        content = entry["content"]
        start_response(
            "200 OK",
            [
                *entry["headers"].items(),
                (HEADER, "hit"),
                *_edge_header_items(entry["versions"], lifetime),
                ("Content-Length", str(len(content))),
                *around,
            ],
        )
        return [b"" if method == "HEAD" else content]

    def _learning(self, scheme, start_response):
        """Notes the headers around the first hit Django answers for ``scheme``."""

        def learn(status, headers, exc_info=None):
            if status.startswith("200") and (HEADER, "hit") in headers:
                if not any(name.lower() == "set-cookie" for name, _ in headers):
                    around = tuple(
                        (name, value) for name, value in headers if name.lower() not in _ENTRY_HEADERS
                    )
                    self._around.setdefault(scheme, around)
            return start_response(status, headers, exc_info)

        return learn


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
