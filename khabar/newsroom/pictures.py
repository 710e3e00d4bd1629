"""An article's lead picture, and the pictures of a listing's cards loaded in bulk.

The lead picture is the article's lead image (with its caption, credit and alt text); stories
written before the field existed fall back to the first image of their body.
"""

import re
from dataclasses import dataclass

from wagtail.images import get_image_model

# One rendition serves og:image, twitter:image and JSON-LD: 16:9 at the size the networks ask for.
SHARE_RENDITION = "fill-1200x675"
ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
# Alt text of a body image, which has no alt field of its own (its caption describes it).
DEFAULT_ALT = "صورة مرفقة بالخبر"


def body_image_alt(caption: str) -> str:
    """A body image has no alt field: its caption describes it when it is Arabic, else a generic alt."""
    return caption if ARABIC_LETTER.search(caption) else DEFAULT_ALT


@dataclass(frozen=True)
class Picture:
    image: object
    alt: str
    caption: str = ""
    credit: str = ""


def _first_body_image(raw_body):
    """(image id, caption, credit) of the first image block in a body's stored data, or None."""
    for block in raw_body or ():
        if block.get("type") == "image" and isinstance(block.get("value"), dict):
            value = block["value"]
            if value.get("image"):
                return value["image"], value.get("caption") or "", value.get("credit") or ""
    return None


def _wanted(article):
    """What the article's picture will be made of, before its image is loaded: (image id, fields)."""
    if article.lead_image_id:
        return article.lead_image_id, {
            "alt": article.lead_image_alt or article.lead_image_caption or DEFAULT_ALT,
            "caption": article.lead_image_caption,
            "credit": article.lead_image_credit,
        }
    if found := _first_body_image(article.body.raw_data):
        image_id, caption, credit = found
        return image_id, {"alt": body_image_alt(caption), "caption": caption, "credit": credit}
    return None, None


def lead_picture_of(article):
    """One article's picture; the body's image comes from its blocks, which the page has loaded anyway."""
    if article.lead_image_id:
        _image_id, fields = _wanted(article)
        return Picture(article.lead_image, **fields)
    for block in article.body:
        if block.block_type == "image" and block.value["image"]:
            caption, credit = block.value.get("caption") or "", block.value.get("credit") or ""
            return Picture(block.value["image"], alt=body_image_alt(caption), caption=caption, credit=credit)
    return None


def attach_lead_pictures(articles):
    """Set ``lead_picture`` on every article with two queries in all (images, then their renditions).

    Returns the articles as a list; a paginator page can be passed and keeps the same objects.
    """
    articles = list(articles)
    wanted = {article.pk: _wanted(article) for article in articles}
    images = (
        get_image_model()
        .objects.prefetch_renditions()
        .in_bulk({image_id for image_id, _fields in wanted.values() if image_id is not None})
    )
    for article in articles:
        image_id, fields = wanted[article.pk]
        image = images.get(image_id)
        article.__dict__["lead_picture"] = Picture(image, **fields) if image is not None else None
    return articles


def lead_pictures_for(article_ids):
    """{article id: Picture} for articles known only by id (search results), in three queries."""
    from .models import ArticlePage

    if not article_ids:
        return {}
    articles = ArticlePage.objects.filter(pk__in=article_ids).only(
        "pk", "body", "lead_image_id", "lead_image_alt", "lead_image_caption", "lead_image_credit"
    )
    return {article.pk: article.lead_picture for article in attach_lead_pictures(articles)}
