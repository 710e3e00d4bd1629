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
from .status import KILLED
from .versions import diff, is_newer

logger = logging.getLogger(__name__)
CHUNK = 500
_UPDATED_FIELDS = [
    "version", "payload", "provider", "language", "headline", "byline", "dateline", "located", "body_html",
    "subjects", "urgency", "pubstatus", "embargoed", "first_created", "version_created", "link", "usage_terms",
    "summary", "copyright_holder", "updated_at", "killed_at", "signature", "search_text", "pictures",
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

    def _mark(self):
        return (self.items_created, self.items_updated, self.duplicates, self.killed, len(self.rejected))

    def _rewind(self, mark):
        self.items_created, self.items_updated, self.duplicates, self.killed = mark[:4]
        del self.rejected[mark[4] :]


def store_payload(data: bytes, *, source: Source | None = None, origin: str = "", headers=None) -> Payload:
    """Keep the bytes exactly as received, committed on their own before anything reads them."""
    _refuse_oversized(data)
    return Payload.objects.create(
        source=source, origin=origin[:1000], headers=dict(headers or {}), data=data, size=len(data)
    )


def store_payloads(entries, *, source: Source | None = None) -> list[Payload]:
    """Keep several payloads ``(data, origin)`` exactly as received, committed together before any is read."""
    entries = list(entries)
    for data, _ in entries:
        _refuse_oversized(data)
    with transaction.atomic():
        return Payload.objects.bulk_create(
            Payload(source=source, origin=origin[:1000], headers={}, data=data, size=len(data))
            for data, origin in entries
        )


def _refuse_oversized(data: bytes):
    # Readers cap what they read; this is the last guard before the database.
    if len(data) > parsers.max_bytes():
        raise parsers.PayloadTooLargeError(
            f"payload of {len(data)} bytes is over the {parsers.max_bytes()} byte cap"
        )


def _path(payload: Payload) -> str:
    return payload.origin or f"payload:{payload.pk}"


def ingest_payload(payload: Payload, report: IngestReport | None = None) -> IngestReport:
    """Parse a stored payload and file its items; errors are recorded, never raised."""
    return ingest_payloads([payload], report)


def ingest_payloads(payloads: list[Payload], report: IngestReport | None = None) -> IngestReport:
    """Parse stored payloads and file all their items in one transaction; errors are recorded, never raised.

    Filing many payloads at once shares the look-ups, the inserts and the commit between
    them, which is what makes a folder of one-item files quick. Each payload's outcome is
    also left on the object (``status``, ``error``, ``next_page``) for the caller.
    """
    report = report or IngestReport()
    readable, failed = [], []
    for payload in payloads:
        report.files += 1
        try:
            result = parsers.parse(bytes(payload.data), headers=payload.headers)
        except WireFormatError as exc:
            report.unreadable += 1
            report.rejected.append({"path": _path(payload), "item": None, "error": str(exc)})
            failed.append((payload, str(exc), f"{_path(payload)}: {exc}"))
            continue
        payload.next_page = result.next_page
        readable.append((payload, result))
    mark = report._mark()
    try:
        _file(readable, failed, report)
    except IntegrityError:
        # Another worker filed one of the same items at the same moment. File the payloads one
        # by one so that only the clashing one is set aside; its bytes are kept and
        # `khabar wire reparse` (or the next poll) files it as a duplicate or a new version.
        report._rewind(mark)
        _file([], failed, report)
        for pair in readable:
            mark = report._mark()
            try:
                _file([pair], [], report)
            except IntegrityError as exc:
                report._rewind(mark)
                payload = pair[0]
                message = (
                    f"{_path(payload)}: stored but not filed, concurrent ingest of the same item ({exc})"
                )
                report.unreadable += 1
                report.rejected.append({"path": _path(payload), "item": None, "error": message})
                _file([], [(payload, message, message)], report)
    return report


def _file(readable, failed, report) -> None:
    """One transaction: the items of every readable payload, then every payload's status and log."""
    statuses, logs = [], []
    with transaction.atomic():
        if readable:
            kills = _file_items([(p, item) for p, result in readable for item in result.items], report)
            if kills:
                transaction.on_commit(lambda: handle_kills(kills))
        for payload, result in readable:
            for r in result.rejected:
                report.rejected.append({"path": _path(payload), "item": r.item, "error": r.error})
                logs.append(
                    WireLog(source_id=payload.source_id, payload=payload, item_ref=r.item, message=r.error)
                )
            payload.format = result.format
            payload.status = Payload.Status.PARTIAL if result.rejected else Payload.Status.PARSED
            payload.error = "; ".join(f"{r.item}: {r.error}" for r in result.rejected)[:5000]
            statuses.append((payload.format, payload.status, payload.error, payload.pk))
        for payload, error, log in failed:
            payload.status, payload.error = Payload.Status.FAILED, error
            statuses.append((payload.format, payload.status, payload.error, payload.pk))
            logs.append(WireLog(source_id=payload.source_id, payload=payload, message=log))
        if statuses:
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"UPDATE {_table(Payload)} SET format = %s, status = %s, error = %s WHERE id = %s",
                    statuses,
                )
        if logs:
            WireLog.objects.bulk_create(logs)


def ingest_files(
    entries,
    *,
    source: Source | None = None,
    report: IngestReport | None = None,
    files_per_batch: int = 100,
    bytes_per_batch: int = 16 * 1024 * 1024,
):
    """Ingest many files ``(data, origin)``: each batch is stored (committed) first, then filed at once.

    Yields ``(payload, report)`` for every file once its batch is filed, in order. A batch
    closes at ``files_per_batch`` files or ``bytes_per_batch`` bytes, so memory stays bounded.
    """
    report = report or IngestReport()
    batch, size = [], 0
    for data, origin in entries:
        batch.append((data, origin))
        size += len(data)
        if len(batch) >= files_per_batch or size >= bytes_per_batch:
            yield from _ingest_batch(batch, source, report)
            batch, size = [], 0
    if batch:
        yield from _ingest_batch(batch, source, report)


def _ingest_batch(batch, source, report):
    payloads = store_payloads(batch, source=source)
    ingest_payloads(payloads, report)
    for payload in payloads:
        yield payload, report


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


def _chunks(values):
    values = list(values)
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _file_items(pairs: list[tuple[Payload, ParsedItem]], report: IngestReport) -> list[WireItem]:
    """File ``(payload, parsed item)`` pairs, in order: create, update, keep versions, group."""
    now = timezone.now()
    existing = {}
    # Most items are new: a bare look-up of the uris finds the few to load whole.
    found = [uri for (uri,) in _select_in(WireItem, "uri", "uri", {p.uri for _, p in pairs})]
    for chunk in _chunks(found):
        existing.update((i.uri, i) for i in WireItem.objects.filter(uri__in=chunk).order_by())
    known = set()
    for chunk in _chunks(i.pk for i in existing.values()):
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
    _insert(fresh)
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
    for key, item_id in _select_in(WireBand, "key, item_id", "key", all_keys):
        stored.setdefault(key, set()).add(item_id)
    candidate_ids = set().union(*stored.values()) if stored else set()
    candidates = {}
    for pk, sig, cluster in _select_in(WireItem, "id, signature, cluster_id", "id", candidate_ids):
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
    # Band rows and cluster ids go in with executemany: the ORM's per-object overhead was most of ingest time.
    with connection.cursor() as cursor:
        if bands:
            cursor.executemany(f"INSERT INTO {_table(WireBand)} (key, item_id) VALUES (%s, %s)", bands)
        if leads:
            cursor.executemany(
                f"UPDATE {_table(WireItem)} SET cluster_id = %s WHERE id = %s",
                [(cluster, pk) for pk, cluster in leads.items()],
            )


# Values of these column types go to the driver as they are; every other type is prepared by its field.
_AS_IS = {
    "CharField", "TextField", "ForeignKey", "BigIntegerField", "IntegerField", "SmallIntegerField",
    "PositiveIntegerField", "PositiveSmallIntegerField", "BooleanField",
}  # fmt: skip


def _insert(items: list[WireItem]) -> None:
    """``bulk_create`` for new items without its per-value cost (a third of filing time in the profile):
    the same multi-row ``INSERT … RETURNING id`` in the same batch sizes, each value prepared only when its
    field's type needs it (dates, JSON, bytes)."""
    if not items:
        return
    fields = [f for f in WireItem._meta.concrete_fields if not f.primary_key]
    prepare = [(f.attname, None if f.get_internal_type() in _AS_IS else f.get_db_prep_save) for f in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    row = f"({', '.join(['%s'] * len(fields))})"
    size = connection.ops.bulk_batch_size(fields, items)
    with connection.cursor() as cursor:
        for start in range(0, len(items), size):
            batch = items[start : start + size]
            params = [
                value if prep is None else prep(value, connection)
                for item in batch
                for attname, prep in prepare
                for value in (getattr(item, attname),)
            ]
            cursor.execute(
                f"INSERT INTO {_table(WireItem)} ({columns}) VALUES {', '.join([row] * len(batch))} RETURNING id",
                params,
            )
            for item, (pk,) in zip(batch, cursor.fetchall(), strict=True):
                item.pk = pk
                item._state.adding, item._state.db = False, connection.alias


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _select_in(model, columns: str, column: str, values) -> list[tuple]:
    """``SELECT columns FROM model WHERE column IN values`` in chunks, without the ORM's per-query cost
    (the hot look-ups of ingest run once or twice per payload)."""
    rows = []
    with connection.cursor() as cursor:
        for chunk in _chunks(values):
            cursor.execute(
                f"SELECT {columns} FROM {_table(model)} WHERE {column} IN ({', '.join(['%s'] * len(chunk))})",
                chunk,
            )
            rows += cursor.fetchall()
    return rows


def ingest_bytes(data: bytes, *, source=None, origin="", headers=None, report=None) -> IngestReport:
    payload = store_payload(data, source=source, origin=origin, headers=headers)
    return ingest_payload(payload, report)
