"""Old WordPress addresses that reach a page which exists here: ``/?p=123``, ``/?cat=4``, ``/?tag=…``.

Wagtail's redirects only answer a 404, but ``/`` is the home page, so WordPress's plain
permalinks would show the front page instead of the story. Only requests to ``/`` that
carry one of WordPress's own query keys look for an imported redirect (one indexed query).
"""

from django.http import HttpResponsePermanentRedirect
from wagtail.contrib.redirects.models import Redirect

WORDPRESS_KEYS = frozenset({"p", "page_id", "cat", "tag", "attachment_id", "author"})


class LegacyQueryRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/" and request.method in ("GET", "HEAD") and WORDPRESS_KEYS & request.GET.keys():
            path = Redirect.normalise_path(request.get_full_path())
            redirect = (
                Redirect.objects.filter(old_path=path, site__isnull=True)
                .select_related("redirect_page")
                .first()
            )
            if redirect is not None and (target := redirect.link):
                return HttpResponsePermanentRedirect(target)
        return self.get_response(request)
