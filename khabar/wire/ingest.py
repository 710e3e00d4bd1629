"""From stored payload to wire items: parse, upsert by uri and version, group near-duplicates.

A payload is always stored (and committed) before it is parsed, so a parser
bug or a malformed item never loses what was sent; ``reparse`` runs the same
path again on stored payloads. All items of a payload are written in a handful
of batched queries, which is what lets ingest keep up with a busy wire.

This module stores payloads and runs the parse-and-file transaction; ``filing`` creates and updates
items and keeps their versions, ``grouping`` puts near-duplicates together, ``sql`` holds the
hand-written statements and ``report`` the counts.
"""

import logging

from django.db import IntegrityError, connection, transaction

from . import parsers
from .filing import file_items
from .kills import handle_kills
from .models import Payload, Source, WireLog
from .parsers import WireFormatError
from .report import IngestReport
from .sql import table

logger = logging.getLogger(__name__)


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
            kills = file_items([(p, item) for p, result in readable for item in result.items], report)
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
                    f"UPDATE {table(Payload)} SET format = %s, status = %s, error = %s WHERE id = %s",
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


def ingest_bytes(data: bytes, *, source=None, origin="", headers=None, report=None) -> IngestReport:
    payload = store_payload(data, source=source, origin=origin, headers=headers)
    return ingest_payload(payload, report)
