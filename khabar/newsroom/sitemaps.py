"""sitemap.xml (an index of the sitemaps) and the Google News sitemap.

Stories are listed one sitemap per month of publication (``sitemap-articles-2026-11.xml``, a range of
the ``published_at`` index), so no file and no query grows with the archive; the index lists the months
from the oldest story's to the newest's (two index look-ups). ``sitemap-articles.xml``, the single
paginated file of before, redirects to the index.

The news sitemap lists only stories of the last two days, at most 1,000 a file
(Google's limit), with ``news:language`` ``ar``.

Locations are built from the Wagtail Site's root URL, like the canonical links,
never from django.contrib.sites (whose default domain is example.com).
"""

from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
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
    """The stories first published in one month (site time zone), oldest first."""

    limit = 50_000  # the sitemap protocol's limit per file

    def __init__(self, request, month=None):
        super().__init__(request)
        self.month = month

    def items(self):
        start, end = month_period(*self.month)
        return (
            live_articles()
            .select_related(None)
            .filter(published_at__gte=start, published_at__lt=end)
            .order_by("published_at", "pk")
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


def month_period(year, month):
    """``(start, end)`` of a month in the site's time zone."""
    start = datetime(year, month, 1)
    end = datetime(year + month // 12, month % 12 + 1, 1)
    return timezone.make_aware(start), timezone.make_aware(end)


def story_months():
    """``(year, month)`` of every month from the oldest story's to the newest's, oldest first.

    Read from the two ends of the ``published_at`` index rather than grouped over every story; a month
    without a story in between gets an empty sitemap, which is valid.
    """
    dates = live_articles().select_related(None).values_list("published_at", flat=True)
    oldest, newest = dates.order_by("published_at", "pk").first(), dates.first()
    if oldest is None:
        return []
    oldest, newest = timezone.localtime(oldest), timezone.localtime(newest)
    first, last = oldest.year * 12 + oldest.month - 1, newest.year * 12 + newest.month - 1
    return [(number // 12, number % 12 + 1) for number in range(first, last + 1)]


def _sitemaps(request):
    return {"sections": SectionSitemap(request), "news": NewsSitemap(request)}


def sitemap_index(request):
    """Every sitemap file: sections, one per month of stories, news (with each page of it, ``?p=2``).

    The months carry no ``lastmod``: it would cost a read of every story of every month.
    """
    tag_request(request, "listing")
    root = Site.find_for_request(request).root_url.rstrip("/")
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
                sitemap_views.SitemapIndexItem(
                    root + reverse("newsroom:sitemap-month", kwargs={"year": year, "month": f"{month:02d}"}),
                    None,
                )
                for year, month in story_months()
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


def sitemap_month(request, year, month):
    """The stories first published in one month (the URL allows months 01–12 only)."""
    tag_request(request, "listing")
    sitemaps = {"articles": ArticleSitemap(request, (int(year), int(month)))}
    return sitemap_views.sitemap(request, sitemaps, section="articles")


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
