"""Template helpers for Arabic dates, digits and the dateline."""

import re

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from khabar.arabic import dates, digits

register = template.Library()


def _digits_style(context):
    newsroom = context.get("settings", {})
    try:
        return newsroom["newsroom"]["NewsroomSettings"].digits
    except (KeyError, TypeError, AttributeError):
        return "western"


def _show_hijri(context):
    try:
        return context["settings"]["newsroom"]["NewsroomSettings"].show_hijri
    except (KeyError, TypeError, AttributeError):
        return False


@register.simple_tag(takes_context=True)
def arabic_date(context, value, with_time=False):
    """A <time> element: «29 نوفمبر 2026، 14:05» in the site's digits, with the Hijri date if enabled."""
    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    style = _digits_style(context)
    text = dates.format_datetime(local, style) if with_time else dates.format_date(local, style)
    hijri = dates.format_hijri(local.date(), style) if _show_hijri(context) else None
    html = format_html('<time datetime="{}">{}</time>', local.isoformat(), text)
    if hijri:
        html += format_html(' <span class="hijri">({})</span>', hijri)
    return html


@register.simple_tag(takes_context=True)
def arabic_number(context, value):
    return digits.localise(str(value), _digits_style(context))


_FIRST_P = re.compile(r"^\s*<p(\s[^>]*)?>", re.IGNORECASE)


@register.simple_tag
def with_dateline(paragraph_html, dateline):
    """Open the first paragraph with «CITY (AGENCY) —» inside the same <p>."""
    html = str(paragraph_html)
    if not dateline:
        return mark_safe(html)
    label = format_html('<span class="dateline">{}</span> ', dateline)
    match = _FIRST_P.match(html)
    if match:
        return mark_safe(html[: match.end()] + label + html[match.end() :])
    return mark_safe(format_html("<p>{}", label) + html + "</p>")


_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """A <script type="application/ld+json"> block, escaped like Django's json_script."""
    import json

    payload = json.dumps(data, ensure_ascii=False, default=str).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))
