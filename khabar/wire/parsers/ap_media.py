"""The AP Media API feed response: {"data": {"items": [{"item": {...}}], "next_page": ...}}.

Each item is AP's flavour of ninjs 1.x; the full story text is a separate NITF
rendition (``renditions.nitf.href``) that the fetcher may download, so an item
here carries AP's summary text and a link to the original. ``next_page`` is
returned for the fetcher to follow.
"""

from . import jsonutil
from .base import ItemInvalid, ParseResult, Rejection, clean_html, text, text_to_html, web_url
from .errors import APMediaError
from .ninjs import item_from

FORMAT = "ap_media"


def looks_like(data: bytes, head: str) -> bool:
    return head[:1] == "{" and ('"api_version"' in head or '"next_page"' in head or '"data"' in head)


def parse(data: bytes) -> ParseResult:
    document = jsonutil.load(data, APMediaError)
    payload = document.get("data") if isinstance(document, dict) else None
    if not isinstance(payload, dict) or not isinstance(payload.get("items"), list):
        raise APMediaError('expected an AP Media API feed with "data": {"items": [...]}')
    result = ParseResult(FORMAT, next_page=text(payload.get("next_page"))[:2000])
    for index, entry in enumerate(payload["items"]):
        raw = entry.get("item") if isinstance(entry, dict) else None
        label = text(raw.get("uri")) if isinstance(raw, dict) else ""
        label = label or f"#{index + 1}"
        try:
            if not isinstance(raw, dict):
                raise ItemInvalid('entry has no "item" object')
            raw = jsonutil.lower_keys(raw)
            item = item_from(raw)
            altids = raw.get("altids") if isinstance(raw.get("altids"), dict) else {}
            if text(altids.get("etag")) and not text(raw.get("version")):
                item.version = text(altids["etag"])[:64]
            summary = raw.get("headline_extended") or raw.get("description_summary") or ""
            summary = text(summary) if isinstance(summary, str) else ""
            if not item.body_html:
                item.body_html = text_to_html(summary)
            elif not item.summary:
                item.summary = summary
            item.body_html = clean_html(item.body_html)
            item.provider = item.provider or "AP"
            item.dateline = text(raw.get("located"))[:255]
            if not item.link:
                renditions = raw.get("renditions") if isinstance(raw.get("renditions"), dict) else {}
                nitf = renditions.get("nitf") if isinstance(renditions.get("nitf"), dict) else {}
                item.link = web_url(nitf.get("href"))
            result.items.append(item)
        except ItemInvalid as exc:
            result.rejected.append(Rejection(label[:300], str(exc)))
    return result
