from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .archive import file_article
from .models import Agency, ArticlePage, Author

register_snippet(Agency)
register_snippet(Author)


@hooks.register("after_create_page")
def file_new_article(request, page):
    """Articles created under a section go into its year/month archive, so URLs read /section/2026/11/slug/."""
    if isinstance(page.specific, ArticlePage):
        file_article(page.specific)
