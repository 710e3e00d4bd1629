from .models import SectionPage


def navigation(request):
    """The sections of the masthead, in tree order (lazy: only queried when a template shows them)."""
    return {"nav_sections": SectionPage.objects.live().order_by("path").only("id", "title", "url_path")}
