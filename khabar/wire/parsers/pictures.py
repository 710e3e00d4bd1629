"""Pictures that travel with a wire story: ninjs associations, NewsML-G2 picture items and links,
RSS enclosures and Media RSS content. Each with its credit and usage terms; only http(s) addresses.

Kept apart from the story parsers so that each format reads its pictures in one call.
"""

from dataclasses import asdict, dataclass

from khabar.core.markup import plain_text

from .base import text, web_url
from .jsonutil import lower_keys

MAX_PICTURES = 20
PICTURE_TYPES = {"picture", "graphic", "image", "photo"}


@dataclass
class ParsedPicture:
    href: str
    caption: str = ""
    credit: str = ""
    usage_terms: str = ""
    mime_type: str = ""
    width: int | None = None
    height: int | None = None
    uri: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def web_address(value) -> str:
    """A picture's address through the parsers' one http(s) check (``base.web_url``), with room for
    long image-service URLs: file:, data:, javascript: … are never fetched."""
    return web_url(value, max_length=1000)


def _size(value) -> int | None:
    try:
        size = int(text(value) or "x")
    except ValueError:
        return None
    return size if 0 < size < 100_000 else None


def _is_image(mime_type: str) -> bool:
    return not mime_type or mime_type.lower().startswith("image/")


def _keep(pictures) -> list[dict]:
    seen, kept = set(), []
    for picture in pictures:
        if picture.href and picture.href not in seen and _is_image(picture.mime_type):
            seen.add(picture.href)
            kept.append(picture.as_dict())
    return kept[:MAX_PICTURES]


# ninjs ---------------------------------------------------------------------------------------------

_BEST_RENDITIONS = ("original", "highres", "baseimage", "main", "viewimage", "preview")


def _ninjs_renditions(raw: dict) -> list[dict]:
    """Renditions as a list of lower-cased dicts with a name: 1.x/2.x map them by name, 3.x lists them."""
    renditions = raw.get("renditions")
    if isinstance(renditions, dict):
        return [{"name": name, **lower_keys(r)} for name, r in renditions.items() if isinstance(r, dict)]
    if isinstance(renditions, list):
        return [lower_keys(r) for r in renditions if isinstance(r, dict)]
    return []


def _ninjs_rendition(raw: dict) -> dict:
    """The rendition to fetch: a named original/high-resolution one, else the widest with an address."""
    usable = [r for r in _ninjs_renditions(raw) if web_address(r.get("href"))]
    for wanted in _BEST_RENDITIONS:
        for rendition in usable:
            if text(rendition.get("name")).lower() == wanted:
                return rendition
    return max(usable, key=lambda r: _size(r.get("width")) or 0, default={})


def _ninjs_caption(raw: dict) -> str:
    caption = text(raw.get("description_text")) or plain_text(raw.get("description_xhtml") or "")
    descriptions = raw.get("descriptions")
    if not caption and isinstance(descriptions, list):
        for description in descriptions:
            if isinstance(description, dict) and text(description.get("value")):
                caption = text(description.get("value"))
                if text(description.get("role")).lower() in ("caption", "summary", "drol:caption"):
                    break
    return caption or text(raw.get("headline")) or plain_text(raw.get("body_text") or "")


def _ninjs_credit(raw: dict) -> str:
    by = text(raw.get("byline") or raw.get("by"))
    holder = text(raw.get("copyrightholder"))
    return " / ".join(part for part in (by, holder) if part) or text(raw.get("copyrightnotice"))


def ninjs_pictures(raw: dict) -> list[dict]:
    """The pictures among a ninjs item's associations (a dict by name in 1.x/2.x, a list in 3.x)."""
    associations = raw.get("associations")
    if isinstance(associations, dict):
        associations = list(associations.values())
    if not isinstance(associations, list):
        return []
    pictures = []
    for association in associations:
        if not isinstance(association, dict):
            continue
        association = lower_keys(association)
        kind = text(association.get("type")).lower()
        if kind and kind not in PICTURE_TYPES:
            continue
        rendition = _ninjs_rendition(association)
        href = web_address(rendition.get("href"))
        if not href and kind in PICTURE_TYPES:
            href = web_address(association.get("uri"))  # some agencies give the picture's own address
        usage = association.get("usageterms")
        pictures.append(
            ParsedPicture(
                href=href,
                caption=_ninjs_caption(association)[:1000],
                credit=_ninjs_credit(association)[:255],
                usage_terms=" ".join(map(text, usage)) if isinstance(usage, list) else text(usage),
                mime_type=text(rendition.get("mimetype") or rendition.get("contenttype")).replace(
                    "jpg", "jpeg"
                ),
                width=_size(rendition.get("width")),
                height=_size(rendition.get("height")),
                uri=text(association.get("uri"))[:500],
            )
        )
    return _keep(pictures)


# NewsML-G2 ----------------------------------------------------------------------------------------


def _local(element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _find(element, name):
    return (
        next((child for child in element.iter() if _local(child) == name), None)
        if element is not None
        else None
    )


def _findall(element, name):
    return [child for child in element.iter() if _local(child) == name] if element is not None else []


def _text(element) -> str:
    return text("".join(element.itertext())) if element is not None else ""


def _is_picture_item(element) -> bool:
    item_class = _find(_find(element, "itemMeta"), "itemClass")
    qcode = text(item_class.get("qcode") if item_class is not None else "").lower()
    return qcode.rsplit(":", 1)[-1] in PICTURE_TYPES


def _g2_picture_item(element) -> ParsedPicture | None:
    """A picture newsItem's best remoteContent (the widest), with caption, credit line and usage terms."""
    contents = [
        c for c in _findall(_find(element, "contentSet"), "remoteContent") if web_address(c.get("href"))
    ]
    if not contents:
        return None
    best = max(contents, key=lambda c: _size(c.get("width")) or 0)
    content_meta = _find(element, "contentMeta")
    caption = next(
        (
            _text(d)
            for d in _findall(content_meta, "description")
            if text(d.get("role")).lower() in ("", "drol:caption", "caption")
        ),
        "",
    ) or _text(_find(content_meta, "headline"))
    creator = _find(content_meta, "creator")
    credit = _text(_find(content_meta, "creditline")) or (
        _text(_find(creator, "name")) or text(creator.get("literal")) if creator is not None else ""
    )
    return ParsedPicture(
        href=web_address(best.get("href")),
        caption=caption[:1000],
        credit=(credit or _text(_find(_find(element, "rightsInfo"), "copyrightHolder")))[:255],
        usage_terms=_text(_find(_find(element, "rightsInfo"), "usageTerms")),
        mime_type=text(best.get("contenttype")),
        width=_size(best.get("width")),
        height=_size(best.get("height")),
        uri=text(element.get("guid"))[:500],
    )


def g2_pictures(item, picture_items: dict) -> list[dict]:
    """Pictures of a NewsML-G2 newsItem: itself when it is a picture, the picture items of the same
    message it links to (``residref``), and links with an image content type and an address."""
    pictures = []
    if _is_picture_item(item) and (own := _g2_picture_item(item)):
        pictures.append(own)
    for link in _findall(_find(item, "itemMeta"), "link"):
        if (linked := picture_items.get(text(link.get("residref")))) is not None:
            pictures.append(linked)
        elif (href := web_address(link.get("href"))) and text(link.get("contenttype")).startswith("image/"):
            pictures.append(
                ParsedPicture(
                    href=href,
                    caption=text(link.get("title"))[:1000],
                    mime_type=text(link.get("contenttype")),
                    width=_size(link.get("width")),
                    height=_size(link.get("height")),
                    uri=text(link.get("residref"))[:500],
                )
            )
    return _keep(pictures)


def g2_picture_items(elements) -> dict:
    """{guid: ParsedPicture} of the picture items in a message, for the text items that link to them."""
    found = {}
    for element in elements:
        if _local(element) == "newsItem" and _is_picture_item(element):
            if (picture := _g2_picture_item(element)) is not None:
                found[text(element.get("guid"))] = picture
    return found


# RSS and Atom (feedparser entries) ---------------------------------------------------------------


def story_contents(entry) -> tuple[list, str]:
    """(the entry's story contents, the Media RSS caption): feedparser files ``media:description`` under
    ``content`` as plain text, where it would pass for the story's body."""
    contents = entry.get("content") or []
    if not entry.get("media_content"):
        return contents, ""
    captions = [c for c in contents if c.get("type") == "text/plain"]
    if not captions:
        return contents, ""
    return [c for c in contents if c.get("type") != "text/plain"], text(captions[0].get("value"))


def rss_pictures(entry, caption="") -> list[dict]:
    """Media RSS ``media:content`` (images, the first with ``caption``) and image ``enclosure`` links."""
    credits = entry.get("media_credit") or []
    credit = next(
        (text(c.get("content")) for c in credits if isinstance(c, dict) and text(c.get("content"))), ""
    )
    credit = credit or text(entry.get("media_copyright"))
    license_ = entry.get("media_license")
    usage = text(license_.get("content") if isinstance(license_, dict) else license_)
    pictures = []
    for media in entry.get("media_content") or []:
        medium, mime_type = text(media.get("medium")).lower(), text(media.get("type"))
        if medium in ("", "image") and _is_image(mime_type):
            pictures.append(
                ParsedPicture(
                    href=web_address(media.get("url")),
                    caption="" if pictures else caption[:1000],
                    credit=credit[:255],
                    usage_terms=usage,
                    mime_type=mime_type,
                    width=_size(media.get("width")),
                    height=_size(media.get("height")),
                )
            )
    for link in entry.get("links") or []:
        if text(link.get("rel")) == "enclosure" and text(link.get("type")).startswith("image/"):
            pictures.append(
                ParsedPicture(
                    href=web_address(link.get("href")),
                    credit=credit[:255],
                    usage_terms=usage,
                    mime_type=text(link.get("type")),
                )
            )
    return _keep(pictures)
