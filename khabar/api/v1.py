"""/api/v1/: the read-only JSON API for the newsroom's own apps (Django Ninja).

Only what a reader of the site can see: live articles outside any view restriction, the public
sections, authors, and the topics of visible stories. Every list is paginated (``page``, ``limit`` up
to MAX_LIMIT) in a stable order; bad input is a 4xx with an Arabic ``error``, never a 500. Answers
are tagged for the page cache like the pages that show the same things, so a publication renews
them here and at the edge. The OpenAPI schema is /api/v1/openapi.json; there is no docs page (Ninja's
loads its scripts from a CDN).
"""

import datetime as dt
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from ninja import NinjaAPI, Path, Query
from ninja.errors import ValidationError
from ninja.renderers import JSONRenderer
from taggit.models import Tag
from wagtail.models import Site
from wagtail.rich_text import expand_db_html

from khabar.core.pagecache import tag_request
from khabar.newsroom.blocks import sanitise_html
from khabar.newsroom.models import ArticleAuthor, ArticleTag, Author, SectionPage
from khabar.newsroom.models.pages import live_articles, public_pages
from khabar.newsroom.pictures import DEFAULT_ALT, SHARE_RENDITION, attach_lead_pictures, body_image_alt
from khabar.search.forms import clamp
from khabar.search.results import page_location

from . import schemas

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_ID = 2**31 - 1  # page ids are 32-bit integers on PostgreSQL
SLUG_PATTERN = r"^[-\w]+$"
BODY_RENDITION = "width-1200"  # as the article page draws body images
GALLERY_RENDITION = "width-800"

ERRORS = {
    "limit": f"قيمة limit يجب أن تكون عددًا صحيحًا بين 1 و{MAX_LIMIT}.",
    "page": "قيمة page يجب أن تكون عددًا صحيحًا من 1 فصاعدًا.",
    "since": "قيمة since يجب أن تكون تاريخًا أو وقتًا بصيغة ISO 8601، مثل 2026-11-30 أو 2026-11-30T08:00:00+03:00.",
    "until": "قيمة until يجب أن تكون تاريخًا أو وقتًا بصيغة ISO 8601، مثل 2026-11-30 أو 2026-11-30T08:00:00+03:00.",
    "section": "قيمة section يجب أن تكون الاسم المختصر لقسم (حروف وأرقام وشرطات).",
    "author": "قيمة author يجب أن تكون الاسم المختصر لكاتب (حروف وأرقام وشرطات).",
    "topic": "قيمة topic يجب أن تكون الاسم المختصر لموضوع (حروف وأرقام وشرطات).",
    "article_id": "رقم الخبر يجب أن يكون عددًا صحيحًا موجبًا.",
}
NOT_FOUND = "لا يوجد خبر منشور بهذا الرقم."
UNKNOWN = {
    "section": "لا يوجد قسم منشور بهذا الاسم المختصر.",
    "author": "لا يوجد كاتب بهذا الاسم المختصر.",
    "topic": "لا يوجد موضوع بهذا الاسم المختصر.",
}
DATES_REVERSED = "قيمة since يجب ألا تكون بعد until."

ERROR_RESPONSES = {400: schemas.Error, 404: schemas.Error}


class ApiError(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


class ArabicJSON(JSONRenderer):
    """JSON with Arabic as it is, not as \\u escapes (as /api/search writes it)."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="واجهة خبر البرمجية للقراءة",
    version="1",
    description="الأخبار المنشورة والأقسام والكتّاب والمواضيع، للقراءة فقط، بصيغة JSON.",
    urls_namespace="api-v1",
    docs_url=None,
    renderer=ArabicJSON(),
)


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    # The parameter's name is in each error's location: ("query", "since", "date") for one member of a union.
    fields = [str(part) for error in exc.errors for part in error.get("loc", ())]
    message = next((ERRORS[field] for field in fields if field in ERRORS), "الطلب يحمل قيمة غير صالحة.")
    return api.create_response(request, {"error": message}, status=400)


@api.exception_handler(ApiError)
def _api_error(request, exc):
    return api.create_response(request, {"error": exc.message}, status=exc.status)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"error": "لا يوجد شيء بهذا العنوان."}, status=404)


def unknown_address(request, rest):
    """Any other address under /api/v1/ (``docs`` among them): the API's own 404, not a redirect to a page."""
    return _not_found(request, None)


# Addresses


class _Links:
    """Absolute addresses from the Wagtail Site's root URL, as the canonical links, feeds and sitemaps."""

    def __init__(self, request):
        self.request = request
        self.root = Site.find_for_request(request).root_url.rstrip("/")
        self._root_paths = None

    def absolute(self, path):
        return path if "://" in path else self.root + path

    def page(self, url_path):
        if self._root_paths is None:
            self._root_paths = Site.get_site_root_paths()
        return page_location(url_path, self._root_paths)[1]

    def author(self, author):
        return self.absolute(author.get_absolute_url())

    def topic(self, tag):
        return self.absolute(reverse("newsroom:topic", kwargs={"slug": tag.slug}))

    def page_number(self, number):
        params = self.request.GET.copy()
        params["page"] = number
        return f"{self.root}{self.request.path}?{urlencode(sorted(params.items()))}"


def _paginate(request, queryset, page, limit, links):
    """One page of ``queryset`` with the envelope every list shares; a page past the end is a 404."""
    paginator = Paginator(queryset, limit)
    try:
        current = paginator.page(page)
    except EmptyPage:
        raise ApiError(404, f"لا توجد صفحة بهذا الرقم؛ عدد الصفحات {paginator.num_pages}.") from None
    return current, {
        "count": paginator.count,
        "page": current.number,
        "pages": paginator.num_pages,
        "limit": limit,
        "next": links.page_number(current.number + 1) if current.has_next() else None,
        "previous": links.page_number(current.number - 1) if current.has_previous() else None,
    }


# Articles


def _moment(value, end=False):
    """An aware datetime from a datetime, or from a date: its start, or with ``end`` the next day's.

    Dates outside the archive's widest span are taken as its edge, as /api/search does.
    """
    if value is None:
        return None
    day = value.date() if isinstance(value, dt.datetime) else value
    if clamp(day) != day:
        value = clamp(day)
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value + dt.timedelta(days=1) if end else value, dt.time())
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _picture(image, links, spec, alt, caption="", credit=""):
    rendition = image.get_rendition(spec)
    return {
        "url": links.absolute(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": alt,
        "caption": caption or "",
        "credit": credit or "",
    }


def _article(article, links):
    """The fields an article has in lists, from what the list query loaded (no query of its own)."""
    authors = [link.author for link in article.article_authors.all()]
    topics = list(article.tags.all())
    picture = article.lead_picture
    agency = article.agency if article.agency_id else None
    return {
        "id": article.pk,
        "headline": article.title,
        "slug": article.slug,
        "url": links.page(article.url_path),
        "standfirst": article.standfirst,
        "dateline": article.dateline,
        "byline": "، ".join(author.name for author in authors) or (agency.byline if agency else ""),
        "published_at": article.published_at,
        "updated_at": article.updated_at,
        "breaking": article.is_breaking(),
        "section": {
            "id": article.section_id,
            "title": article.section.title,
            "url": links.page(article.section.url_path),
        }
        if article.section_id
        else None,
        "agency": {"name": agency.name, "arabic_name": agency.arabic_name, "credit": agency.credit}
        if agency
        else None,
        "authors": [{"id": a.pk, "name": a.name, "slug": a.slug, "url": links.author(a)} for a in authors],
        "topics": [{"id": t.pk, "name": t.name, "slug": t.slug, "url": links.topic(t)} for t in topics],
        "lead_image": _picture(
            picture.image, links, SHARE_RENDITION, picture.alt, picture.caption, picture.credit
        )
        if picture
        else None,
    }


def _articles():
    return live_articles().prefetch_related(
        Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author")),
        "tags",
        "notes",
    )


def _block(block, links):
    kind, value = block.block_type, block.value
    if kind == "paragraph":
        return {"type": kind, "html": expand_db_html(value.source)}
    if kind == "html":
        return {"type": kind, "html": sanitise_html(value)}
    if kind == "subheading":
        return {"type": kind, "text": value}
    if kind == "quote":
        return {"type": kind, "text": value["quote"], "attribution": value.get("attribution") or ""}
    if kind == "embed":
        return {"type": kind, "url": value.url if value else ""}
    if kind == "list":
        return {"type": kind, "ordered": bool(value["ordered"]), "items": list(value["items"])}
    if kind == "image":
        image = value["image"]
        caption, credit = value.get("caption") or "", value.get("credit") or ""
        picture = image and _picture(image, links, BODY_RENDITION, body_image_alt(caption), caption, credit)
        return {"type": kind, "image": picture or None}
    if kind == "gallery":
        pictures = [
            _picture(item["image"], links, GALLERY_RENDITION, item.get("caption") or DEFAULT_ALT)
            | {"caption": item.get("caption") or "", "credit": item.get("credit") or ""}
            for item in value
            if item["image"]
        ]
        return {"type": kind, "images": pictures}
    return {"type": kind}


SLUG = {"pattern": SLUG_PATTERN, "max_length": 255}


@api.get(
    "/articles",
    response={200: schemas.ArticleList, **ERROR_RESPONSES},
    summary="الأخبار المنشورة، الأحدث أولًا",
    tags=["articles"],
)
def articles(
    request,
    section: str | None = Query(None, description="الاسم المختصر للقسم", **SLUG),
    author: str | None = Query(None, description="الاسم المختصر للكاتب", **SLUG),
    topic: str | None = Query(None, description="الاسم المختصر للموضوع", **SLUG),
    since: dt.date | dt.datetime | None = Query(None, description="منشورة في هذا الوقت أو بعده"),
    until: dt.date | dt.datetime | None = Query(
        None, description="منشورة في هذا الوقت أو قبله (تاريخ بلا وقت: حتى نهاية ذلك اليوم)"
    ),
    page: int = Query(1, ge=1),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
):
    links = _Links(request)
    tag_request(request, "listing", "authors", "topics", "agencies")
    stories = _articles()
    if section is not None:
        found = public_pages(SectionPage.objects.live()).filter(slug=section).values("pk").first()
        if found is None:
            raise ApiError(404, UNKNOWN["section"])
        stories = stories.filter(section_id=found["pk"])
    if author is not None:
        found = Author.objects.filter(slug=author).values("pk").first()
        if found is None:
            raise ApiError(404, UNKNOWN["author"])
        stories = stories.filter(article_authors__author_id=found["pk"])
    if topic is not None:
        found = Tag.objects.filter(slug=topic).values("pk").first()
        if found is None:
            raise ApiError(404, UNKNOWN["topic"])
        stories = stories.filter(tagged_items__tag_id=found["pk"])
    # A date covers its whole day: up to the next midnight in TIME_ZONE. A moment is itself included.
    start, end = _moment(since), _moment(until, end=True)
    if start and end and start > end:
        raise ApiError(400, DATES_REVERSED)
    if start:
        stories = stories.filter(published_at__gte=start)
    if end:
        bound = "published_at__lte" if isinstance(until, dt.datetime) else "published_at__lt"
        stories = stories.filter(**{bound: end})
    current, envelope = _paginate(request, stories, page, limit, links)
    results = attach_lead_pictures(current)
    return {**envelope, "results": [_article(article, links) for article in results]}


@api.get(
    "/articles/{article_id}",
    response={200: schemas.ArticleDetail, **ERROR_RESPONSES},
    summary="خبر منشور بنصه الكامل",
    tags=["articles"],
    exclude_none=True,
)
def article(request, article_id: int = Path(..., ge=1, le=MAX_ID)):
    links = _Links(request)
    story = _articles().select_related("lead_image").filter(pk=article_id).first()
    if story is None:
        raise ApiError(404, NOT_FOUND)
    story.prefetch_renditions()
    data = _article(story, links)
    tag_request(
        request,
        f"page:{story.pk}",
        f"section:{story.section_id}",
        f"agency:{story.agency_id}",
        *(f"author:{author['id']}" for author in data["authors"]),
        *(f"topic:{topic['id']}" for topic in data["topics"]),
    )
    return {
        **data,
        "body": [_block(block, links) for block in story.body],
        "notes": [
            {"kind": note.kind, "label": note.label, "text": note.text, "noted_at": note.noted_at}
            for note in story.dated_notes
        ],
    }


# Sections, authors, topics


@api.get(
    "/sections",
    response={200: schemas.SectionList, **ERROR_RESPONSES},
    summary="الأقسام، بترتيبها في رأس الموقع",
    tags=["sections"],
)
def sections(request, page: int = Query(1, ge=1), limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)):
    links = _Links(request)
    tag_request(request, "listing")
    found = public_pages(SectionPage.objects.live()).only("id", "title", "slug", "intro", "url_path")
    current, envelope = _paginate(request, found.order_by("path"), page, limit, links)
    return {
        **envelope,
        "results": [
            {"id": s.pk, "title": s.title, "slug": s.slug, "intro": s.intro, "url": links.page(s.url_path)}
            for s in current
        ],
    }


@api.get(
    "/authors",
    response={200: schemas.AuthorList, **ERROR_RESPONSES},
    summary="الكتّاب، بترتيب أسمائهم",
    tags=["authors"],
)
def authors(request, page: int = Query(1, ge=1), limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)):
    links = _Links(request)
    # A bulk import adds authors without saving each one: it renews "listing".
    tag_request(request, "authors", "listing")
    current, envelope = _paginate(request, Author.objects.order_by("name", "pk"), page, limit, links)
    return {
        **envelope,
        "results": [
            {"id": a.pk, "name": a.name, "slug": a.slug, "role": a.role, "bio": a.bio, "url": links.author(a)}
            for a in current
        ],
    }


@api.get(
    "/topics",
    response={200: schemas.TopicList, **ERROR_RESPONSES},
    summary="مواضيع الأخبار المنشورة، بترتيب أسمائها",
    tags=["topics"],
)
def topics(request, page: int = Query(1, ge=1), limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)):
    links = _Links(request)
    tag_request(request, "topics", "listing")
    # Only the topics of stories readers can see (pictures and documents have tags of their own).
    visible = ArticleTag.objects.filter(
        tag_id=OuterRef("pk"), content_object_id__in=live_articles().order_by().values("pk")
    )
    found = Tag.objects.filter(Exists(visible)).order_by("name", "pk")
    current, envelope = _paginate(request, found, page, limit, links)
    return {
        **envelope,
        "results": [{"id": t.pk, "name": t.name, "slug": t.slug, "url": links.topic(t)} for t in current],
    }
