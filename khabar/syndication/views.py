"""Partners' endpoints: one story (``/api/<format>/<id>``) and the stories changed since a time
(``/api/<format>/?since=…``), oldest change first, with a ``next`` link to poll.

Paging is by a cursor on (last publication, id): a story republished while a partner pages through
moves behind the cursor and comes again in a later page, never skipped, and ``next`` is always given,
so a partner stores it and polls it again later to get only what changed.
"""

import base64
import datetime as dt
from urllib.parse import urlencode

from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_safe

from khabar.newsroom.models import NewsroomSettings, SectionPage

from . import access
from .content import load_stories, syndicated_articles
from .formats import FORMATS

PAGE_SIZE = 50
MAX_PAGE_SIZE = 100


def _answer(body: bytes, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Language"] = "ar"
    return access.private(response)


def _publisher(request) -> str:
    return NewsroomSettings.for_request(request).publication_name


@require_safe
def story(request, fmt, pk):
    fmt = FORMATS[fmt]
    partner, refused = access.check(request)
    if refused:
        return refused
    article = syndicated_articles(partner).filter(pk=pk).first()
    if article is None:
        return access.refusal(access.NOT_FOUND, 404)
    (found,) = load_stories([article], request, _publisher(request))
    return _answer(fmt.item(found), fmt.content_type)


def encode_cursor(when: dt.datetime, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{when.isoformat()}|{pk}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str):
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        when, pk = raw.split("|")
        when = dt.datetime.fromisoformat(when)
        return (when, int(pk)) if when.tzinfo else None
    except (ValueError, UnicodeDecodeError):
        return None


def parse_since(value: str):
    try:
        when = parse_datetime(value.strip().replace(" ", "+"))  # a "+" left unencoded arrives as a space
    except ValueError:
        return None
    if when is None:
        return None
    return when if timezone.is_aware(when) else timezone.make_aware(when)


@require_safe
def stories(request, fmt):
    fmt = FORMATS[fmt]
    partner, refused = access.check(request)
    if refused:
        return refused
    articles = syndicated_articles(partner).filter(last_published_at__isnull=False)
    params = {}
    try:
        limit = int(request.GET.get("limit") or PAGE_SIZE)
    except ValueError:
        limit = 0
    if not 1 <= limit <= MAX_PAGE_SIZE:
        return access.refusal(access.BAD_LIMIT, 400)
    if limit != PAGE_SIZE:
        params["limit"] = limit
    if slug := request.GET.get("section"):
        section = SectionPage.objects.filter(slug=slug).values_list("pk", flat=True).first()
        if section is None or (partner.section_ids and section not in partner.section_ids):
            return access.refusal(access.SECTION_NOT_FOUND, 404)
        articles = articles.filter(section_id=section)
        params["section"] = slug
    position = None
    if cursor := request.GET.get("cursor"):
        position = decode_cursor(cursor)
        if position is None:
            return access.refusal(access.BAD_CURSOR, 400)
        when, pk = position
        articles = articles.filter(Q(last_published_at__gt=when) | Q(last_published_at=when, pk__gt=pk))
    elif since := request.GET.get("since"):
        when = parse_since(since)
        if when is None:
            return access.refusal(access.BAD_SINCE, 400)
        articles = articles.filter(last_published_at__gte=when)
        params["since"] = when.isoformat()
    page = list(articles.order_by("last_published_at", "pk")[: limit + 1])
    has_more = len(page) > limit
    page = page[:limit]
    if page:
        last = page[-1]
        params.pop("since", None)
        params["cursor"] = encode_cursor(last.last_published_at, last.pk)
    elif cursor:
        params["cursor"] = cursor
    next_url = request.build_absolute_uri(f"{request.path}?{urlencode(params)}")
    found = load_stories(page, request, _publisher(request))
    return _answer(fmt.listing(found, next_url, has_more), fmt.listing_content_type)
