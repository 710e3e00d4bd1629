"""Template helpers for Arabic dates, digits and the dateline."""

import re

from django import template
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from khabar.arabic import dates, digits
from khabar.arabic.dateline import parse_arabic_dateline

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
def canonical_url(context):
    """The page's address on the Wagtail Site's root URL, keeping only a listing's page number."""
    from wagtail.models import Site

    request = context["request"]
    page = context.get("page")
    if page is not None and hasattr(page, "get_full_url"):
        url = page.get_full_url(request)
    else:
        url = Site.find_for_request(request).root_url.rstrip("/") + iri_to_uri(request.path)
    listing = context.get("articles")
    if getattr(listing, "number", 1) > 1:
        url += f"?page={listing.number}"
    return url


@register.filter
def is_within(page, section):
    """Whether ``page`` is ``section`` or below it in the tree (for the masthead's current section)."""
    url_path = getattr(page, "url_path", None)
    return bool(url_path) and url_path.startswith(section.url_path)


@register.simple_tag(takes_context=True)
def arabic_number(context, value):
    return digits.localise(str(value), _digits_style(context))


_FIRST_P = re.compile(r"^\s*<p(\s[^>]*)?>", re.IGNORECASE)


@register.simple_tag
def with_dateline(paragraph_html, dateline):
    """Open the first paragraph with «CITY (AGENCY) —» inside the same <p>.

    A paragraph that already opens with a dateline (the desk's translation keeps the one the copy
    checks ask for) has that one styled instead, so it is never printed twice.
    """
    html = str(paragraph_html)
    if not dateline:
        return mark_safe(html)
    label = format_html('<span class="dateline">{}</span> ', dateline)
    match = _FIRST_P.match(html)
    if match:
        rest = html[match.end() :]
        written = parse_arabic_dateline(rest)
        if written is not None:
            styled = format_html('<span class="dateline">{}</span>', mark_safe(rest[: written.end].strip()))
            return mark_safe(html[: match.end()] + styled + rest[written.end :])
        return mark_safe(html[: match.end()] + label + html[match.end() :])
    return mark_safe(format_html("<p>{}", label) + html + "</p>")


# A run of Latin-script words (names, acronyms, titles) inside Arabic copy. The look-behind keeps
# entity names (&amp;) and words glued to other letters out; digits and punctuation may continue a run.
# Escaped apostrophes and ampersands (&#x27; &#39; &amp;) belong to the run: «Russia's», «AT&T».
_LATIN_LETTER = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_LATIN_TAIL = rf"(?:[\w{_LATIN_LETTER}'’.\-]|&#x27;|&#39;|&amp;)*"
_LATIN_RUN = re.compile(
    rf"(?<![&#\w])[{_LATIN_LETTER}]{_LATIN_TAIL}(?:[ \t]+[0-9{_LATIN_LETTER}]{_LATIN_TAIL})*"
)
_TEXT_NODE = re.compile(r"(>|^)([^<]+)(?=<|$)")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]")
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
FOREIGN_ATTRS = ' lang="und" dir="ltr"'


@register.filter
def mark_foreign(html):
    """Wrap each run of Latin words in the text of ``html`` in <span lang="und" dir="ltr">.

    The public site is Arabic; Latin text may only appear as content inside an element
    that declares its own language, so screen readers and the bidi algorithm treat it
    as foreign. ``html`` is trusted markup (rich text rendered by Wagtail, or escaped text).
    """
    html = conditional_escape(html)

    def wrap_text(match):
        text = _LATIN_RUN.sub(lambda run: f"<span{FOREIGN_ATTRS}>{run.group(0)}</span>", match.group(2))
        return match.group(1) + text

    return mark_safe(_TEXT_NODE.sub(wrap_text, str(html)))


@register.filter
def foreign_attrs(text):
    """` lang="und" dir="ltr"` for an element whose whole text is in Latin script, else nothing."""
    text = str(text or "")
    if _LATIN.search(text) and not _ARABIC.search(text):
        return mark_safe(FOREIGN_ATTRS)
    return ""


_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """A <script type="application/ld+json"> block, escaped like Django's json_script."""
    import json

    payload = json.dumps(data, ensure_ascii=False, default=str).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))
