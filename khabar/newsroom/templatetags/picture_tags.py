"""``{% responsive_picture picture "card" %}``: a <picture> with WebP and JPEG sources at several widths.

The renditions and the ``sizes`` attribute of each use (card, home lead card, article lead) are
named here once; listings prefetch every rendition of their pictures in one query.
"""

from functools import cache

from django import template
from PIL import features
from wagtail.images.models import Filter
from wagtail.images.models import Picture as PictureMarkup
from wagtail.images.shortcuts import get_renditions_or_not_found

register = template.Library()

# (rendition sizes, the sizes attribute: how wide the picture is drawn at each screen width).
USES = {
    "card": ("fill-{320x180,640x360,960x540}", "(min-width: 75rem) 36rem, (min-width: 48rem) 45vw, 100vw"),
    # The home page's lead story: beside its text on a desktop, the whole width on a phone.
    "lead-card": (
        "fill-{640x360,960x540,1280x720}",
        "(min-width: 75rem) 42rem, (min-width: 48rem) 58vw, 100vw",
    ),
    "lead": ("width-{480,800,1200,1600}", "(min-width: 64em) 46rem, 100vw"),
}


@cache
def formats():
    """WebP first when this Pillow can write it; JPEG always, as the fallback every browser reads."""
    return "format-{webp,jpeg}" if features.check("webp") else "format-jpeg"


def filters(use):
    sizes, _attribute = USES[use]
    return [Filter(spec=spec) for spec in Filter.expand_spec([formats(), sizes])]


@register.simple_tag
def responsive_picture(picture, use, eager=False):
    """The markup of ``picture`` (a ``khabar.newsroom.pictures.Picture``) for ``use``; lazy unless ``eager``."""
    if not picture or not picture.image:
        return ""
    renditions = get_renditions_or_not_found(picture.image, filters(use))
    attrs = {"alt": picture.alt, "sizes": USES[use][1], "decoding": "async"}
    if eager:
        attrs["fetchpriority"] = "high"
    else:
        attrs["loading"] = "lazy"
    return PictureMarkup(renditions, attrs).__html__()


# The branded picture shared when a page has none of its own (drawn by khabar/newsroom/branding.py).
DEFAULT_SHARE_IMAGE = ("khabar/img/share-default.png", 1200, 630)


@register.simple_tag(takes_context=True)
def share_image(context, picture=None):
    """og:image and twitter:image of a page: its picture's share rendition, else the branded default.

    Returns {url, width, height, alt} with an absolute URL, as the networks require.
    """
    from django.templatetags.static import static
    from wagtail.models import Site

    from khabar.newsroom.pictures import SHARE_RENDITION

    if picture and picture.image:
        rendition = picture.image.get_rendition(SHARE_RENDITION)
        url, width, height, alt = rendition.url, rendition.width, rendition.height, picture.alt
    else:
        path, width, height = DEFAULT_SHARE_IMAGE
        url, alt = static(path), ""
    if url.startswith("/"):
        site = Site.find_for_request(context["request"])
        url = (site.root_url if site else context["request"].build_absolute_uri("/")).rstrip("/") + url
    return {"url": url, "width": width, "height": height, "alt": alt}
