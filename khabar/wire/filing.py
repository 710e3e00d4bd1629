"""Filing parsed items: create new ones, update an item when a newer version arrives, keep every earlier
version with its diff, and count what happened in the report."""

from django.utils import timezone

from . import dedupe
from .grouping import group
from .models import Payload, Source, WireItem, WireItemVersion, search_text
from .parsers import ParsedItem
from .report import IngestReport
from .sql import CHUNK, chunks, insert_items, select_in
from .status import KILLED
from .versions import diff, is_newer

_UPDATED_FIELDS = [
    "version", "payload", "provider", "language", "headline", "byline", "dateline", "located", "body_html",
    "subjects", "urgency", "pubstatus", "embargoed", "first_created", "version_created", "link", "usage_terms",
    "summary", "copyright_holder", "updated_at", "killed_at", "signature", "search_text", "pictures",
]  # fmt: skip


def _fields(parsed: ParsedItem, source: Source | None) -> dict:
    terms = [source.usage_terms if source else "", parsed.usage_terms]
    return {
        "version": parsed.version,
        "provider": parsed.provider,
        "language": parsed.language or (source.language if source else ""),
        "headline": parsed.headline,
        "byline": parsed.byline,
        "dateline": parsed.dateline,
        "located": parsed.located,
        "body_html": parsed.body_html,
        "subjects": parsed.subjects,
        "urgency": parsed.urgency,
        "pubstatus": parsed.pubstatus,
        "embargoed": parsed.embargoed,
        "first_created": parsed.first_created,
        "version_created": parsed.version_created,
        "link": parsed.link,
        "usage_terms": "\n".join(t for t in terms if t),
        "summary": parsed.summary,
        "copyright_holder": parsed.copyright_holder,
        "search_text": search_text(parsed.headline, parsed.byline, parsed.uri),
        "pictures": parsed.pictures,
    }


def _old_version(item: WireItem, payload, newer_headline, newer_body) -> WireItemVersion:
    return WireItemVersion(
        item=item if item.pk else None,
        version=item.version,
        headline=item.headline,
        body_html=item.body_html,
        pubstatus=item.pubstatus,
        version_created=item.version_created,
        payload=item.payload if item.payload_id else None,
        diff=diff(item.headline, item.body_html, newer_headline, newer_body),
    )


def file_items(pairs: list[tuple[Payload, ParsedItem]], report: IngestReport) -> list[WireItem]:
    """File ``(payload, parsed item)`` pairs, in order: create, update, keep versions, group."""
    now = timezone.now()
    existing = {}
    # Most items are new: a bare look-up of the uris finds the few to load whole.
    found = [uri for (uri,) in select_in(WireItem, "uri", "uri", {p.uri for _, p in pairs})]
    for chunk in chunks(found):
        existing.update((i.uri, i) for i in WireItem.objects.filter(uri__in=chunk).order_by())
    known = set()
    for chunk in chunks(i.pk for i in existing.values()):
        known.update(
            WireItemVersion.objects.filter(item_id__in=chunk).order_by().values_list("item_id", "version")
        )

    created, changed, history, kills = {}, {}, [], []
    for payload, parsed in pairs:
        source = payload.source
        item = existing.get(parsed.uri) or created.get(parsed.uri)
        if item is None:
            item = WireItem(uri=parsed.uri, source=source, payload=payload, received_at=now, updated_at=now,
                            agency_id=source.agency_id if source else None,
                            usage=source.usage if source else Source.Usage.TRANSLATE,
                            **_fields(parsed, source))  # fmt: skip
            if parsed.pubstatus in KILLED:
                item.killed_at = now
                report.killed += 1
            created[parsed.uri] = item
            report.items_created += 1
            continue
        if parsed.version == item.version or (item.pk, parsed.version) in known:
            report.duplicates += 1
            continue
        if not is_newer(parsed.version, parsed.version_created, item.version, item.version_created):
            # A late, older version: kept in the history, the item stays as it is.
            late = WireItem(**_fields(parsed, source), payload=payload)
            history.append((item, _old_version(late, payload, item.headline, item.body_html)))
            known.add((item.pk, parsed.version))
            report.duplicates += 1
            continue
        history.append((item, _old_version(item, payload, parsed.headline, parsed.body_html)))
        known.add((item.pk, item.version))
        was_live = item.pubstatus not in KILLED
        for name, value in _fields(parsed, source).items():
            setattr(item, name, value)
        item.payload, item.updated_at = payload, now
        if parsed.pubstatus in KILLED and was_live:
            item.killed_at = now
            report.killed += 1
            kills.append(item)
        report.items_updated += 1  # counted as filing the payloads one by one would count it
        if item.pk:
            changed[item.pk] = item

    fresh = list(created.values())
    touched = fresh + list(changed.values())
    signatures = {}
    old_signatures = {
        i.pk: sig for i in changed.values() if (sig := dedupe.from_bytes(i.signature)) is not None
    }
    for item in touched:
        sig = dedupe.signature(dedupe.story_text(item.headline, item.body_html))
        signatures[id(item)] = sig
        item.signature = dedupe.to_bytes(sig)
    insert_items(fresh)
    if changed:
        WireItem.objects.bulk_update(changed.values(), _UPDATED_FIELDS, batch_size=CHUNK)
    if history:
        for item, version in history:
            version.item = item
        WireItemVersion.objects.bulk_create([v for _, v in history], ignore_conflicts=True)
    group(touched, signatures, changed.keys(), old_signatures)
    return kills
