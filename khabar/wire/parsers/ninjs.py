"""IPTC ninjs 1.x, 2.x and 3.x: one item, a list of items, or {"items": [...]}.

Field names are compared lower-cased, which folds 3.x camelCase (``versionCreated``,
``pubStatus``) onto the 1.x/2.x spelling.
"""

from khabar.core.markup import plain_text

from . import jsonutil
from .base import (
    ItemInvalid,
    ParsedItem,
    ParseResult,
    Rejection,
    clean_html,
    parse_datetime,
    parse_urgency,
    pubstatus,
    require,
    text,
    text_to_html,
    web_url,
)
from .errors import NinjsError
from .pictures import ninjs_pictures

FORMAT = "ninjs"
_HTML_TYPES = ("html", "xhtml", "xml")


def looks_like(data: bytes, head: str) -> bool:
    return head[:1] in "{[" and ('"uri"' in head or '"headline' in head or '"ninjs"' in head)


def parse(data: bytes) -> ParseResult:
    document = jsonutil.load(data, NinjsError)
    if isinstance(document, dict):
        lowered = jsonutil.lower_keys(document)
        raw_items = lowered.get("items", lowered.get("ninjs", [document]))
    else:
        raw_items = document
    if not isinstance(raw_items, list):
        raise NinjsError("expected a ninjs object or a list of ninjs objects")
    result = ParseResult(FORMAT)
    for index, raw in enumerate(raw_items):
        label = raw.get("uri") if isinstance(raw, dict) else None
        label = text(label) or f"#{index + 1}"
        try:
            if not isinstance(raw, dict):
                raise ItemInvalid("item is not a JSON object")
            result.items.append(item_from(jsonutil.lower_keys(raw)))
        except ItemInvalid as exc:
            result.rejected.append(Rejection(label[:300], str(exc)))
    return result


def _first(value, key="value", role="main"):
    """The main entry of a ninjs 2/3 list of {role, value} objects, or a plain string."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        entries = [v for v in value if isinstance(v, dict)]
        for entry in entries:
            if text(entry.get("role")).lower() == role:
                return entry.get(key)
        return entries[0].get(key) if entries else None
    return None


def _body(raw: dict) -> str:
    if isinstance(raw.get("bodies"), list):
        bodies = [jsonutil.lower_keys(b) for b in raw["bodies"] if isinstance(b, dict)]
        for body in bodies:
            if any(kind in text(body.get("contenttype")).lower() for kind in _HTML_TYPES):
                return clean_html(str(body.get("value") or ""))
        for body in bodies:
            if isinstance(body.get("value"), str):
                return text_to_html(body["value"])
        return ""
    for key in ("body_html", "body_xhtml"):
        if isinstance(raw.get(key), str):
            return clean_html(raw[key])
    return text_to_html(raw["body_text"]) if isinstance(raw.get("body_text"), str) else ""


def _subjects(raw: dict) -> list:
    subjects = []
    for subject in raw.get("subjects") or raw.get("subject") or []:
        if isinstance(subject, dict):
            subject = jsonutil.lower_keys(subject)
            code = text(subject.get("code") or subject.get("uri") or subject.get("qcode"))
            name = text(subject.get("name"))
            if code or name:
                subjects.append({"code": code, "name": name})
    return subjects


def _provider(raw: dict) -> str:
    sources = raw.get("infosources") or raw.get("infosource")
    if isinstance(sources, list) and sources and isinstance(sources[0], dict):
        return text(sources[0].get("name") or sources[0].get("uri"))
    provider = raw.get("provider")
    if isinstance(provider, dict):
        return text(provider.get("name") or provider.get("uri"))
    return text(provider)


def _copyright_holder(raw: dict) -> str:
    """Who owns the story: ``copyrightholder`` (a name), else the ``copyrightnotice`` sentence."""
    rights = raw.get("rightsinfo") if isinstance(raw.get("rightsinfo"), dict) else {}
    for value in (raw.get("copyrightholder"), rights.get("copyrightholder"), raw.get("copyrightnotice"),
                  rights.get("copyrightnotice")):  # fmt: skip
        if isinstance(value, dict):
            value = value.get("name")
        if text(value):
            return text(value)
    return ""


def _summary(raw: dict) -> str:
    """The summary a ninjs item may carry (1.x ``description_text``, 2.x/3.x ``descriptions``)."""
    if isinstance(raw.get("descriptions"), list):
        return plain_text(str(_first(raw["descriptions"], role="summary") or ""))
    for key in ("description_text", "description_html", "description_usage"):
        if isinstance(raw.get(key), str):
            return plain_text(raw[key])
    return ""


def _link(raw: dict) -> str:
    """A web page of the story from ``links``; the ``uri`` is an identifier even when it starts with http."""
    for entry in raw.get("links") or []:
        if isinstance(entry, dict) and (url := web_url(entry.get("href"))):
            return url
    return ""


def usage_text(usage) -> str:
    if isinstance(usage, list):
        return " ".join(text(term) for term in usage)
    return text(usage)


def item_from(raw: dict) -> ParsedItem:
    uri = text(raw.get("uri"))
    headline = text(raw.get("headline")) or text(_first(raw.get("headlines")))
    require(uri=uri, headline=headline)
    version_created = parse_datetime(raw.get("versioncreated"), "versioncreated")
    version = text(raw.get("version")) or (version_created.isoformat() if version_created else "1")
    return ParsedItem(
        uri=uri[:500],
        version=version[:64],
        headline=headline[:500],
        body_html=_body(raw),
        byline=text(raw.get("byline") or raw.get("by") or _first(raw.get("bylines"), "by"))[:255],
        located=text(raw.get("located"))[:255],
        language=text(raw.get("language"))[:16],
        provider=_provider(raw)[:255],
        subjects=_subjects(raw),
        urgency=parse_urgency(raw.get("urgency")),
        pubstatus=pubstatus(raw.get("pubstatus")),
        embargoed=parse_datetime(raw.get("embargoed"), "embargoed"),
        first_created=parse_datetime(raw.get("firstcreated"), "firstcreated"),
        version_created=version_created,
        link=_link(raw),
        usage_terms=usage_text(raw.get("usageterms")),
        pictures=ninjs_pictures(raw),
        summary=_summary(raw),
        copyright_holder=_copyright_holder(raw)[:255],
    )
