"""sitemap.xml (an index of paginated sitemaps) and the Google News sitemap.

The news sitemap lists only stories of the last two days, at most 1,000 a file
(Google's limit), with ``news:language`` ``ar``.
"""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from .cache import tag_request
from .models import NewsroomSettings, SectionPage
from .models.pages import live_articles

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


class SectionSitemap(RequestSitemap):
    changefreq = "hourly"

    def items(self):
        return SectionPage.objects.live().order_by("path")

    def lastmod(self, page):
        return page.last_published_at


class ArticleSitemap(RequestSitemap):
    limit = 10_000

    def items(self):
        return live_articles().only("id", "url_path", "last_published_at", "first_published_at")

    def lastmod(self, page):
        return page.last_published_at or page.first_published_at


class NewsSitemap(ArticleSitemap):
    limit = 1000

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return (
            live_articles()
            .filter(first_published_at__gte=since)
            .only("id", "url_path", "title", "first_published_at", "last_published_at")
        )

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        publication = NewsroomSettings.for_request(self.request).publication_name
        for url in urls:
            url["publication"] = publication
        return urls


def _sitemaps(request):
    return {
        "sections": SectionSitemap(request),
        "articles": ArticleSitemap(request),
        "news": NewsSitemap(request),
    }


def sitemap_index(request):
    tag_request(request, "listing")
    return sitemap_views.index(request, _sitemaps(request), sitemap_url_name="newsroom:sitemap-section")


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
