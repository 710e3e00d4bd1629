"""From stored payload to wire items: parse, upsert by uri and version, group near-duplicates.

A payload is always stored (and committed) before it is parsed, so a parser
bug or a malformed item never loses what was sent; ``reparse`` runs the same
path again on stored payloads. All items of a payload are written in a handful
of batched queries, which is what lets ingest keep up with a busy wire.
"""

import logging
from dataclasses import dataclass, field

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from . import dedupe, parsers
from .kills import handle_kills
from .models import Payload, Source, WireBand, WireItem, WireItemVersion, WireLog, search_text
from .parsers import ParsedItem, WireFormatError
from .versions import diff, is_newer

logger = logging.getLogger(__name__)
CHUNK = 500
KILLED = ("canceled", "withheld")
_CONTENT = ["headline", "body_html", "pubstatus", "version", "version_created"]
_UPDATED_FIELDS = [
    "version", "payload", "provider", "language", "headline", "byline", "dateline", "located", "body_html",
    "subjects", "urgency", "pubstatus", "embargoed", "first_created", "version_created", "link", "usage_terms",
    "updated_at", "killed_at", "signature", "search_text",
]  # fmt: skip


@dataclass
class IngestReport:
    files: int = 0
    items_created: int = 0
    items_updated: int = 0
    duplicates: int = 0
    killed: int = 0
    rejected: list = field(default_factory=list)
    unreadable: int = 0

    def as_json(self) -> dict:
        return {
            "files": self.files,
            "items_created": self.items_created,
            "items_updated": self.items_updated,
            "duplicates": self.duplicates,
            "killed": self.killed,
            "rejected": self.rejected,
        }


def store_payload(data: bytes, *, source: Source | None = None, origin: str = "", headers=None) -> Payload:
    """Keep the bytes exactly as received, committed on their own before anything reads them."""
    return Payload.objects.create(
        source=source, origin=origin[:1000], headers=dict(headers or {}), data=data, size=len(data)
    )


def ingest_payload(payload: Payload, report: IngestReport | None = None) -> IngestReport:
    """Parse a stored payload and file its items; errors are recorded, never raised."""
    report = report or IngestReport()
    report.files += 1
    path = payload.origin or f"payload:{payload.pk}"
    try:
        result = parsers.parse(bytes(payload.data), headers=payload.headers)
    except WireFormatError as exc:
        report.unreadable += 1
        report.rejected.append({"path": path, "item": None, "error": str(exc)})
        Payload.objects.filter(pk=payload.pk).update(status=Payload.Status.FAILED, error=str(exc))
        WireLog.objects.create(source=payload.source, payload=payload, message=f"{path}: {exc}")
        return report
    counts = (
        report.items_created,
        report.items_updated,
        report.duplicates,
        report.killed,
        len(report.rejected),
    )
    try:
        _file_payload(payload, result, report, path)
    except IntegrityError as exc:
        report.items_created, report.items_updated, report.duplicates, report.killed = counts[:4]
        del report.rejected[counts[4] :]
        # Another worker filed the same item at the same moment: the payload is kept and
        # `khabar wire reparse` (or the next poll) files it as a duplicate or a new version.
        message = f"{path}: stored but not filed, concurrent ingest of the same item ({exc})"
        report.unreadable += 1
        report.rejected.append({"path": path, "item": None, "error": message})
        Payload.objects.filter(pk=payload.pk).update(status=Payload.Status.FAILED, error=message)
        WireLog.objects.create(source=payload.source, payload=payload, message=message)
        return report
    payload.next_page = result.next_page
    return report


def _file_payload(payload, result, report, path):
    with transaction.atomic():
        kills = _file_items(payload, result.items, report)
        for rejection in result.rejected:
            report.rejected.append({"path": path, "item": rejection.item, "error": rejection.error})
        WireLog.objects.bulk_create(
            WireLog(source=payload.source, payload=payload, item_ref=r.item, message=r.error)
            for r in result.rejected
        )
        Payload.objects.filter(pk=payload.pk).update(
            format=result.format,
            status=Payload.Status.PARTIAL if result.rejected else Payload.Status.PARSED,
            error="; ".join(f"{r.item}: {r.error}" for r in result.rejected)[:5000],
        )
        if kills:
            transaction.on_commit(lambda: handle_kills(kills))
    return kills


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
        "search_text": search_text(parsed.headline, parsed.byline, parsed.uri),
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


def _chunks(values):
    values = list(values)
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _file_items(payload: Payload, parsed_items: list[ParsedItem], report: IngestReport) -> list[WireItem]:
    source, now = payload.source, timezone.now()
    uris = {p.uri for p in parsed_items}
    existing = {}
    for chunk in _chunks(uris):
        existing.update((i.uri, i) for i in WireItem.objects.filter(uri__in=chunk))
    known = set()
    for chunk in _chunks(i.pk for i in existing.values()):
        known.update(WireItemVersion.objects.filter(item_id__in=chunk).values_list("item_id", "version"))

    created, changed, history, kills = {}, {}, [], []
    for parsed in parsed_items:
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
        if item.pk:
            changed[item.pk] = item
            report.items_updated += 1

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
    WireItem.objects.bulk_create(fresh, batch_size=CHUNK)
    if changed:
        WireItem.objects.bulk_update(changed.values(), _UPDATED_FIELDS, batch_size=CHUNK)
    if history:
        for item, version in history:
            version.item = item
        WireItemVersion.objects.bulk_create([v for _, v in history], ignore_conflicts=True)
    _group(touched, signatures, changed.keys(), old_signatures)
    return kills


def _group(items: list[WireItem], signatures: dict, changed_pks, old_signatures: dict) -> None:
    """Give each item the cluster of the first near-duplicate found, in the database or in this batch."""
    for item in items:
        if item.pk in changed_pks and item.pk in old_signatures:
            # Band rows are found by key (the only index), from the signature being replaced.
            WireBand.objects.filter(
                key__in=dedupe.band_keys(old_signatures[item.pk]), item_id=item.pk
            ).delete()
    keys_of = {id(i): dedupe.band_keys(signatures[id(i)]) for i in items if signatures[id(i)] is not None}
    all_keys = {k for keys in keys_of.values() for k in keys}
    stored = {}
    for chunk in _chunks(all_keys):
        for key, item_id in WireBand.objects.filter(key__in=chunk).values_list("key", "item_id"):
            stored.setdefault(key, set()).add(item_id)
    candidate_ids = set().union(*stored.values()) if stored else set()
    candidates = {}
    for chunk in _chunks(candidate_ids):
        for pk, sig, cluster in WireItem.objects.filter(pk__in=chunk).values_list(
            "pk", "signature", "cluster_id"
        ):
            candidates[pk] = [dedupe.from_bytes(sig), cluster]
    bands, leads = [], {}
    for item in items:
        keys = keys_of.get(id(item))
        if not keys:
            continue
        sig = signatures[id(item)]
        match = None
        for key in keys:
            for other in stored.get(key, ()):
                if other != item.pk and candidates[other][0] is not None:
                    if dedupe.similarity(sig, candidates[other][0]) >= dedupe.THRESHOLD:
                        match = other
                        break
            if match:
                break
        if match:
            cluster = candidates[match][1] or match
            if candidates[match][1] is None:
                candidates[match][1] = leads[match] = cluster
            if item.cluster_id != cluster:
                item.cluster_id = cluster
                leads[item.pk] = cluster
        candidates[item.pk] = [sig, item.cluster_id]
        for key in keys:
            stored.setdefault(key, set()).add(item.pk)
            bands.append((key, item.pk))
    _insert_bands(bands)
    by_cluster = {}
    for pk, cluster in leads.items():
        by_cluster.setdefault(cluster, []).append(pk)
    for cluster, pks in by_cluster.items():
        WireItem.objects.filter(pk__in=pks).update(cluster_id=cluster)


def _insert_bands(rows: list[tuple[int, int]]) -> None:
    """Band rows go in with executemany: the ORM's per-object overhead was most of ingest time."""
    if not rows:
        return
    table = connection.ops.quote_name(WireBand._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} (key, item_id) VALUES (%s, %s)", rows)


def ingest_bytes(data: bytes, *, source=None, origin="", headers=None, report=None) -> IngestReport:
    payload = store_payload(data, source=source, origin=origin, headers=headers)
    return ingest_payload(payload, report)
