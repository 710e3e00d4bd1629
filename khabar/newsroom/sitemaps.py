"""sitemap.xml (an index of paginated sitemaps) and the Google News sitemap.

The news sitemap lists only stories of the last two days, at most 1,000 a file
(Google's limit), with ``news:language`` ``ar``.

Locations are built from the Wagtail Site's root URL, like the canonical links,
never from django.contrib.sites (whose default domain is example.com).
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
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
    limit = 10_000

    def items(self):
        return (
            live_articles()
            .select_related(None)
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


def _sitemaps(request):
    return {
        "sections": SectionSitemap(request),
        "articles": ArticleSitemap(request),
        "news": NewsSitemap(request),
    }


def sitemap_index(request):
    """Every sitemap file, including each page of a paginated one (``?p=2``)."""
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
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


def sitemap_section(request, section):
    sitemaps = _sitemaps(request)
    if section not in sitemaps:
        raise Http404
    tag_request(request, "listing")
    template = "newsroom/news_sitemap.xml" if section == "news" else "sitemap.xml"
    return sitemap_views.sitemap(request, sitemaps, section=section, template_name=template)


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
