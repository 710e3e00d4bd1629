"""Fetching a wire item's picture into the image library, for the desk to make it a lead image.

The binary comes through the poller's own fetch (http(s) only, public addresses unless allow-listed,
size cap, one deadline) and must be a picture Pillow can read in a format browsers show.
"""

import io
import logging
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from django.core.files.images import ImageFile
from django.utils.translation import gettext as _
from django_tasks import task
from PIL import Image as PILImage
from wagtail.images import get_image_model

from .fetch import FetchError, fetch
from .models import WireItem

log = logging.getLogger(__name__)
FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}


class PictureError(Exception):
    """The picture cannot be used; the message is for the editor, in Arabic."""


def _checked(data: bytes) -> str:
    """The file extension of ``data`` when it is a whole picture in a browser format."""
    try:
        with PILImage.open(io.BytesIO(data)) as probe:
            kind = probe.format
            probe.verify()
    except (PILImage.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise PictureError(_("The agency's file is not a picture that can be read.")) from None
    if kind not in FORMATS:
        raise PictureError(_("The agency's picture is in a format browsers cannot show."))
    return FORMATS[kind]


def picture_of(item: WireItem, index: int) -> dict:
    try:
        return item.pictures[index]
    except (IndexError, TypeError):
        raise PictureError(_("This wire item has no such picture.")) from None


def fetch_picture(item: WireItem, index: int):
    """The library image of the item's ``index``-th picture, fetched once and remembered on the item."""
    picture = picture_of(item, index)
    Image = get_image_model()
    if picture.get("image_id") and (image := Image.objects.filter(pk=picture["image_id"]).first()):
        return image
    try:
        data = fetch(picture["href"]).data
    except FetchError as exc:
        log.warning("wire item %s: picture %s not fetched: %s", item.pk, picture["href"], exc)
        raise PictureError(_("The picture could not be fetched from the agency; try again later.")) from None
    extension = _checked(data)
    stem = PurePosixPath(urlsplit(picture["href"]).path).stem[:60] or "wire-picture"
    title = (picture.get("caption") or item.headline or stem)[:255]
    image = Image.objects.create(title=title, file=ImageFile(io.BytesIO(data), name=f"{stem}.{extension}"))
    pictures = list(item.pictures)
    pictures[index] = {**picture, "image_id": image.pk}
    WireItem.objects.filter(pk=item.pk).update(pictures=pictures)
    item.pictures = pictures
    return image


def _waiting(item: WireItem) -> bool:
    return any(not p.get("image_id") and not p.get("fetch_failed") for p in item.pictures or ())


@task()
def fetch_item_pictures(item_id: int) -> None:
    """Fetch every picture of an item not fetched or tried yet; a failure is noted, not retried here."""
    item = WireItem.objects.filter(pk=item_id).first()
    if item is None:
        return
    for index, picture in enumerate(list(item.pictures or ())):
        if picture.get("image_id") or picture.get("fetch_failed"):
            continue
        try:
            fetch_picture(item, index)
        except PictureError:
            pictures = list(item.pictures)
            pictures[index] = {**picture, "fetch_failed": True}
            WireItem.objects.filter(pk=item.pk).update(pictures=pictures)
            item.pictures = pictures


def request_pictures(item: WireItem) -> bool:
    """Queue the fetch of the item's pictures for the desk to show them; True when some are on the way."""
    if not _waiting(item):
        return False
    fetch_item_pictures.enqueue(item.pk)
    item.refresh_from_db(fields=["pictures"])
    return _waiting(item)
