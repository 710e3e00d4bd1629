from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .archive import file_article
from .models import Agency, ArticlePage, Author
from .models.pages import view_restrictions_exist

register_snippet(Agency)
register_snippet(Author)


@hooks.register("after_create_page")
def file_new_article(request, page):
    """Articles created under a section go into its year/month archive, so URLs read /section/2026/11/slug/."""
    if isinstance(page.specific, ArticlePage):
        file_article(page.specific)


@hooks.register("before_serve_page")
def skip_view_restrictions_when_none_exist(page, request, serve_args, serve_kwargs):
    """Wagtail checks the page's view restrictions next (a query): none to find when no page is private."""
    page.view_restrictions_exist = view_restrictions_exist(request)
