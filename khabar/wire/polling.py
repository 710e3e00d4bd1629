"""Polling one source: fetch (or read its drop folder), store every payload, ingest, record health.

Each source is polled on its own and every failure is caught here, so one broken
source only ever delays itself: it backs off (interval × 2^failures, capped)
while the others keep their schedule.
"""

import logging
import shutil
from datetime import timedelta
from pathlib import Path

from django.db.models import Q
from django.utils import timezone

from .fetch import FetchError, fetch
from .files import FolderRefused, drop_folder, dropped_files, read_capped
from .ingest import ingest_files, ingest_payload, store_payload
from .models import Payload, Source, WireLog
from .parsers.errors import PayloadTooLargeError
from .report import IngestReport

logger = logging.getLogger(__name__)
MAX_BACKOFF = timedelta(hours=6)
LEASE = timedelta(minutes=10)
MAX_PAGES = 10


def claim_due_sources(now=None) -> list[Source]:
    """Sources whose poll is due, each claimed with a lease so that no other scheduler polls it too."""
    now = now or timezone.now()
    due = Source.objects.filter(enabled=True).filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))
    claimed = []
    for source in due.order_by("next_poll_at"):
        taken = Source.objects.filter(pk=source.pk, next_poll_at=source.next_poll_at).update(
            next_poll_at=now + LEASE
        )
        if taken:
            claimed.append(source)
    return claimed


def poll_source_now(source: Source) -> str:
    """Poll ``source`` once; returns a one-line outcome. Never raises for a source's own failure."""
    now = timezone.now()
    source.last_polled_at = now
    try:
        if source.kind == Source.Kind.FOLDER:
            report = _poll_folder(source)
        else:
            report = _poll_http(source)
    except (FetchError, OSError) as exc:
        return _failed(source, str(exc))
    if report.unreadable:
        return _failed(source, "; ".join(r["error"] for r in report.rejected if r["item"] is None)[:2000])
    source.last_success_at = timezone.now()
    source.consecutive_failures = 0
    source.next_poll_at = source.last_success_at + timedelta(seconds=source.poll_interval)
    source.save()
    return (
        f"ok: {report.files} payloads, {report.items_created} new, {report.items_updated} updated, "
        f"{len(report.rejected)} rejected"
    )


def _failed(source: Source, message: str) -> str:
    now = timezone.now()
    source.consecutive_failures += 1
    source.last_error, source.last_error_at = message, now
    backoff = min(
        timedelta(seconds=source.poll_interval) * 2 ** min(source.consecutive_failures, 10), MAX_BACKOFF
    )
    source.next_poll_at = now + backoff
    source.save()
    WireLog.objects.create(source=source, message=message)
    logger.warning("wire source %s failed: %s", source.slug, message)
    return f"failed: {message}"


def _poll_http(source: Source) -> IngestReport:
    report = IngestReport()
    url = source.cursor_url or source.url
    if not url:
        raise FetchError("the source has no URL")
    for _ in range(MAX_PAGES):
        conditional = url == source.url  # an AP next_page link is already a cursor
        fetched = fetch(
            url,
            etag=source.etag if conditional else "",
            last_modified=source.last_modified if conditional else "",
            kind=source.kind,
            credentials=source.credentials,
        )
        if fetched.not_modified:
            break
        payload = store_payload(fetched.data, source=source, origin=url, headers=fetched.headers)
        ingest_payload(payload, report)
        if conditional:
            source.etag = fetched.headers.get("ETag", "")[:500]
            source.last_modified = fetched.headers.get("Last-Modified", "")[:100]
        next_page = getattr(payload, "next_page", "")
        if source.kind != Source.Kind.AP_MEDIA or not next_page:
            break
        source.cursor_url = next_page[:2000]
        if next_page == url or payload.status == Payload.Status.FAILED:
            break
        url = next_page
    return report


def _poll_folder(source: Source) -> IngestReport:
    """Ingest every file dropped in the folder, then move it to done/ (or failed/); the bytes stay in Payload."""
    try:
        folder = drop_folder(source.folder)
    except FolderRefused as refused:
        raise FetchError(str(refused)) from None
    if not folder.is_dir():
        raise FetchError(f"drop folder {source.folder!r} does not exist")
    report = IngestReport()
    readable = []
    for path in dropped_files(folder):
        try:
            readable.append((read_capped(path), path))
        except PayloadTooLargeError as exc:  # refused while reading: nothing of it is stored
            report.files += 1
            report.unreadable += 1
            report.rejected.append({"path": str(path), "item": None, "error": str(exc)})
            _file_away(path, folder / "failed")
    filed = ingest_files(((data, str(path)) for data, path in readable), source=source, report=report)
    for (_, path), (payload, _) in zip(readable, filed, strict=True):  # one payload per file, in order
        _file_away(path, folder / ("failed" if payload.status == Payload.Status.FAILED else "done"))
    return report


def _file_away(path: Path, target: Path):
    target.mkdir(exist_ok=True)
    shutil.move(str(path), target / path.name)
