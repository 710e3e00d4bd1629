"""Counting story views on the site itself, and «الأكثر قراءة» from them.

A view is counted from a beacon the article page sends (so a view served from the page cache counts
too). Only ``HourlyViews`` rows are stored: a story, an hour, a number. To keep one reader from
counting a story twice, the address and browser (User-Agent) are hashed with a random salt that is
replaced every day and never written anywhere but the cache; the hash of that reader, the story and
the hour is kept in the cache for an hour, and a reader may send at most ``CLIENT_LIMIT`` beacons an
hour, repeated or not. Neither hash can be turned back into an address once the day's salt is gone.

The ranking (most views in the last ``WINDOW_HOURS`` hours) is recomputed at most every
``REFRESH_SECONDS``; when it changes, the ``most-read`` cache tag gets a new version, so the cached
pages that show it are rebuilt within minutes.
"""

import datetime as dt
import hashlib
import secrets

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from khabar.core.cache_backends import CacheUnavailable
from khabar.core.pagecache import invalidate, shared_tag
from khabar.newsroom.models.pages import live_articles
from khabar.ratelimit import address, hit

from .models import HourlyViews

TAG = shared_tag("most-read")  # the side column of most pages shows them
WINDOW_HOURS = 24
SHOWN = 5
CLIENT_LIMIT = (120, 3600)  # views counted per reader per hour, whatever the stories
REFRESH_SECONDS = 300
KEEP_DAYS = 8  # hourly rows older than this are deleted

COUNTED, SEEN, LIMITED, UNKNOWN = "counted", "seen", "limited", "unknown"
_RANKING_KEY = "readership:ranking"
_REFRESH_KEY = "readership:refreshed"


def hour_of(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC).replace(minute=0, second=0, microsecond=0)


def _salt(day: dt.date) -> str:
    return cache.get_or_set(f"readership:salt:{day.isoformat()}", secrets.token_hex(16), 2 * 86400)


def reader_hash(request, now: dt.datetime) -> str:
    """This reader today, as a salted hash: the same for each view today, unlinkable tomorrow."""
    agent = request.headers.get("User-Agent", "")
    raw = f"{_salt(now.astimezone(dt.UTC).date())}|{address(request)}|{agent}"
    return hashlib.sha256(raw.encode()).hexdigest()


def record(request, article_id: int, now: dt.datetime | None = None) -> str:
    """Count one view of story ``article_id`` by this request's reader; returns what was done."""
    now = now or timezone.now()
    hour = hour_of(now)
    try:
        reader = reader_hash(request, now)  # its daily salt is kept in the cache
        seen = hashlib.sha256(f"{reader}|{article_id}|{hour.isoformat()}".encode()).hexdigest()
        # The limit first, so that one client cannot fill the cache with «seen» keys either.
        if not hit("readership", reader, *CLIENT_LIMIT):
            return LIMITED
        if not cache.add(f"readership:seen:{seen}", 1, 3600):
            return SEEN
    except CacheUnavailable:
        return LIMITED  # without the cache a view cannot be told from a repeat: not counted
    if not live_articles().filter(pk=article_id).exists():
        return UNKNOWN
    _add_view(article_id, hour)
    refresh(now)
    return COUNTED


def _add_view(article_id: int, hour: dt.datetime) -> None:
    row = HourlyViews.objects.filter(article_id=article_id, hour=hour)
    if row.update(views=F("views") + 1):
        return
    try:
        with transaction.atomic():
            HourlyViews.objects.create(article_id=article_id, hour=hour, views=1)
    except IntegrityError:  # another request created the hour's row first
        row.update(views=F("views") + 1)


def ranking(now: dt.datetime | None = None) -> list[int]:
    """Ids of the ``SHOWN`` public stories with the most views in the last ``WINDOW_HOURS`` hours."""
    since = hour_of(now or timezone.now()) - dt.timedelta(hours=WINDOW_HOURS - 1)
    totals = (
        HourlyViews.objects.filter(hour__gte=since, article__in=live_articles().values("pk"))
        .values("article_id")
        .annotate(total=Sum("views"))
        .order_by("-total", "-article_id")
    )
    return [row["article_id"] for row in totals[:SHOWN]]


def refresh(now: dt.datetime | None = None, force: bool = False) -> list[int]:
    """Recompute the ranking when ``REFRESH_SECONDS`` have passed since the last time (or ``force``);
    a changed ranking renews the ``most-read`` tag. Returns the ranking in use."""
    try:
        due = cache.add(_REFRESH_KEY, 1, REFRESH_SECONDS)
    except CacheUnavailable:
        return ranking(now)  # the cache is down: rank from the database, renew nothing
    if not (due or force):
        current = cache.get(_RANKING_KEY)
        if current is not None:
            return current
    now = now or timezone.now()
    fresh = ranking(now)
    shown = cache.get(_RANKING_KEY)
    if fresh != shown:
        cache.set(_RANKING_KEY, fresh, None)
        if fresh or shown is not None:  # never ranked before and nothing to rank: no page changes
            invalidate(TAG)
    HourlyViews.objects.filter(hour__lt=hour_of(now) - dt.timedelta(days=KEEP_DAYS)).delete()
    return fresh


def most_read(now: dt.datetime | None = None) -> list:
    """The most read stories (pages, in rank order) as the last refresh ranked them."""
    ids = refresh(now)
    if not ids:
        return []
    pages = {page.pk: page for page in live_articles().filter(pk__in=ids)}
    return [pages[pk] for pk in ids if pk in pages]
