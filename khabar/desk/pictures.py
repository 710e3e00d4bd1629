"""Wire pictures on the desk: offered beside the translation, and made the article's lead image.

One call hands over to the wire desk (``khabar.wire.pictures.fetch_picture``); the article gets the
image in a new draft revision, like every other desk change.
"""

from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from khabar.newsroom.models import ArticlePage
from khabar.newsroom.pictures import ARABIC_LETTER
from khabar.wire.pictures import PictureError, fetch_picture

from .models import Translation


def _one_line(value: str, limit: int) -> str:
    return " ".join((value or "").split())[:limit]


def offers(translation: Translation, article: ArticlePage, typed: dict | None = None) -> list[dict]:
    """The item's pictures with what the lead-image form starts from: the wire's caption and credit
    (with the agency's Arabic credit), and an empty alt text the translator writes in Arabic; or, for
    the picture of a refused attempt, what was ``typed`` then."""
    item = translation.item
    pictures = item.pictures or []
    fetched = get_image_model().objects.in_bulk([p["image_id"] for p in pictures if p.get("image_id")])
    agency = item.agency.credit if item.agency_id else ""
    found = []
    for index, picture in enumerate(pictures):
        image = fetched.get(picture.get("image_id"))
        credit = " / ".join(part for part in (picture.get("credit", ""), agency) if part)
        offer = {
            "index": index,
            "picture": picture,
            "image": image,
            "is_lead": image is not None and article.lead_image_id == image.pk,
            "caption": _one_line(picture.get("caption", ""), 300),
            "credit": _one_line(credit, 120),
            "alt": "",
        }
        if typed and typed.get("index") == str(index):
            offer.update(caption=typed["caption"], credit=typed["credit"], alt=typed["alt"])
        found.append(offer)
    return found


def use_as_lead(translation: Translation, index: int, *, caption: str, credit: str, alt: str, user):
    """Fetch the picture (once) and make it the lead image of the article's draft."""
    alt = _one_line(alt, 250)
    if not ARABIC_LETTER.search(alt):
        raise PictureError(_("Describe the picture in Arabic (the alt text) before using it."))
    image = fetch_picture(translation.item, index)
    article = ArticlePage.objects.get(pk=translation.article_id).get_latest_revision_as_object()
    article.lead_image = image
    article.lead_image_caption = _one_line(caption, 300)
    article.lead_image_credit = _one_line(credit, 120)
    article.lead_image_alt = alt
    article.save_revision(user=user, log_action=True)
    return article
