"""The page links' and the site look-up's private Wagtail APIs, pinned against the public API's result.

`CacheTaggedPage.get_url_parts` (khabar/newsroom/models/pages.py) reads the site root paths with Wagtail's
private `_get_relevant_site_root_paths` and keeps each page path's reversed URL; `site_for_request`
(khabar/newsroom/sites.py) calls the private `Site._find_for_request` to keep the site in the cache. Each
test here fails the day one of them stops giving what the public API gives.
"""

import pytest
from django.test import RequestFactory
from wagtail.models import Page, Site

from khabar.newsroom.sites import site_for_request

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "elsewhere.example"])
def test_the_kept_site_is_the_one_wagtail_finds(home, host, settings):
    settings.ALLOWED_HOSTS = ["*"]
    request = RequestFactory().get("/", HTTP_HOST=host)
    ours = site_for_request(request)
    theirs = Site.find_for_request(RequestFactory().get("/", HTTP_HOST=host))
    assert ours == theirs
    assert ours is None or ours.root_page.specific_class is type(ours.root_page)


def test_page_links_are_the_ones_wagtail_builds(make_article, section, home):
    article = make_article()
    request = RequestFactory().get("/")
    for page in (article, section, home, article.get_parent()):
        page = page.specific
        assert page.get_url_parts(request) == Page.get_url_parts(page, request), page
