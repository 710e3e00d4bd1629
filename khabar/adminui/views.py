from django.http import FileResponse, Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from .guide import guide_html, picture_path


def guide(request):
    """The Arabic guide, inside the admin (any signed-in editor may read it)."""
    base = reverse("khabar_guide_picture", args=["x.png"])[: -len("x.png")]
    return TemplateResponse(
        request,
        "adminui/guide.html",
        {"page_title": _("Translator's and editor's guide"), "guide": guide_html(lambda name: base + name)},
    )


def guide_picture(request, name):
    path = picture_path(name)
    if path is None:
        raise Http404
    return FileResponse(path.open("rb"), content_type="image/png")
