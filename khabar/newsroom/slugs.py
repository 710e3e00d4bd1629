"""Article addresses: readable Unicode slugs from the Arabic headline, unique within their month.

A desk article is made with a provisional slug (``wire-<item id>``); when it is first published its
slug becomes the headline's, and stays that way (a hand-made change later leaves a permanent
redirect through ``wagtail.contrib.redirects``).
"""

import re

from django.utils.text import slugify

from khabar.arabic.digits import to_western

SLUG_LENGTH = 60
PROVISIONAL = re.compile(r"^wire-\d+(?:-|$)")
_TATWEEL = "\u0640"


def is_provisional(slug: str) -> bool:
    return bool(PROVISIONAL.match(slug or ""))


def headline_slug(headline: str) -> str:
    """A readable Unicode slug from the headline, cut at a word boundary: «روسيا تصادق على المعاهدة»
    → «روسيا-تصادق-على-المعاهدة» (harakat and tatweel dropped, digits Western)."""
    slug = slugify(to_western(headline.replace(_TATWEEL, "")), allow_unicode=True)
    if len(slug) > SLUG_LENGTH:
        slug = slug[: SLUG_LENGTH + 1].rsplit("-", 1)[0]
    return slug[:SLUG_LENGTH].strip("-")


def unique_slug(base, taken, *, fallback):
    """``base``, else ``base-2``, ``base-3`` … whichever is not in ``taken``."""
    base = base or fallback
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug
