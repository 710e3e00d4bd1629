"""sitemap.xml (an index of the sitemaps) and the Google News sitemap.

Stories are listed one sitemap per ISO week of publication (``sitemap-articles-2026-W45.xml``, Monday to
Monday in the site's time zone, a range of the ``published_at`` index), so no file and no query grows with
the archive and a file holds a week's output (a month was four times the URLs to build in one request).
The index lists the weeks from the oldest story's to the newest's (two index look-ups).
``sitemap-articles.xml``, the single paginated file of before, and the monthly files
(``sitemap-articles-2026-11.xml``) redirect to the index.

The news sitemap lists only stories of the last two days, at most 1,000 a file
(Google's limit), with ``news:language`` ``ar``.

Locations are built from the Wagtail Site's root URL, like the canonical links,
never from django.contrib.sites (whose default domain is example.com).
"""

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.template.response import TemplateResponse
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from wagtail.models import Site

from khabar.core.pagecache import tag_request

from .models import NewsroomSettings
from .models.pages import live_articles, section_pages

NEWS_WINDOW = timedelta(days=2)


class RequestSitemap(Sitemap):
    """A sitemap whose locations come from Wagtail's routing for the request's site."""

    def __init__(self, request):
        self.request = request

    def location(self, page):
        return page.relative_url(self.site, self.request)

    @property
    def site(self):
        return Site.find_for_request(self.request)

    def get_protocol(self, protocol=None):
        return urlsplit(self.site.root_url).scheme

    def get_domain(self, site=None):
        return urlsplit(self.site.root_url).netloc


class SectionSitemap(RequestSitemap):
    """The home page and the section fronts."""

    changefreq = "hourly"

    def items(self):
        return [self.site.root_page.specific, *section_pages().order_by("path")]

    def lastmod(self, page):
        return page.last_published_at


class ArticleSitemap(RequestSitemap):
    """The stories first published in one ISO week (site time zone), oldest first."""

    limit = 50_000  # the sitemap protocol's limit per file

    def __init__(self, request, week=None):
        super().__init__(request)
        self.week = week

    def items(self):
        start, end = week_period(*self.week)
        return (
            live_articles()
            .select_related(None)
            .filter(published_at__gte=start, published_at__lt=end)
            # The index's order alone: pk is not in the index, so a tie-break on it sorted the week's stories.
            # The order among equal times would matter only to a second page, past 50,000 stories a week.
            .order_by("published_at")
            .only("id", "url_path", "last_published_at", "first_published_at")
        )

    def lastmod(self, page):
        return page.last_published_at or page.first_published_at

    def get_latest_lastmod(self):
        # One aggregate instead of Django's default, which walks every item.
        newest = (
            self.items().order_by().aggregate(newest=Max(Coalesce("last_published_at", "first_published_at")))
        )
        return newest["newest"]


class NewsSitemap(ArticleSitemap):
    limit = 1000

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return (
            live_articles()
            .select_related(None)
            .filter(first_published_at__gte=since)
            .only("id", "url_path", "title", "first_published_at", "last_published_at")
        )

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        publication = NewsroomSettings.for_request(self.request).publication_name
        for url in urls:
            url["publication"] = publication
            # W3C date-time to the second, as the news sitemap format asks.
            url["publication_date"] = url["item"].first_published_at.replace(microsecond=0).isoformat()
        return urls


def week_period(year, week):
    """``(start, end)`` of an ISO week, Monday to Monday in the site's time zone.

    Raises ``ValueError`` for a week the year does not have (week 53 of most years).
    """
    start = datetime.combine(date.fromisocalendar(year, week, 1), time())
    return timezone.make_aware(start), timezone.make_aware(start + timedelta(days=7))


def story_weeks():
    """``(year, week)`` (ISO) of every week from the oldest story's to the newest's, oldest first.

    Read from the two ends of the ``published_at`` index rather than grouped over every story; a week
    without a story in between gets an empty sitemap, which is valid.
    """
    dates = live_articles().select_related(None).values_list("published_at", flat=True)
    oldest, newest = dates.order_by("published_at").first(), dates.first()
    if oldest is None:
        return []
    oldest, newest = timezone.localdate(oldest), timezone.localdate(newest)
    monday = oldest - timedelta(days=oldest.weekday())
    weeks = []
    while monday <= newest:
        weeks.append(monday.isocalendar()[:2])
        monday += timedelta(weeks=1)
    return weeks


@lru_cache(maxsize=10_000)
def week_path(year, week, urlconf, script_prefix):
    """The address of a week's sitemap, reversed once per process: the index lists every week of the
    archive, and a reverse per week was most of what the index's render grew by with the archive."""
    return reverse("newsroom:sitemap-week", kwargs={"year": year, "week": f"{week:02d}"}, urlconf=urlconf)


def _sitemaps(request):
    return {"sections": SectionSitemap(request), "news": NewsSitemap(request)}


def sitemap_index(request):
    """Every sitemap file: sections, one per week of stories, news (with each page of it, ``?p=2``).

    The weeks carry no ``lastmod``: it would cost a read of every story of every week.
    """
    tag_request(request, "listing")
    root = Site.find_for_request(request).root_url.rstrip("/")
    urlconf, prefix = get_urlconf() or settings.ROOT_URLCONF, get_script_prefix()
    entries = []
    for section, sitemap in _sitemaps(request).items():
        url = root + reverse("newsroom:sitemap-section", kwargs={"section": section})
        lastmod = sitemap.get_latest_lastmod()
        entries.append(sitemap_views.SitemapIndexItem(url, lastmod))
        entries += [
            sitemap_views.SitemapIndexItem(f"{url}?p={number}", lastmod)
            for number in range(2, sitemap.paginator.num_pages + 1)
        ]
        if section == "sections":
            entries += [
                sitemap_views.SitemapIndexItem(root + week_path(year, week, urlconf, prefix), None)
                for year, week in story_weeks()
            ]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


def sitemap_section(request, section):
    if section == "articles":  # the single paginated file of before, which crawlers may still ask for
        return HttpResponsePermanentRedirect(reverse("newsroom:sitemap"))
    sitemaps = _sitemaps(request)
    if section not in sitemaps:
        raise Http404
    tag_request(request, "listing")
    template = "newsroom/news_sitemap.xml" if section == "news" else "sitemap.xml"
    return sitemap_views.sitemap(request, sitemaps, section=section, template_name=template)


def sitemap_week(request, year, week):
    """The stories first published in one ISO week (the URL allows weeks 01–53; a year without a week 53
    answers 404 for it)."""
    week = int(year), int(week)
    try:
        week_period(*week)
    except ValueError:
        raise Http404 from None
    tag_request(request, "listing")
    sitemaps = {"articles": ArticleSitemap(request, week)}
    return sitemap_views.sitemap(request, sitemaps, section="articles")


def sitemap_month(request, year, month):
    """The monthly files of before, which crawlers may still ask for."""
    return HttpResponsePermanentRedirect(reverse("newsroom:sitemap"))


def news_sitemap(request):
    """The Google News sitemap: the first 1,000 stories of the window; the index lists the rest."""
    return sitemap_section(request, "news")


def robots_txt(request):
    site = Site.find_for_request(request)
    base = site.root_url if site else ""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {base}{reverse('newsroom:sitemap')}",
        f"Sitemap: {base}{reverse('newsroom:news-sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
