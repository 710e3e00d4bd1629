"""The Wagtail Site of a request, with its home page, kept in the cache instead of queried each view.

Wagtail looks the site up (one query) and then its home page's own fields (another) on every page it
serves. Both change only when the "settings" tag does: publishing the home page and saving or deleting
a site invalidate it (``signals.py``).
"""

from django.http.request import split_domain_port
from wagtail.models import Site

from khabar.core.pagecache import kept


def site_for_request(request):
    """``Site.find_for_request(request)``, its ``root_page`` already the specific home page."""
    if not hasattr(request, "_wagtail_site"):

        def find():
            site = Site._find_for_request(request)
            if site is not None:
                site.root_page = site.root_page.specific
            return site, ["settings"]  # a host with no site is kept too

        # Wagtail's own look-up reads the raw host (ALLOWED_HOSTS is checked before any view runs).
        hostname = split_domain_port(request._get_raw_host())[0]
        request._wagtail_site = kept(f"site:{hostname}:{request.get_port()}", find, request)
    return request._wagtail_site


class CachedSiteMiddleware:
    """Gives Wagtail's page view the cached site, before it routes the request."""

    def __init__(self, get_response):
        from wagtail.views import serve  # not at import: the models import this module

        self.get_response = get_response
        self.wagtail_serve = serve

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is self.wagtail_serve:
            site_for_request(request)
