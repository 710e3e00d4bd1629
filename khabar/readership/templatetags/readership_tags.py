from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html

from khabar.core.pagecache import tag_request, tag_version

from .. import counter

register = template.Library()


@register.inclusion_tag("readership/most_read.html", takes_context=True)
def most_read(context):
    """«الأكثر قراءة» for the last 24 hours; nothing at all while no story has been read."""
    request = context.get("request")
    if request is not None:
        tag_request(request, counter.TAG)
        counter.refresh()  # may renew the tag; the version read next is the one this ranking goes with
        tag_version(counter.TAG, request)
    return {"articles": counter.most_read(), "request": request}


@register.simple_tag
def view_beacon(page):
    """The script that counts one view of ``page`` when it is shown (cached or not)."""
    return format_html(
        '<script src="{}" data-beacon="{}" defer></script>',
        static("readership/beacon.js"),
        reverse("readership:beacon", args=[page.pk]),
    )
